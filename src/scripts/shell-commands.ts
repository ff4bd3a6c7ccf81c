/**
 * The simple commands a shell script runs, read well enough not to be fooled: quotes, escapes, `$(…)`,
 * heredocs and comments are skipped as the shell would; `;`, `&&`, `||`, `|`, `&`, newlines and the
 * compound keywords (`if … then … fi`, `while`/`until … do … done`, `for`, `case`, `{ }`, `( )`)
 * separate commands; wrappers (`sudo`, `env`, `timeout 600`, `nice`, `xargs` …) are looked through and
 * `bash -c '…'` strings are read in turn. Not a parser: one pass, bounded nesting, no recursion on the text.
 */
import {
  AMP,
  BACKSLASH,
  BAR,
  BT,
  DOLLAR,
  DQ,
  EQUALS,
  GT,
  HASH,
  isBlank,
  LBRACE,
  LPAREN,
  LT,
  MAX_NESTING,
  NL,
  programName,
  relocated,
  RPAREN,
  SEMI,
  SQ,
  type Command,
  type Word,
} from "./commands.js";

/** The commands of a shell script, in the order they are written. */
export function shellCommands(text: string): Command[] {
  const out: Command[] = [];
  new ShellReader(text, 0, text.length, 0, out).read();
  return out.sort((a, b) => a.name.start - b.name.start);
}

const enum Mode {
  Command,
  /** After `for`/`select`: the loop's words, up to `;` or a newline. */
  ForHead,
  /** After `case`: the word, up to `in`. */
  CaseHead,
  /** A case clause's patterns, up to `)`. */
  CasePattern,
  /** Inside `[[ … ]]`. */
  Condition,
}

/** Words that open, continue or close a compound command where a command could start. */
const GRAMMAR_WORDS = new Set(["if", "then", "elif", "else", "fi", "while", "until", "do", "done", "!", "{", "}"]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const DIGITS = /^[0-9]+$/;

interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
  into: string[];
}

class ShellReader {
  private i: number;
  private mode = Mode.Command;
  private caseLevel = 0;
  private skipName = false;
  private words: Word[] = [];
  private writes: Word[] = [];
  private inputTexts: string[] = [];
  private input = false;
  /** The next command reads a pipe, from `pipeFrom`. */
  private piped = false;
  private pipeFrom: Command | undefined;
  private heredocs: Heredoc[] = [];

  constructor(
    private readonly text: string,
    from: number,
    private readonly to: number,
    private readonly depth: number,
    private readonly out: Command[],
  ) {
    this.i = from;
  }

  private code(i: number): number {
    return i < this.to ? this.text.charCodeAt(i) : -1;
  }

  read(): void {
    const { text, to } = this;
    while (this.i < to) {
      const c = this.code(this.i);
      const next = this.code(this.i + 1);
      if (c === NL) {
        this.end(false);
        this.i++;
        this.readHeredocs();
      } else if (isBlank(c)) this.i++;
      else if (c === HASH) this.i = lineEnd(text, this.i, to);
      else if (c === BACKSLASH && next === NL) this.i += 2;
      else if (this.mode === Mode.Condition && (c === SEMI || c === AMP || c === BAR || c === LT || c === GT || c === LPAREN || c === RPAREN)) this.i++;
      else if (c === SEMI) {
        if (next === SEMI || next === AMP) {
          // the end of a case clause (`;;`, `;&`, `;;&`)
          this.end(false);
          this.i += next === SEMI && this.code(this.i + 2) === AMP ? 3 : 2;
          if (this.caseLevel > 0) this.mode = Mode.CasePattern;
        } else {
          this.end(false);
          this.i++;
        }
      } else if (c === AMP && next === GT) this.redirect();
      else if (c === AMP) {
        this.end(false);
        this.i += next === AMP ? 2 : 1;
      } else if (c === BAR) {
        if (this.mode === Mode.CasePattern) this.i++;
        else {
          this.end(next !== BAR);
          this.i += next === BAR || next === AMP ? 2 : 1;
        }
      } else if (c === LPAREN) this.openParen(next);
      else if (c === RPAREN) {
        if (this.mode === Mode.CasePattern) this.mode = Mode.Command;
        else this.end(false);
        this.i++;
      } else if (c === LT || c === GT) this.redirect();
      else this.word();
    }
    this.end(false);
  }

  private openParen(next: number): void {
    if (this.mode === Mode.CasePattern) {
      this.i++;
      return;
    }
    // `((…))` arithmetic, alone or in `for ((…))`
    if (next === LPAREN && (this.words.length === 0 || this.mode === Mode.ForHead)) {
      this.i = closingParen(this.text, this.i, this.to) + 1;
      return;
    }
    // `name()` or `function name()`: a function definition, whose body follows
    let j = this.i + 1;
    while (isBlank(this.code(j))) j++;
    if (this.code(j) === RPAREN && this.words.length <= 1) {
      this.words = [];
      this.i = j + 1;
      return;
    }
    // a subshell
    this.end(false);
    this.i++;
  }

  private word(): void {
    const w = this.lexWord(this.i);
    this.i = w.end;
    const plain = w.end - w.start === w.value.length;
    // `2>file`: the digits are the redirection's file descriptor
    if (plain && DIGITS.test(w.value) && (this.code(w.end) === LT || this.code(w.end) === GT)) return;
    switch (this.mode) {
      case Mode.ForHead:
        return;
      case Mode.CaseHead:
        if (plain && w.value === "in") {
          this.mode = Mode.CasePattern;
          this.caseLevel++;
        }
        return;
      case Mode.CasePattern:
        if (plain && w.value === "esac") {
          this.caseLevel--;
          this.mode = Mode.Command;
        }
        return;
      case Mode.Condition:
        if (w.value === "]]") this.mode = Mode.Command;
        return;
    }
    if (this.skipName) {
      this.skipName = false;
      return;
    }
    if (this.words.length === 0 && plain) {
      const keyword = w.value;
      if (GRAMMAR_WORDS.has(keyword)) return;
      if (keyword === "for" || keyword === "select") return void (this.mode = Mode.ForHead);
      if (keyword === "case") return void (this.mode = Mode.CaseHead);
      if (keyword === "[[") return void (this.mode = Mode.Condition);
      if (keyword === "function") return void (this.skipName = true);
      if (keyword === "esac") {
        if (this.caseLevel > 0) this.caseLevel--;
        return;
      }
    }
    this.words.push(w);
  }

  private redirect(): void {
    const { text, i } = this;
    const op = /^(?:&>>?|<<<|<<-|<<|<>|<&|<|>>|>\||>&|>)/.exec(text.slice(i, Math.min(i + 3, this.to)))![0];
    this.i += op.length;
    while (isBlank(this.code(this.i))) this.i++;
    const c = this.code(this.i);
    const target = c < 0 || c === NL || c === SEMI || c === AMP || c === BAR || c === LT || c === GT || c === LPAREN || c === RPAREN ? undefined : this.lexWord(this.i);
    if (!target) return;
    this.i = target.end;
    if (op === "<<" || op === "<<-") {
      this.heredocs.push({ delimiter: target.value, stripTabs: op === "<<-", into: this.inputTexts });
      this.input = true;
    } else if (op === "<<<") {
      this.inputTexts.push(target.value);
      this.input = true;
    } else if (op === "<") this.input ||= target.value !== "/dev/null";
    else if (op === "<>" || op === "<&") this.input = true;
    else if (op !== ">&" || !/^([0-9]+|-)$/.test(target.value)) this.writes.push(target);
  }

  private readHeredocs(): void {
    const { text, to } = this;
    for (const h of this.heredocs) {
      const body: string[] = [];
      while (this.i < to) {
        const end = lineEnd(text, this.i, to);
        const line = text.slice(this.i, end);
        this.i = Math.min(end + 1, to);
        if ((h.stripTabs ? line.replace(/^\t+/, "") : line).replace(/\r$/, "") === h.delimiter) break;
        body.push(line);
      }
      h.into.push(body.join("\n"));
    }
    this.heredocs = [];
  }

  /** Ends the command being read; `pipe`: the next one reads its output. */
  private end(pipe: boolean): void {
    if (this.mode === Mode.ForHead) this.mode = Mode.Command;
    this.skipName = false;
    const { words, writes, inputTexts } = this;
    const input = this.input || this.piped;
    this.words = [];
    this.writes = [];
    this.inputTexts = [];
    this.input = false;
    // a pipe goes on over a line break, a keyword or `(` (`yes |` ⏎ `apt-get …`)
    if (words.length === 0 && !pipe) return;
    const emitted = words.length > 0 ? this.emit(words, writes, inputTexts, input) : undefined;
    if (this.piped && emitted && this.pipeFrom) this.pipeFrom.output = emitted[0];
    this.pipeFrom = pipe ? emitted?.[1] : undefined;
    this.piped = pipe;
  }

  /** Adds the command the words run (looking through wrappers); its first and last command when there is one. */
  private emit(words: Word[], writes: Word[], inputTexts: string[], input: boolean): [Command, Command] | undefined {
    const assignments: Word[] = [];
    let k = 0;
    for (;;) {
      while (k < words.length && ASSIGNMENT.test(words[k]!.value)) assignments.push(words[k++]!);
      const word = words[k];
      if (!word) return undefined;
      const program = programName(word.value);
      const unwrapped = unwrap(program, words, k + 1);
      if (unwrapped === undefined) break;
      if (unwrapped === "none") return undefined;
      if (typeof unwrapped === "number") {
        // xargs gives the command its own input (/dev/null), not the pipe's
        if (program === "xargs") input = false;
        k = unwrapped;
        continue;
      }
      return this.readString(unwrapped.string, assignments, inputTexts, input);
    }
    const name = words[k]!;
    const command: Command = { program: programName(name.value), name, args: words.slice(k + 1), assignments, input, inputTexts, writes };
    this.out.push(command);
    return [command, command];
  }

  /** The commands of a `bash -c` string, placed where its characters are written. */
  private readString(word: Word, assignments: Word[], inputTexts: string[], input: boolean): [Command, Command] | undefined {
    if (this.depth + 1 >= MAX_NESTING) return undefined;
    const offsets: number[] = [];
    const { value } = this.lexWord(word.start, offsets);
    const inner: Command[] = [];
    new ShellReader(value, 0, value.length, this.depth + 1, inner).read();
    if (inner.length === 0) return undefined;
    inner.sort((a, b) => a.name.start - b.name.start);
    const placed = relocated(inner, offsets);
    for (const c of placed) {
      c.assignments = [...assignments, ...c.assignments];
      c.input ||= input;
      if (c.inputTexts.length === 0) c.inputTexts = inputTexts;
    }
    this.out.push(...placed);
    return [placed[0]!, placed[placed.length - 1]!];
  }

  /**
   * The word starting at `start`, its value as the command receives it. With `offsets`, where each
   * character of the value is written (and `$(…)` is not read again); without, the commands of its
   * `$(…)` substitutions are read.
   */
  private lexWord(start: number, offsets?: number[]): Word {
    const { text, to } = this;
    let value = "";
    const add = (from: number, end: number): void => {
      value += text.slice(from, end);
      if (offsets) for (let p = from; p < end; p++) offsets.push(p);
    };
    let i = start;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === NL || isBlank(c) || c === SEMI || c === AMP || c === BAR || c === LT || c === GT || c === RPAREN) break;
      if (c === LPAREN) {
        // `a=(…)`: an array, part of the word
        if (value.length === 0 || value.charCodeAt(value.length - 1) !== EQUALS) break;
        const close = closingParen(text, i, to);
        add(i, Math.min(close + 1, to));
        i = close + 1;
      } else if (c === BACKSLASH) {
        if (this.code(i + 1) !== NL && i + 1 < to) add(i + 1, i + 2);
        i += 2;
      } else if (c === SQ) {
        const close = indexBefore(text, "'", i + 1, to);
        add(i + 1, close);
        i = close + 1;
      } else if (c === DQ) {
        i = this.doubleQuoted(i + 1, add, offsets === undefined);
      } else if (c === DOLLAR && this.code(i + 1) === LPAREN) {
        i = this.substitution(i, add, offsets === undefined);
      } else if (c === DOLLAR && this.code(i + 1) === LBRACE) {
        const close = indexBefore(text, "}", i + 2, to);
        add(i, Math.min(close + 1, to));
        i = close + 1;
      } else if (c === BT) i = this.backquoted(i, add);
      else {
        add(i, i + 1);
        i++;
      }
    }
    if (offsets) offsets.push(Math.min(i, to));
    return { value, start, end: Math.min(i, to) };
  }

  /** A double-quoted part from `i` (after the quote) to past its closing quote. */
  private doubleQuoted(i: number, add: (from: number, end: number) => void, readCommands: boolean): number {
    const { text, to } = this;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === DQ) return i + 1;
      if (c === BACKSLASH) {
        const next = this.code(i + 1);
        if (next === DOLLAR || next === BT || next === DQ || next === BACKSLASH) add(i + 1, i + 2);
        else if (next !== NL) add(i, Math.min(i + 2, to));
        i += 2;
      } else if (c === DOLLAR && this.code(i + 1) === LPAREN) i = this.substitution(i, add, readCommands);
      else if (c === BT) i = this.backquoted(i, add);
      else {
        add(i, i + 1);
        i++;
      }
    }
    return to;
  }

  /** A `…` substitution at `i`, kept as written (its commands are not read). */
  private backquoted(i: number, add: (from: number, end: number) => void): number {
    const close = closingBacktick(this.text, i + 1, this.to);
    add(i, Math.min(close + 1, this.to));
    return close + 1;
  }

  /** `$(…)` at `i`: kept in the word as written, its commands read (not `$((…))` arithmetic). */
  private substitution(i: number, add: (from: number, end: number) => void, readCommands: boolean): number {
    const close = closingParen(this.text, i + 1, this.to);
    add(i, Math.min(close + 1, this.to));
    if (readCommands && this.code(i + 2) !== LPAREN && this.depth + 1 < MAX_NESTING) new ShellReader(this.text, i + 2, close, this.depth + 1, this.out).read();
    return close + 1;
  }
}

type Unwrapped = number | "none" | { string: Word } | undefined;

interface Wrapper {
  /** Options followed by a value. */
  withValue: ReadonlySet<string>;
  /** Words between the options and the command (timeout's duration). */
  operands?: number;
}

const wrapper = (withValue: string[], operands = 0): Wrapper => ({ withValue: new Set(withValue), operands });
const WRAPPERS: Readonly<Record<string, Wrapper>> = {
  sudo: wrapper(["-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T", "--user", "--group", "--host", "--prompt", "--close-from", "--chdir", "--role", "--type", "--other-user", "--command-timeout"]),
  doas: wrapper(["-u", "-C"]),
  env: wrapper(["-u", "--unset", "-C", "--chdir", "-S", "--split-string"]),
  timeout: wrapper(["-k", "--kill-after", "-s", "--signal"], 1),
  nice: wrapper(["-n", "--adjustment"]),
  ionice: wrapper(["-c", "-n", "-p", "-P", "-u", "--class", "--classdata"]),
  nohup: wrapper([]),
  time: wrapper(["-f", "--format", "-o", "--output"]),
  exec: wrapper(["-a"]),
  command: wrapper([]),
  builtin: wrapper([]),
  stdbuf: wrapper(["-i", "-o", "-e", "--input", "--output", "--error"]),
  eatmydata: wrapper([]),
  xargs: wrapper(["-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter", "--eof", "--replace", "--max-lines", "--max-args", "--max-procs", "--max-chars", "--process-slot-var"]),
  runuser: wrapper(["-u", "-g", "-G", "--user", "--group", "--supp-group"]),
};
const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh"]);

/** What runs when the program `name` is given the words from `k`: the index of the command it wraps, a command string, "none", or undefined for a plain program. */
function unwrap(name: string, words: readonly Word[], k: number): Unwrapped {
  if (SHELLS.has(name)) return shellString(words, k);
  if (name === "su") return suString(words, k) ?? "none";
  if (name === "runuser") {
    const string = suString(words, k);
    if (string) return string;
  }
  const spec = WRAPPERS[name];
  if (!spec) return undefined;
  for (; k < words.length; k++) {
    const v = words[k]!.value;
    if (v === "--") return k + 1;
    if (v.length < 2 || v[0] !== "-") break;
    // `command -v apt-get` names the program without running it
    if (name === "command" && (v === "-v" || v === "-V")) return "none";
    if (spec.withValue.has(v)) k++;
  }
  return k + (spec.operands ?? 0);
}

/** `bash [options] -c STRING`: the string. */
function shellString(words: readonly Word[], k: number): Unwrapped {
  let command = false;
  for (; k < words.length; k++) {
    const v = words[k]!.value;
    if (v === "--" || v === "-") {
      k++;
      break;
    }
    if (/^[-+][oO]$/.test(v) || v === "--rcfile" || v === "--init-file") k++;
    else if (/^-[A-Za-z]+$/.test(v)) command ||= v.includes("c");
    else if (!/^(\+[A-Za-z]+|--[a-z-]+)$/.test(v)) break;
  }
  const string = words[k];
  return command ? (string ? { string } : "none") : undefined;
}

/** `su [options] [user] -c STRING`: the string (undefined without `-c`, which runs a login shell, not a command). */
function suString(words: readonly Word[], k: number): { string: Word } | "none" | undefined {
  // options, and one word that is not an option (the user)
  for (let user = 0; k < words.length && user < 2; k++) {
    const v = words[k]!.value;
    if (v === "-c" || v === "--command") return words[k + 1] ? { string: words[k + 1]! } : "none";
    if (v === "-s" || v === "--shell" || v === "-g" || v === "--group" || v === "-u" || v === "--user") k++;
    else if (v !== "-" && !v.startsWith("-")) user++;
  }
  return undefined;
}

/** The end of the line holding `i` (the index of its line break, or `to`). */
function lineEnd(text: string, i: number, to: number): number {
  const nl = text.indexOf("\n", i);
  return nl < 0 || nl > to ? to : nl;
}

/** The index of `char` from `from`, or `to` when it is not before `to`. */
function indexBefore(text: string, char: string, from: number, to: number): number {
  const at = text.indexOf(char, from);
  return at < 0 || at > to ? to : at;
}

function closingBacktick(text: string, i: number, to: number): number {
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === BT) return i;
  }
  return to;
}

/** The `)` that closes the `(` at `open` (or `to`), minding quotes, nested parentheses, backquotes and comments. */
function closingParen(text: string, open: number, to: number): number {
  const expected: number[] = [RPAREN];
  for (let i = open + 1; i < to; i++) {
    const c = text.charCodeAt(i);
    const top = expected[expected.length - 1]!;
    if (c === BACKSLASH) i++;
    else if (top === DQ) {
      if (c === DQ) expected.pop();
      else if (c === DOLLAR && text.charCodeAt(i + 1) === LPAREN) {
        expected.push(RPAREN);
        i++;
      } else if (c === BT) expected.push(BT);
    } else if (top === BT) {
      if (c === BT) expected.pop();
    } else if (c === SQ) i = indexBefore(text, "'", i + 1, to);
    else if (c === DQ || c === BT) expected.push(c);
    else if (c === LPAREN) expected.push(RPAREN);
    else if (c === RPAREN) {
      expected.pop();
      if (expected.length === 0) return i;
    } else if (c === HASH && (i === open + 1 || isBlank(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === NL)) i = lineEnd(text, i, to) - 1;
  }
  return to;
}
