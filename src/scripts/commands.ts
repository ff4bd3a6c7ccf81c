/** What the shell and PowerShell readers yield: the commands a script runs, with their words' places in its text. */

export interface Word {
  /** The word as the command receives it: quotes and escapes removed, substitutions left as written. */
  value: string;
  /** Where it is written in the script text, [start, end). */
  start: number;
  end: number;
}

export interface Command {
  /** The program, path and `.exe` stripped, lower case. */
  program: string;
  /** The program's word (after any wrapper such as `sudo` or `timeout 600`). */
  name: Word;
  args: Word[];
  /** `VAR=value` words set for it (before it or its wrappers). */
  assignments: Word[];
  /** Its standard input is given: a pipe, a heredoc or here-string, or a file other than /dev/null. */
  input: boolean;
  /** The heredoc and here-string texts it reads. */
  inputTexts: string[];
  /** The files its standard output is written to (`>`, `>>`, `&>`). */
  writes: Word[];
  /** The command that reads its output through a pipe. */
  output?: Command | undefined;
}

/** How deep a command string inside a command (`bash -c '…'`, `$(…)`, `cmd /c "…"`) is read; deeper ones are passed over. */
export const MAX_NESTING = 6;

const PATH_OR_QUOTE = /[\\/"']/;

/** The program a word names: its last path segment without `.exe`, lower case. */
export function programName(value: string): string {
  const bare = PATH_OR_QUOTE.test(value) ? value.replace(/^["']|["']$/g, "").replace(/^.*[\\/]/, "") : value;
  return bare.replace(/\.exe$/i, "").toLowerCase();
}

/** Commands read from a string inside another: their words moved to where they are written in the outer text (offsets[i]: where the string's character i is written), their pipes kept. */
export function relocated(commands: readonly Command[], offsets: readonly number[]): Command[] {
  const move = (w: Word): Word => ({ value: w.value, start: offsets[w.start] ?? w.start, end: w.end > w.start ? (offsets[w.end - 1] ?? w.end - 1) + 1 : (offsets[w.start] ?? w.start) });
  const moved = new Map<Command, Command>();
  for (const c of commands) moved.set(c, { ...c, name: move(c.name), args: c.args.map(move), assignments: c.assignments.map(move), writes: c.writes.map(move) });
  for (const c of moved.values()) c.output = c.output && moved.get(c.output);
  return [...moved.values()];
}

/** Whether c is white space other than a line break (what /\s/ matches, by char code). */
export function isBlank(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Character codes the readers look for. */
export const NL = 0x0a;
export const CR = 0x0d;
export const HASH = 0x23;
export const SEMI = 0x3b;
export const AMP = 0x26;
export const BAR = 0x7c;
export const LT = 0x3c;
export const GT = 0x3e;
export const LPAREN = 0x28;
export const RPAREN = 0x29;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;
export const LBRACKET = 0x5b;
export const DQ = 0x22;
export const SQ = 0x27;
export const BT = 0x60;
export const BACKSLASH = 0x5c;
export const DOLLAR = 0x24;
export const AT = 0x40;
export const EQUALS = 0x3d;
