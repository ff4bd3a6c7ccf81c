/** What a module call passes, as parameter values for the module's evaluation, each written in the caller's text. */
import type { ValueNode } from "../parse/ast.js";
import type { ModuleCall } from "../parse/parsed.js";
import type { SourceText } from "../parse/source.js";
import { isExpression } from "./expressions.js";
import { trace, type ParameterValues, type ResolveScope } from "./resolve.js";

/** A registry module (`br:…`, `br/public:…`, `ts:…`, `ts/alias:…`), which is not fetched. */
export function isRegistryModule(path: string): boolean {
  return /^(?:br|ts)[:/]/i.test(path);
}

/** The deepest a passed value is rewritten (its objects and arrays). */
const MAX_DEPTH = 64;

/**
 * The values a call passes, by lower-case name, with the caller as their file: a reference to the caller's own
 * param or var is followed to its literal (a param given by the caller's parameters file keeps that file); an
 * expression that stays is opaque to the module, as its names mean the caller's scope, not the module's.
 */
export function moduleParameters(call: ModuleCall, caller: ResolveScope, file: { name: string; source: SourceText }): ParameterValues {
  const values = new Map<string, ValueNode>();
  const files = new Map<string, { name: string; source: SourceText }>();
  const names: { name: string; start: number; end: number }[] = [];
  const home = { ...file, expressions: true as const };
  for (const m of call.params?.members ?? []) {
    names.push({ name: m.key, start: m.keyStart, end: m.keyEnd });
    const written = m.value.kind === "string" ? followed(m.value, caller) : undefined;
    const from = written?.origin?.file;
    // a value from the caller's parameters file is that file's; what it holds is not an expression of the caller
    const value = written ? (from ? written.value : inCaller(written.value, caller, file.source, 0)) : inCaller(m.value, caller, file.source, 0);
    values.set(m.key.toLowerCase(), value);
    files.set(m.key.toLowerCase(), from ?? home);
  }
  return Object.assign(values, { file: home, files, names, module: call.path });
}

/** A caller's value with each expression in it followed to a literal of the caller's text, or made opaque. */
function inCaller(node: ValueNode, caller: ResolveScope, source: SourceText, depth: number): ValueNode {
  if (depth > MAX_DEPTH) return opaque(node, source);
  switch (node.kind) {
    case "string": {
      if (!isExpression(node.value) || node.value.startsWith("[bicep:")) return node;
      const written = followed(node, caller);
      if (!written || written.origin?.file) return opaque(node, source);
      return inCaller(written.value, caller, source, depth + 1);
    }
    case "object":
      return { ...node, members: node.members.map((m) => ({ ...m, value: inCaller(m.value, caller, source, depth + 1) })) };
    case "array":
      return { ...node, items: node.items.map((i) => inCaller(i, caller, source, depth + 1)) };
    default:
      return node;
  }
}

/** A reference to the caller's param or var followed to the literal it holds; an empty default means "given at deployment". */
function followed(node: ValueNode, caller: ResolveScope): ReturnType<typeof trace> {
  if (node.kind !== "string" || !isExpression(node.value)) return undefined;
  const found = trace(node, caller, 0);
  if (!found || (found.value.kind === "string" && isExpression(found.value.value))) return undefined;
  const emptyDefault = found.value.kind === "string" && found.value.value === "" && found.origin?.what.endsWith(", default") && !caller.parameters?.file;
  return emptyDefault ? undefined : found;
}

/** An expression of the caller the module cannot read: unknown to it, named by its text. */
function opaque(node: ValueNode, source: SourceText): ValueNode {
  const text = source.text.slice(node.start, Math.min(node.end, node.start + 200)).replace(/\s+/g, " ").trim();
  return { kind: "string", start: node.start, end: node.end, path: node.path, value: `[bicep: ${text} (passed by the caller)]` };
}
