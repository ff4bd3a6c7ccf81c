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
  let word: Word | undefined;
  let quote: string | undefined;
  const endWord = (): void => {
    if (word) words.push(word);
    word = undefined;
  };
  const endCommand = (nextPiped: boolean): void => {
    endWord();
    const command = toCommand(words, piped);
    if (command) out.push(command);
    words = [];
    piped = nextPiped;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      word!.text += c;
      word!.end = i + 1;
      continue;
    }
    if (c === "#" && !word) break;
    if (c === ";" || c === "&" || c === "|") {
      const double = line[i + 1] === c;
      endCommand(c === "|" && !double);
      if (double) i++;
      continue;
    }
    if (/\s/.test(c)) {
      endWord();
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    word ??= { text: "", start: i, end: i };
    word.text += c;
    word.end = i + 1;
  }
  endCommand(false);
  return out;
}

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
  const program = first.text.replace(/^["']|["']$/g, "").replace(/^.*[\\/]/, "").replace(/\.exe$/i, "").toLowerCase();
  return { program, start: first.start, end: last.end, args: words.slice(i + 1), piped };
}
