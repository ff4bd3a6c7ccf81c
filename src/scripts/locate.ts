/** Maps an index into a string value back to its offset in the source text, where the value is written plainly. */
import type { StringNode } from "../parse/ast.js";

/**
 * The source offset of character `index` of a string node's value: exact for JSON strings (escapes
 * walked) and for YAML scalars written verbatim; undefined when the written form folds or escapes
 * in ways that cannot be mapped (the caller then points at the whole value).
 */
export function valueOffset(text: string, node: StringNode, index: number): number | undefined {
  const raw = text.slice(node.start, node.end);
  if (raw.startsWith('"')) {
    let decoded = 0;
    for (let i = 1; i < raw.length - 1; ) {
      if (decoded === index) return node.start + i;
      const width = raw[i] === "\\" ? (raw[i + 1] === "u" ? 6 : 2) : 1;
      i += width;
      decoded++;
    }
    return decoded === index ? node.start + raw.length - 1 : undefined;
  }
  if (raw.startsWith("'")) return raw.slice(1, -1) === node.value && !node.value.includes("\n") ? node.start + 1 + index : undefined;
  return raw === node.value ? node.start + index : undefined;
}
