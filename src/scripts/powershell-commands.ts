/**
 * The commands a PowerShell script runs, read well enough not to be fooled: strings (here-strings too),
 * escapes and comments are skipped; statements end at newlines and `;`, pipelines split at `|`; the
 * statements inside `{ }` blocks (of if/else, foreach, try, script blocks …), `( )`, `$( )` and `@( )`
 * are read as well; `& 'path\program.exe'` calls a program; `cmd /c …` and `powershell -Command …`
 * are looked through. Not a parser: one pass, bounded nesting, no recursion on the text.
 */
import {
  AMP,
  AT,
  BAR,
  BT,
  CR,
  DOLLAR,
  DQ,
  GT,
  HASH,
  isBlank,
  LBRACE,
  LBRACKET,
  LPAREN,
  LT,
  MAX_NESTING,
  NL,
  programName,
  RBRACE,
  relocated,
  RPAREN,
  SEMI,
  SQ,
  type Command,
  type Word,
} from "./commands.js";

/** The commands of a PowerShell script, in the order they are written. */
export function powershellCommands(text: string): Command[] {
  const out: Command[] = [];
  readPowerShell(text, 0, out);
  return out.sort((a, b) => a.name.start - b.name.start);
}

/** Keywords that start a statement without being a command (what follows them may be one). */
const STATEMENT_WORDS = new Set([
  "if", "elseif", "else", "foreach", "for", "while", "until", "do", "switch", "try", "catch", "finally", "trap", "param",
  "begin", "process", "end", "dynamicparam", "clean", "return", "throw", "exit", "break", "continue", "data", "default",
]);
/** Keywords followed by a name that is not a command. */
const NAMING_WORDS = new Set(["function", "filter", "workflow", "configuration", "class", "enum"]);
const ASSIGNMENT_OPERATOR = /^[-+*/%?]?\?*=$/;
/** A word that can name a command: not a variable, a string, a number or an expression. */
const COMMAND_NAME = /^[A-Za-z_.\\]/;

interface Frame {
  /** The character that closes it (none for the script itself). */
  closer: number;
  /** Where it opens. */
  open: number;
  /** A hashtable `@{ … }`: its statements are keys and values, not commands. */
  hash: boolean;
  words: Word[];
  /** The word after `&` names the program. */
  call: boolean;
  skipName: boolean;
  piped: boolean;
  pipeFrom: Command | undefined;
  writes: Word[];
}

const frame = (closer: number, open: number, hash = false): Frame => ({ closer, open, hash, words: [], call: false, skipName: false, piped: false, pipeFrom: undefined, writes: [] });

function readPowerShell(text: string, depth: number, out: Command[]): void {
  const to = text.length;
  const code = (i: number): number => (i < to ? text.charCodeAt(i) : -1);
  const frames: Frame[] = [frame(-1, 0)];
  let i = 0;

  const endCommand = (f: Frame, pipe: boolean): void => {
    const { words, writes, call } = f;
    f.words = [];
    f.writes = [];
    f.call = false;
    f.skipName = false;
    // a pipe goes on over a line break (`Get-Item x |` ⏎ `Remove-Item`)
    if (words.length === 0 && !pipe) return;
    const emitted = words.length > 0 && !f.hash ? emit(text, words, writes, call, f.piped, depth, out) : undefined;
    if (f.piped && emitted && f.pipeFrom) f.pipeFrom.output = emitted[0];
    f.pipeFrom = pipe ? emitted?.[1] : undefined;
    f.piped = pipe;
  };

  while (i < to) {
    const c = text.charCodeAt(i);
    const next = code(i + 1);
    const top = frames[frames.length - 1]!;
    if (c === NL || c === SEMI) {
      endCommand(top, false);
      i++;
    } else if (isBlank(c)) i++;
    else if (c === HASH) i = indexOrEnd(text, "\n", i);
    else if (c === LT && next === HASH) i = Math.min(indexOrEnd(text, "#>", i + 2) + 2, to);
    else if (c === BT && (next === NL || (next === CR && code(i + 2) === NL))) i += next === CR ? 3 : 2;
    else if (c === BAR) {
      endCommand(top, next !== BAR);
      i += next === BAR ? 2 : 1;
    } else if (c === AMP) {
      if (next !== AMP && top.words.length === 0) top.call = true;
      else endCommand(top, false);
      i += next === AMP ? 2 : 1;
    } else if (c === LBRACE || c === LPAREN || ((c === DOLLAR || c === AT) && next === LPAREN) || (c === AT && next === LBRACE)) {
      const opener = c === LBRACE || c === LPAREN ? c : next;
      frames.push(frame(opener === LBRACE ? RBRACE : RPAREN, i, c === AT && next === LBRACE));
      i += opener === c ? 1 : 2;
    } else if (c === RBRACE || c === RPAREN) {
      if (frames.length > 1 && top.closer === c) {
        endCommand(top, false);
        frames.pop();
        // the block or expression is one word of the command around it
        frames[frames.length - 1]!.words.push({ value: text.slice(top.open, i + 1), start: top.open, end: i + 1 });
      }
      i++;
    } else if (c === GT || c === LT) {
      // `>`, `>>`, `2>&1`, `*>` …: the target is a file, not an argument
      const op = /^(?:>>?|<)(?:&[0-9])?/.exec(text.slice(i, i + 4))![0];
      i += op.length;
      while (isBlank(code(i))) i++;
      if (!op.includes("&") && i < to && !isSeparator(code(i))) {
        const target = lexWord(text, i);
        top.writes.push(target);
        i = target.end;
      }
    } else {
      const w = lexWord(text, i);
      i = Math.max(w.end, i + 1);
      // `2>` and `*>`: the stream of a redirection
      if ((w.value === "*" || /^[1-6]$/.test(w.value)) && code(w.end) === GT) continue;
      if (top.skipName) {
        top.skipName = false;
        continue;
      }
      if (top.words.length === 0 && !top.call && w.end - w.start === w.value.length) {
        const keyword = w.value.toLowerCase();
        if (STATEMENT_WORDS.has(keyword)) continue;
        if (NAMING_WORDS.has(keyword)) {
          top.skipName = true;
          continue;
        }
      }
      top.words.push(w);
    }
  }
  while (frames.length > 0) endCommand(frames.pop()!, false);
}

function isSeparator(c: number): boolean {
  return c === NL || c === SEMI || c === BAR || c === AMP || c === LBRACE || c === RBRACE || c === LPAREN || c === RPAREN || c === GT || c === LT || isBlank(c);
}

/** Adds the command the words run; its first and last command when there is one. */
function emit(text: string, words: Word[], writes: Word[], call: boolean, input: boolean, depth: number, out: Command[]): [Command, Command] | undefined {
  let k = 0;
  // `$x = command …` and `[type]$x = …` assign the command's output
  while (k + 1 < words.length && /^[$[]/.test(words[k]!.value) && ASSIGNMENT_OPERATOR.test(words[k + 1]!.value)) k += 2;
  const name = words[k];
  if (!name) return undefined;
  const raw = text.slice(name.start, name.end);
  if (call ? /^[{(]/.test(raw) : !COMMAND_NAME.test(raw)) return undefined;
  const program = programName(name.value);
  if (program === "." && !call) return undefined;
  const line = commandLine(program, words, k + 1);
  if (line !== undefined) {
    if (line >= words.length || depth + 1 >= MAX_NESTING) return undefined;
    if (line === words.length - 1) return readString(text, words[line]!, input, depth, out);
    return emit(text, words.slice(line), writes, false, input, depth + 1, out);
  }
  const command: Command = { program, name, args: words.slice(k + 1), assignments: [], input, inputTexts: [], writes };
  out.push(command);
  return [command, command];
}

/** Where the command that `cmd /c` or `powershell -Command` runs starts among the words (undefined: the program runs no other). */
function commandLine(program: string, words: readonly Word[], k: number): number | undefined {
  if (program === "cmd") {
    for (; k < words.length; k++) if (/^\/[ck]$/i.test(words[k]!.value)) return k + 1;
    return undefined;
  }
  if (program === "powershell" || program === "pwsh") {
    for (; k < words.length; k++) if (/^-(c|com|comm|comma|comman|command)$/i.test(words[k]!.value)) return k + 1;
  }
  return undefined;
}

/** The commands of one string given to `cmd /c` or `powershell -Command`, placed where its characters are written. */
function readString(text: string, word: Word, input: boolean, depth: number, out: Command[]): [Command, Command] | undefined {
  const offsets: number[] = [];
  const { value } = lexWord(text, word.start, offsets);
  const inner: Command[] = [];
  readPowerShell(value, depth + 1, inner);
  if (inner.length === 0) return undefined;
  inner.sort((a, b) => a.name.start - b.name.start);
  const placed = relocated(inner, offsets);
  for (const c of placed) c.input ||= input;
  out.push(...placed);
  return [placed[0]!, placed[placed.length - 1]!];
}

/** The word starting at `start`, its value as the command receives it; with `offsets`, where each character of the value is written. */
function lexWord(text: string, start: number, offsets?: number[]): Word {
  const to = text.length;
  let value = "";
  const add = (from: number, end: number): void => {
    value += text.slice(from, end);
    if (offsets) for (let p = from; p < end; p++) offsets.push(p);
  };
  let i = start;
  // a here-string: @' or @" at the end of its line, closed by '@ or "@ at the start of a line
  if (text.charCodeAt(i) === AT && (text.charCodeAt(i + 1) === SQ || text.charCodeAt(i + 1) === DQ) && /^[ \t]*\r?\n/.test(text.slice(i + 2, i + 2 + 64))) {
    const closer = `\n${text[i + 1]}@`;
    const bodyStart = text.indexOf("\n", i) + 1;
    const close = text.indexOf(closer, bodyStart - 1);
    const end = close < 0 ? to : close;
    add(bodyStart, Math.max(bodyStart, end));
    const wordEnd = close < 0 ? to : close + closer.length;
    if (offsets) offsets.push(wordEnd);
    return { value, start, end: wordEnd };
  }
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isBlank(c) || c === NL || c === SEMI || c === BAR || c === AMP || c === LBRACE || c === RBRACE || c === LPAREN || c === RPAREN || c === GT || c === LT) break;
    if (c === BT) {
      if (i + 1 < to && text.charCodeAt(i + 1) !== NL) add(i + 1, i + 2);
      i += 2;
    } else if (c === SQ) {
      i++;
      while (i < to) {
        const close = indexOrEnd(text, "'", i);
        add(i, close);
        if (text.charCodeAt(close + 1) !== SQ || close >= to) {
          i = close + 1;
          break;
        }
        add(close, close + 1);
        i = close + 2;
      }
    } else if (c === DQ) i = doubleQuoted(text, i + 1, add);
    else if (c === DOLLAR && text.charCodeAt(i + 1) === LBRACE) {
      const close = indexOrEnd(text, "}", i + 2);
      add(i, Math.min(close + 1, to));
      i = close + 1;
    } else if (c === DOLLAR && text.charCodeAt(i + 1) === LPAREN && i > start) break;
    else if (c === LBRACKET && i === start) {
      const close = indexOrEnd(text, "]", i + 1);
      add(i, Math.min(close + 1, to));
      i = close + 1;
    } else {
      add(i, i + 1);
      i++;
    }
  }
  const end = Math.min(i, to);
  if (offsets) offsets.push(end);
  return { value, start, end };
}

/** A double-quoted part from `i` (after the quote) to past its closing quote; `$(…)` inside is kept as written. */
function doubleQuoted(text: string, i: number, add: (from: number, end: number) => void): number {
  const to = text.length;
  let parens = 0;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === BT) {
      add(i + 1, Math.min(i + 2, to));
      i += 2;
      continue;
    }
    if (c === DQ && parens === 0) {
      if (text.charCodeAt(i + 1) !== DQ) return i + 1;
      add(i, i + 1);
      i += 2;
      continue;
    }
    if (c === DOLLAR && text.charCodeAt(i + 1) === LPAREN) parens++;
    else if (c === RPAREN && parens > 0) parens--;
    add(i, i + 1);
    i++;
  }
  return to;
}

/** The index of `needle` from `from`, or the text's length. */
function indexOrEnd(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from);
  return at < 0 ? text.length : at;
}
