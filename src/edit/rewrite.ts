/**
 * Fixes that rewrite one string token (a key or a string value) in place. The edit covers only the
 * characters that change, written in the token's own style (JSON "…", YAML plain, '…' or "…"), so
 * escapes, quotes and everything around the token stay as they were.
 */
import type { Fix, TextEdit } from "../core/diagnostic.js";
import type { Member, StringNode } from "../parse/ast.js";
import { scalarPieces, type ScalarStyle } from "../parse/scalar.js";
import { distance } from "../util/text.js";

/** The token's decoded pieces; undefined for what is not rewritten (block and multi-line scalars, aliases, tags). */
function decode(text: string, start: number, end: number): ReturnType<typeof scalarPieces> {
  return /[\r\n]/.test(text.slice(start, end)) ? undefined : scalarPieces(text, start, end);
}

function encode(value: string, style: ScalarStyle): string | undefined {
  switch (style) {
    case "double":
      return value.replace(/["\\\u0000-\u001f]/g, (c) => (c === '"' || c === "\\" ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
    case "single":
      return value.replace(/'/g, "''");
    case "plain":
      return /^[A-Za-z0-9_./-]*$/.test(value) ? value : undefined;
  }
}

/** A plain scalar that YAML would still read as this string (no number, boolean or null). */
function plainSafe(value: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(value) && !/^(?:true|false|null|yes|no|on|off|y|n)$/i.test(value);
}

/**
 * The smallest edit that turns the token at [start, end), which reads as `written`, into `wanted`;
 * undefined when the token does not read as `written` (an alias, a tag, a merged key) or cannot be written.
 */
export function rewriteToken(text: string, start: number, end: number, written: string, wanted: string): TextEdit | undefined {
  if (written === wanted) return undefined;
  const token = decode(text, start, end);
  if (!token || token.pieces.map((p) => p.text).join("") !== written) return undefined;
  if (token.style === "plain" && !plainSafe(wanted)) return undefined;
  // unchanged pieces at both ends stay as written (with their escapes)
  const { pieces } = token;
  let head = 0;
  let headLength = 0;
  while (head < pieces.length && wanted.startsWith(pieces[head]!.text, headLength)) headLength += pieces[head++]!.text.length;
  let tail = pieces.length;
  let tailLength = 0;
  while (tail > head && wanted.length - tailLength - pieces[tail - 1]!.text.length >= headLength && wanted.endsWith(pieces[tail - 1]!.text, wanted.length - tailLength)) {
    tailLength += pieces[--tail]!.text.length;
  }
  const middle = encode(wanted.slice(headLength, wanted.length - tailLength), token.style);
  if (middle === undefined) return undefined;
  const editStart = head < pieces.length ? pieces[head]!.start : end - (token.style === "plain" ? 0 : 1);
  const editEnd = tail > head ? pieces[tail - 1]!.end : editStart;
  return { start: editStart, end: editEnd, text: middle };
}

/** Renames a member's key in place. */
export function renameKey(text: string, member: Member, wanted: string): Fix | undefined {
  const edit = rewriteToken(text, member.keyStart, member.keyEnd, member.key, wanted);
  return edit && { description: `rename "${member.key}" to "${wanted}"`, edits: [edit] };
}

/** Replaces a string value in place. */
export function replaceString(text: string, node: StringNode, wanted: string): Fix | undefined {
  const edit = rewriteToken(text, node.start, node.end, node.value, wanted);
  return edit && { description: `replace "${node.value}" with "${wanted}"`, edits: [edit] };
}

/**
 * The one candidate a misspelt word can stand for: the only case variant, or else the only candidate
 * within typo distance (none when two are equally plausible).
 */
export function soleCandidate(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const caseVariants = candidates.filter((c) => c.toLowerCase() === lower && c !== word);
  if (caseVariants.length > 0) return caseVariants.length === 1 && !candidates.includes(word) ? caseVariants[0] : undefined;
  const limit = Math.max(2, Math.floor(word.length / 3));
  const close = candidates.filter((c) => distance(word, c) <= limit);
  return close.length === 1 ? close[0] : undefined;
}

/** The allowed value that differs from `value` only in case, when there is exactly one. */
export function caseVariant(value: string, allowed: readonly string[]): string | undefined {
  const matches = allowed.filter((a) => a.toLowerCase() === value.toLowerCase());
  return matches.length === 1 && matches[0] !== value ? matches[0] : undefined;
}
