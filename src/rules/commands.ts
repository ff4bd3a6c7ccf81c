/** A light reading of shell and PowerShell command lines: enough to find a program and its arguments, not a parser. */

export interface Word {
  text: string;
  start: number;
  end: number;
}

export interface SimpleCommand {
  /** The program, path and `.exe` stripped, lower case. */
  program: string;
  /** Where the program word starts and the command ends, in the line. */
  start: number;
  end: number;
  args: Word[];
  /** Its standard input comes from a pipe (`yes | apt-get install …`). */
  piped: boolean;
}

const PREFIXES = new Set(["sudo", "env", "nohup", "time", "exec", "command", "nice", "stdbuf", "eatmydata", "&"]);
const SUDO_WITH_VALUE = new Set(["-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U"]);

/** The simple commands of one line, split at `;`, `&&`, `||`, `|` and `&` outside quotes; a `#` comment ends the line. */
export function commandsIn(line: string): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let words: Word[] = [];
  let piped = false;
  // the word being read runs from `start` (-1: none) to `end`; a word is one unbroken span of the line
  let start = -1;
  let end = 0;
  let quote = 0;
  const endWord = (): void => {
    if (start >= 0) words.push({ text: line.slice(start, end), start, end });
    start = -1;
  };
  const endCommand = (nextPiped: boolean): void => {
    endWord();
    const command = toCommand(words, piped);
    if (command) out.push(command);
    words = [];
    piped = nextPiped;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      end = i + 1;
      continue;
    }
    if (c === HASH && start < 0) break;
    if (c === SEMICOLON || c === AMPERSAND || c === BAR) {
      const double = line.charCodeAt(i + 1) === c;
      endCommand(c === BAR && !double);
      if (double) i++;
      continue;
    }
    if (isSpace(c)) {
      endWord();
      continue;
    }
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) quote = c;
    if (start < 0) start = i;
    end = i + 1;
  }
  endCommand(false);
  return out;
}

const HASH = 0x23;
const SEMICOLON = 0x3b;
const AMPERSAND = 0x26;
const BAR = 0x7c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

/** What /\s/ matches, by char code. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const QUOTE_OR_SLASH = /["'\\/]/;

function toCommand(words: Word[], piped: boolean): SimpleCommand | undefined {
  let i = 0;
  while (i < words.length) {
    const w = words[i]!.text;
    if (/^[A-Za-z_]\w*=/.test(w)) i++;
    else if (PREFIXES.has(w.toLowerCase())) {
      i++;
      if (w === "sudo") while (i < words.length && words[i]!.text.startsWith("-")) i += SUDO_WITH_VALUE.has(words[i]!.text) ? 2 : 1;
    } else break;
  }
  const first = words[i];
  if (!first) return undefined;
  const last = words[words.length - 1]!;
  // (a bare word, the usual case, has no quotes or path to strip)
  const bare = QUOTE_OR_SLASH.test(first.text) ? first.text.replace(/^["']|["']$/g, "").replace(/^.*[\\/]/, "") : first.text;
  const program = bare.replace(/\.exe$/i, "").toLowerCase();
  return { program, start: first.start, end: last.end, args: words.slice(i + 1), piped };
}
