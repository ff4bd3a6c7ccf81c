/** Bicep text below the grammar: string literals, comments, and the few newer constructs the grammar does not know. */
import type { Comment } from "./parsed.js";

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", "'": "'", $: "$" };

/** The value of a single-quoted Bicep string without interpolation, from the text between its quotes. */
export function decodeString(raw: string): string {
  if (!raw.includes("\\")) return raw;
  return raw.replace(/\\(u\{([0-9a-fA-F]{1,6})\}|[\s\S])/g, (_, escape: string, hex: string | undefined) => {
    if (hex !== undefined) {
      const code = parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : escape;
    }
    return ESCAPES[escape] ?? escape;
  });
}

/** The value of a `'''…'''` string from the text between the quotes: verbatim, less a line break right after the opening quotes. */
export function decodeMultiline(raw: string): string {
  return raw.replace(/^\r?\n/, "");
}

export interface Patched {
  /** The text the grammar reads: as long as the original, offsets unchanged. */
  text: string;
  /** Offsets of spreads (`...x`) the grammar was given in another spelling. */
  spreads: Set<number>;
  /** In a parameters file: offsets of `param x = …` statements, given to the grammar as `var x = …`. */
  params: Set<number>;
  /** The comments, when the text mentions `aib-lint-` (suppressions). */
  comments: Comment[];
}

/** A bracket Bicep cannot match, or a string that a line break ends unclosed. */
export interface Unbalanced {
  start: number;
  message: string;
  /** The bracket the message names. */
  opener?: number;
}

/**
 * The grammar (tree-sitter-bicep 1.1) predates spreads (`{ ...base, a: 1 }`, `[ ...list ]`) and
 * `extension` statements. Rewrites them, length for length, to something it reads: in an object
 * `...x` becomes the property `_s:x`, in an array the expression `!!!x`; a one-line `extension …`
 * statement becomes a comment. Strings and comments are left alone. In a parameters file (`paramsFile`),
 * whose `param x = value` the grammar does not know either, `param` becomes `var  `, and the `using`
 * and `extends` lines, which name other files, become comments. A lone CR, a line end to Bicep, becomes LF.
 * The nullable marker `?` of a type (`type t = {…}?`, `param p string?`), newer than the grammar, becomes a space.
 */
export function patchForGrammar(text: string, paramsFile = false): Patched {
  if (!paramsFile && !text.includes("aib-lint-") && !text.includes("...") && !text.includes("extension") && !text.includes("?") && !LONE_CR.test(text)) {
    return { text, spreads: new Set(), params: new Set(), comments: [] };
  }
  return scan(text, paramsFile).patched;
}

/** The first bracket the text leaves unmatched (Bicep rejects it, whatever the grammar makes of it), if any. */
export function unbalancedBracket(text: string): Unbalanced | undefined {
  return scan(text, false).unbalanced;
}

const LONE_CR = /\r(?!\n)/;
/** What follows a type's nullable marker `?` (a ternary's `?` is followed by an expression). */
const NULLABLE_END = /^[ \t]*(?:$|[\r\n}\]),=|]|\/\/|\/\*)/;
const CLOSERS: Record<string, string> = { "{": "}", "[": "]", "(": ")", $: "}" };
const OPENED: Record<string, string> = { "{": "object", "[": "array", "(": "parenthesis", $: "interpolation" };

/** Reads the text as Bicep's lexer does (strings, comments, brackets): the patched text, and the first bracket left unmatched. */
function scan(text: string, paramsFile: boolean): { patched: Patched; unbalanced?: Unbalanced } {
  const spreads = new Set<number>();
  const params = new Set<number>();
  const comments: Comment[] = [];
  const wantComments = text.includes("aib-lint-");
  const comment = (start: number, end: number, body: string) => {
    if (wantComments) comments.push({ text: body.trim(), start, end });
  };
  const out = text.split("");
  /** Open brackets: `{`, `[`, `(`, or `$` for an interpolation `${`, and where each is. */
  const stack: string[] = [];
  const openedAt: number[] = [];
  let unbalanced: Unbalanced | undefined;
  const mismatch = (start: number, message: string, opener?: number) => {
    unbalanced ??= opener === undefined ? { start, message } : { start, message, opener };
  };
  let inString = -1;
  let statementStart = true;
  /** Inside the type of a `type` statement or of a `param` (before its `=`): where `?` marks a nullable type. */
  let inType: "type" | "param" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const lineBreak = c === "\n" || c === "\r";
    if (c === "\r" && text[i + 1] !== "\n") out[i] = "\n";
    if (inString >= 0) {
      if (c === "\\") i++;
      else if (c === "'") inString = -1;
      else if (lineBreak) {
        mismatch(inString, "a string is not closed (missing ')");
        inString = -1;
        statementStart = stack.length === 0;
      } else if (c === "$" && text[i + 1] === "{") {
        stack.push("$");
        openedAt.push(i);
        inString = -1;
        i++;
      }
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      const end = lineEnd(text, i);
      comment(i, end, text.slice(i + 2, end));
      i = end - 1;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      const end = close < 0 ? text.length : close + 2;
      comment(i, end, text.slice(i + 2, close < 0 ? end : close));
      i = end - 1;
      continue;
    }
    if (lineBreak) {
      statementStart = stack.length === 0;
      if (statementStart) inType = undefined;
      continue;
    }
    if (/\s/.test(c)) continue;
    const atStatementStart = statementStart;
    statementStart = false;
    if (inType && c === "?" && stack[stack.length - 1] !== "(" && text[i - 1] !== "?" && text[i - 1] !== "." && NULLABLE_END.test(text.slice(i + 1, i + 40))) {
      out[i] = " ";
      continue;
    }
    if (inType === "param" && c === "=" && stack.length === 0) inType = undefined;
    if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      if (end < 0) mismatch(i, "a multi-line string is not closed (missing ''')");
      i = end < 0 ? text.length : end + 2;
    } else if (c === "'") inString = i;
    else if (c === "{" || c === "[" || c === "(") {
      stack.push(c);
      openedAt.push(i);
    } else if (c === "}" || c === "]" || c === ")") {
      const top = stack.pop();
      const start = openedAt.pop();
      if (top === undefined) mismatch(i, `unexpected "${c}"`);
      else if (CLOSERS[top] !== c) mismatch(i, `"${c}" cannot close the ${OPENED[top]}`, start);
      if (top === "$") inString = i;
    } else if (c === "." && text.startsWith("...", i)) {
      const top = stack[stack.length - 1];
      if (top === "{" || top === "[") {
        const replacement = top === "{" ? "_s:" : "!!!";
        for (let k = 0; k < 3; k++) out[i + k] = replacement[k]!;
        spreads.add(i);
      }
      i += 2;
    } else if (atStatementStart && stack.length === 0) {
      const word = /^[A-Za-z_]\w*/.exec(text.slice(i, i + 12))?.[0];
      if (!paramsFile && (word === "type" || word === "param")) inType = word;
      if (word === "extension" || (paramsFile && (word === "using" || word === "extends"))) {
        out[i] = "/";
        out[i + 1] = "/";
      } else if (paramsFile && word === "param" && /^param\s+[A-Za-z_]\w*\s*=/.test(text.slice(i, i + 300))) {
        out.splice(i, 5, ..."var  ");
        params.add(i);
      }
    }
  }
  if (inString >= 0) mismatch(inString, "a string is not closed (missing ')");
  if (stack.length > 0) {
    const first = stack[0]!;
    mismatch(openedAt[0]!, `this "${first === "$" ? "${" : first}" is never closed (missing '${CLOSERS[first]}')`);
  }
  return { patched: { text: out.join(""), spreads, params, comments }, ...(unbalanced ? { unbalanced } : {}) };
}

/** Where a line comment ends: at its line break (LF, CRLF or a lone CR). */
function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (text[i] === "\n" || text[i] === "\r") return i;
  return text.length;
}
