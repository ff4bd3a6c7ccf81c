/** Maps an index into a string value back to its offset in the source text, for the written forms that span lines or escape in their own way. */
import type { StringNode } from "../parse/ast.js";

/**
 * The source offset of character `index` of a string node's value when it is written as a YAML literal
 * block (`|`), a Bicep multi-line string (`'''`) or a Bicep string with backslash escapes; undefined
 * otherwise, or when the written text does not read as the value (what valueOffset does not map).
 */
export function blockOffset(text: string, node: StringNode, index: number): number | undefined {
  const raw = text.slice(node.start, node.end);
  if (LITERAL_BLOCK.test(raw)) return literalBlockOffset(raw, node, index);
  if (raw.startsWith("'''")) return multilineOffset(raw, node, index);
  if (raw.startsWith("'") && raw.includes("\\")) return bicepEscapedOffset(raw, node, index);
  return undefined;
}

/** A YAML literal block's header (`|`, `|-`, `|+`, an optional comment), without an explicit indentation. */
const LITERAL_BLOCK = /^\|[-+]?[ \t]*(#[^\n]*)?\r?\n/;

/** The offset of character `index` of a literal block's value: its lines are the written lines less their common indentation. */
function literalBlockOffset(raw: string, node: StringNode, index: number): number | undefined {
  let at = raw.indexOf("\n") + 1;
  const indent = /^ */.exec(raw.slice(at).replace(/^(?:[ ]*\r?\n)*/, ""))![0].length;
  let decoded = 0;
  while (at < raw.length) {
    const lineEnd = raw.indexOf("\n", at) < 0 ? raw.length : raw.indexOf("\n", at);
    const line = raw.slice(at, lineEnd).replace(/\r$/, "");
    const content = line.length > indent ? line.slice(indent) : "";
    // the value must be these lines, or the mapping is not known
    if (node.value.slice(decoded, decoded + content.length) !== content) return undefined;
    if (index <= decoded + content.length) return node.start + at + (line.length > indent ? indent : line.length) + (index - decoded);
    decoded += content.length + 1;
    at = lineEnd + 1;
  }
  return undefined;
}

/** A Bicep multi-line string (`'''…'''`, a line break right after the opening ignored): written as it is. */
function multilineOffset(raw: string, node: StringNode, index: number): number | undefined {
  const body = raw.slice(3, -3);
  const skip = body === node.value ? 0 : /^\r?\n/.exec(body)?.[0].length;
  return skip !== undefined && body.slice(skip) === node.value ? node.start + 3 + skip + index : undefined;
}

/** A Bicep single-quoted string with backslash escapes (`\'`, `\\`, `\n`, `\u{…}`), when that is how the value reads. */
function bicepEscapedOffset(raw: string, node: StringNode, index: number): number | undefined {
  let decoded = "";
  let found: number | undefined;
  for (let i = 1; i < raw.length - 1; ) {
    if (decoded.length === index) found = node.start + i;
    const c = raw[i]!;
    if (c !== "\\") {
      decoded += c;
      i++;
    } else if (raw[i + 1] === "u" && raw[i + 2] === "{") {
      const close = raw.indexOf("}", i);
      const code = parseInt(raw.slice(i + 3, close), 16);
      if (close < 0 || !(code <= 0x10ffff)) return undefined;
      decoded += String.fromCodePoint(code);
      i = close + 1;
    } else {
      const next = raw[i + 1] ?? "";
      decoded += next === "n" ? "\n" : next === "r" ? "\r" : next === "t" ? "\t" : next;
      i += 2;
    }
  }
  if (decoded.length === index) found ??= node.start + raw.length - 1;
  return decoded === node.value ? found : undefined;
}
