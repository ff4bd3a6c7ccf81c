/**
 * The script an inline Shell step becomes: Packer, which runs AIB's customizers, writes the `inline`
 * items one per line under `#!/bin/sh -e`. ARM expressions are resolved where the resolver can and
 * otherwise replaced by neutral text, and placeholders by letters, so that ShellCheck judges the
 * commands rather than template syntax. Pure: the rules rebuild the same text to look findings up.
 */
import type { ObjectNode, StringNode, ValueNode } from "../parse/ast.js";
import { isExpression } from "../find/expressions.js";
import { resolveValue, type ParameterValues } from "../find/resolve.js";

/** Where the items' expressions are evaluated (a ResolveScope, or nothing outside ARM). */
export interface ValueScope {
  deployment?: ObjectNode | undefined;
  parameters?: ParameterValues | undefined;
}

export const INLINE_SHEBANG = "#!/bin/sh -e";
/** Stands for a value only known at deployment. */
const NEUTRAL_WORD = "arm_value";
/** Stands for an item that is an ARM expression the resolver cannot evaluate. */
const NEUTRAL_COMMAND = ":";
/** `<imageName>`-style placeholders written inside a command (no spaces, so `cat <in >out` is left alone). */
const EMBEDDED_PLACEHOLDER = /<<?[A-Za-z][\w.\-/]*>>?/g;
const WHOLE_PLACEHOLDER = /^\s*<<?[A-Za-z][^<>]*>>?\s*$/;

/** Where a script line came from: an inline item, and the index in its value where the line starts when the text is the item's own. */
export interface ScriptLine {
  node: StringNode;
  offset?: number;
}

export interface InlineScript {
  text: string;
  /** The origin of each script line (index 0 is line 1, the shebang, which has none). */
  lines: (ScriptLine | undefined)[];
  /** The text of each script line, without its line break (`text` is these joined, each ended by "\n"). */
  lineTexts: readonly string[];
}

export function inlineScript(items: readonly ValueNode[], scope: ValueScope): InlineScript {
  const parts: string[] = [INLINE_SHEBANG];
  const lines: (ScriptLine | undefined)[] = [undefined];
  for (const item of items) {
    if (item.kind !== "string") {
      parts.push(NEUTRAL_COMMAND);
      lines.push(undefined);
      continue;
    }
    const { text, shift } = commandText(item.value, scope);
    let start = 0;
    for (;;) {
      const newline = text.indexOf("\n", start);
      parts.push(newline < 0 ? text.slice(start) : text.slice(start, newline));
      lines.push(shift !== undefined ? { node: item, offset: shift + start } : { node: item });
      if (newline < 0) break;
      start = newline + 1;
    }
  }
  return { text: `${parts.join("\n")}\n`, lines, lineTexts: parts };
}

/** The command text of one item, and its shift against the item's value when the text is the value itself. */
function commandText(value: string, scope: ValueScope): { text: string; shift?: number } {
  // a value resolved here reads as the same value resolved before the rules (the template's resolved view)
  if (isExpression(value as unknown)) return { text: literalText(evaluate(value, scope)) };
  // in an ARM template a leading "[[" is an escaped "["
  if (scope.deployment && value.startsWith("[[")) return { text: neutralPlaceholders(value.slice(1)), shift: 1 };
  // (both kinds of placeholder hold a "<")
  if (!value.includes("<")) return { text: value, shift: 0 };
  return WHOLE_PLACEHOLDER.test(value) ? { text: NEUTRAL_COMMAND } : { text: neutralPlaceholders(value), shift: 0 };
}

function literalText(value: string): string {
  return WHOLE_PLACEHOLDER.test(value) ? NEUTRAL_COMMAND : neutralPlaceholders(value);
}

function neutralPlaceholders(text: string): string {
  return text.includes("<") ? text.replace(EMBEDDED_PLACEHOLDER, (p) => "x".repeat(p.length)) : text;
}

const REFERENCE = /^(?:parameters|variables)\s*\(\s*'[^']*'\s*\)$/i;

/** `[parameters('x')]`, `[variables('x')]` and `[concat(...)]` of literals and such references; anything else is neutral. */
function evaluate(expression: string, scope: ValueScope): string {
  const body = expression.slice(1, -1).trim();
  if (REFERENCE.test(body)) return reference(body, scope) ?? NEUTRAL_COMMAND;
  const concat = /^concat\s*\(([\s\S]*)\)$/i.exec(body);
  if (!concat) return NEUTRAL_COMMAND;
  return splitArguments(concat[1]!)
    .map((arg) => {
      const a = arg.trim();
      if (/^'(?:[^']|'')*'$/.test(a)) return a.slice(1, -1).replace(/''/g, "'");
      return (REFERENCE.test(a) ? reference(a, scope) : undefined) ?? NEUTRAL_WORD;
    })
    .join("");
}

function reference(call: string, scope: ValueScope): string | undefined {
  if (!scope.deployment) return undefined;
  const node: StringNode = { kind: "string", value: `[${call}]`, start: 0, end: 0, path: [] };
  const resolved = resolveValue(node, scope.deployment, scope.parameters);
  return resolved && (resolved.kind === "string" || resolved.kind === "number" || resolved.kind === "boolean") ? String(resolved.value) : undefined;
}

/** Splits function arguments at top-level commas, minding quotes and parentheses. */
function splitArguments(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const c of text) {
    if (c === "'") quoted = !quoted;
    else if (!quoted && (c === "(" || c === "[")) depth++;
    else if (!quoted && (c === ")" || c === "]")) depth--;
    else if (!quoted && depth === 0 && c === ",") {
      out.push(current);
      current = "";
      continue;
    }
    current += c;
  }
  out.push(current);
  return out;
}
