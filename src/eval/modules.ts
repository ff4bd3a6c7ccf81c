/** What a module call passes, as parameter values for the module's evaluation, each written in the caller's files. */
import type { PathSegment, ValueNode } from "../parse/ast.js";
import type { ModuleCall } from "../parse/parsed.js";
import type { SourceText } from "../core/source.js";
import { evaluatorFor } from "./evaluate.js";
import type { FileRef, Val } from "./value.js";
import type { ParameterValues, ResolveScope } from "../find/resolve.js";

/** A registry module (`br:…`, `br/public:…`, `ts:…`, `ts/alias:…`), which is not fetched. */
export function isRegistryModule(path: string): boolean {
  return /^(?:br|ts)[:/]/i.test(path);
}

/** The deepest a passed value is rebuilt (its objects and arrays). */
const MAX_DEPTH = 64;

/**
 * The values a call passes, by lower-case name: each evaluated in the caller's scope (its params, its
 * parameters file, its vars) and given back as the nodes where it is written, with that file (the caller, or
 * its parameters file). What the caller cannot know is opaque to the module, an unknown.
 */
export function moduleParameters(call: ModuleCall, caller: ResolveScope, file: { name: string; source: SourceText }): ParameterValues {
  const values = new Map<string, ValueNode>();
  const files = new Map<string, FileRef>();
  const names: { name: string; start: number; end: number }[] = [];
  const home: FileRef = { ...file, expressions: true };
  const evaluator = evaluatorFor(caller).startTemplate();
  for (const m of call.params?.members ?? []) {
    names.push({ name: m.key, start: m.keyStart, end: m.keyEnd });
    const value = evaluator.value(m.value);
    // the value is the file's where it is written: the caller's, or its parameters file's (one file for all of it)
    const from = value.at?.file ?? home;
    values.set(m.key.toLowerCase(), asNode(value, m.value, from === home ? undefined : from, 0));
    files.set(m.key.toLowerCase(), from);
  }
  return Object.assign(values, { file: home, files, names, module: call.path });
}

/** A known value as the nodes where its parts are written in `file` (undefined: the caller); the rest opaque at `fallback`. */
function asNode(value: Val, fallback: ValueNode, file: FileRef | undefined, depth: number): ValueNode {
  const at = value.at;
  if (!at || at.file?.name !== file?.name || depth > MAX_DEPTH) return opaque(fallback, "not known where the caller writes it");
  const span = { start: at.start, end: at.end, path: (at.node?.path ?? fallback.path) as PathSegment[] };
  const here: ValueNode = { ...fallback, ...span } as ValueNode;
  switch (value.t) {
    case "unknown":
      return opaque(here, value.reason);
    case "string":
      // written as it is: the node itself; computed: the value where the expression is
      if (at.node?.kind === "string" && !at.computed) return at.node;
      return { kind: "string", ...span, value: value.v.startsWith("[") ? `[${value.v}` : value.v };
    case "number":
    case "boolean":
      return { kind: value.t, ...span, value: value.v } as ValueNode;
    case "null":
      return { kind: "null", ...span, value: null };
    case "array":
      if (value.partial) return opaque(here, "an array with unknown items");
      return { kind: "array", ...span, items: value.items.map((i) => asNode(i, here, file, depth + 1)) };
    case "object":
      if (value.partial) return opaque(here, "an object with unknown members");
      return {
        kind: "object",
        ...span,
        members: value.members.map((m) => {
          const keyAt = m.keyAt && m.keyAt.file?.name === file?.name ? m.keyAt : at;
          return { key: m.key, keyStart: keyAt.start, keyEnd: keyAt.end, value: asNode(m.value, here, file, depth + 1) };
        }),
      };
  }
}

/** What the module cannot know of a passed value: unknown to it, with why. */
function opaque(node: ValueNode, why: string): ValueNode {
  return { kind: "string", start: node.start, end: node.end, path: node.path, value: `[bicep: ${why}, passed by the caller]` };
}
