/** Maps an index into a string value back to its offset in the source text. */
import type { StringNode } from "../parse/ast.js";
import { scalarPieces } from "../parse/scalar.js";

/**
 * The source offset of character `index` of a string node's value: exact for JSON strings and YAML flow
 * scalars (escapes walked, multi-line scalars folded as YAML reads them); undefined for what cannot be
 * mapped (block scalars, a value that is not read from its own text), where the caller points at the whole value.
 */
export function valueOffset(text: string, node: StringNode, index: number): number | undefined {
  const scalar = scalarPieces(text, node.start, node.end);
  if (!scalar) return undefined;
  let decoded = 0;
  let found: number | undefined;
  for (const piece of scalar.pieces) {
    if (found === undefined && index < decoded + piece.text.length) {
      // a piece written as it reads maps character by character; an escape or a fold maps to where it starts
      found = piece.start + (piece.end - piece.start === piece.text.length && !/[\r\n]/.test(text.slice(piece.start, piece.end)) ? index - decoded : 0);
    }
    decoded += piece.text.length;
  }
  if (decoded !== node.value.length || scalar.pieces.map((p) => p.text).join("") !== node.value) return undefined;
  if (found !== undefined) return found;
  return index === decoded ? node.end - (scalar.style === "plain" ? 0 : 1) : undefined;
}
