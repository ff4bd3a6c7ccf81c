/**
 * A flow scalar as written (a JSON string, a YAML plain, '…' or "…" scalar, on one line or several) read
 * into pieces: each decoded piece of the value with the source characters it comes from, so that an index
 * into the value maps back to the text and an edit can rewrite only the characters that change.
 */

export type ScalarStyle = "double" | "single" | "plain";

/** One decoded piece of a scalar and the raw characters [start, end) it comes from. */
export interface Piece {
  text: string;
  start: number;
  end: number;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t",
  "0": "\0", a: "\x07", v: "\v", e: "\x1b", " ": " ", "\t": "\t", N: "\x85", _: "\xa0", L: "\u2028", P: "\u2029",
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

const isBlank = (c: string | undefined): boolean => c === " " || c === "\t";

/**
 * The pieces of the scalar written at [start, end); undefined for what is not a flow scalar read this way
 * (an alias, a tag or anchor in front, a block scalar, an unknown escape). Line breaks fold as YAML folds
 * them: trailing and leading blanks go, one break reads as a space, each empty line as "\n", and a
 * break escaped with "\" in a double-quoted scalar as nothing (with the next line's indentation, as the yaml
 * package reads it). A lone CR is no line break there.
 */
export function scalarPieces(text: string, start: number, end: number): { style: ScalarStyle; pieces: Piece[] } | undefined {
  if (end <= start) return undefined;
  const first = text[start]!;
  const quoted = first === '"' || first === "'";
  if (quoted && (end - start < 2 || text[end - 1] !== first)) return undefined;
  // a plain YAML scalar; anything with node properties or indicators in front is left alone
  if (!quoted && /[&*!|>%@`]/.test(first)) return undefined;
  const style: ScalarStyle = first === '"' ? "double" : first === "'" ? "single" : "plain";
  /** The length of the line break at `i` (LF or CRLF), or 0. */
  const lineBreak = (i: number): number => (text[i] === "\n" ? 1 : text[i] === "\r" && text[i + 1] === "\n" ? 2 : 0);
  const pieces: Piece[] = [];
  let blanks: Piece[] = []; // kept unless a line break follows them
  const flush = () => {
    for (const blank of blanks) pieces.push(blank);
    blanks = [];
  };
  /** Skips the break at `i` and the empty lines and indentation after it: where the next line's content starts, and how many empty lines. */
  const fold = (i: number): { next: number; empty: number } => {
    let empty = -1;
    for (let n = lineBreak(i); n > 0; n = lineBreak(i)) {
      i += n;
      empty++;
      while (isBlank(text[i])) i++;
    }
    return { next: i, empty };
  };
  const last = quoted ? end - 1 : end;
  for (let i = quoted ? start + 1 : start; i < last; ) {
    const c = text[i]!;
    if (lineBreak(i) > 0) {
      blanks = [];
      const { next, empty } = fold(i);
      pieces.push({ text: empty > 0 ? "\n".repeat(empty) : " ", start: i, end: next });
      i = next;
    } else if (isBlank(c)) {
      blanks.push({ text: c, start: i, end: i + 1 });
      i++;
    } else {
      flush();
      if (style === "single" && c === "'") {
        if (text[i + 1] !== "'") return undefined;
        pieces.push({ text: "'", start: i, end: i + 2 });
        i += 2;
      } else if (style === "double" && c === "\\") {
        const e = text[i + 1];
        if (e === undefined) return undefined;
        const hex = HEX_ESCAPES[e];
        const escapedBreak = lineBreak(i + 1);
        if (escapedBreak > 0) {
          // an escaped line break: the break and the next line's indentation read as nothing
          i += 1 + escapedBreak;
          while (isBlank(text[i])) i++;
        } else if (hex !== undefined) {
          const digits = text.slice(i + 2, i + 2 + hex);
          if (digits.length !== hex || !/^[0-9a-fA-F]+$/.test(digits)) return undefined;
          const code = parseInt(digits, 16);
          if (code > 0x10ffff) return undefined;
          pieces.push({ text: String.fromCodePoint(code), start: i, end: i + 2 + hex });
          i += 2 + hex;
        } else if (Object.hasOwn(SIMPLE_ESCAPES, e)) {
          pieces.push({ text: SIMPLE_ESCAPES[e]!, start: i, end: i + 2 });
          i += 2;
        } else return undefined;
      } else {
        pieces.push({ text: c, start: i, end: i + 1 });
        i++;
      }
    }
  }
  flush();
  return { style, pieces };
}
