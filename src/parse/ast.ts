/** A position-carrying tree shared by the JSON and YAML parsers. Offsets index the source text. */
import type { PathSegment } from "../core/diagnostic.js";
export type { PathSegment };

interface BaseNode {
  start: number;
  end: number;
  path: PathSegment[];
}

export interface ObjectNode extends BaseNode {
  kind: "object";
  members: Member[];
}

export interface Member {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: ValueNode;
}

export interface ArrayNode extends BaseNode {
  kind: "array";
  items: ValueNode[];
}

export interface StringNode extends BaseNode {
  kind: "string";
  value: string;
}

export interface NumberNode extends BaseNode {
  kind: "number";
  value: number;
}

export interface BooleanNode extends BaseNode {
  kind: "boolean";
  value: boolean;
}

export interface NullNode extends BaseNode {
  kind: "null";
  value: null;
}

export type ValueNode = ObjectNode | ArrayNode | StringNode | NumberNode | BooleanNode | NullNode;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Plain JavaScript value of a node; with duplicate keys the last one wins, as in JSON.parse. */
export function toValue(node: ValueNode): JsonValue {
  switch (node.kind) {
    case "object": {
      const out: { [key: string]: JsonValue } = {};
      for (const m of node.members) {
        // __proto__ as an own key, never the prototype
        Object.defineProperty(out, m.key, { value: toValue(m.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case "array":
      return node.items.map(toValue);
    default:
      return node.value;
  }
}

/** Last member with this exact key (JSON semantics: the last duplicate wins). */
export function member(node: ObjectNode, key: string): Member | undefined {
  for (let i = node.members.length - 1; i >= 0; i--) if (node.members[i]!.key === key) return node.members[i];
  return undefined;
}

export function memberCI(node: ObjectNode, key: string): Member | undefined {
  const exact = member(node, key);
  if (exact) return exact;
  const lower = key.toLowerCase();
  // lower-casing keeps a key's length, except İ (U+0130), which becomes i and U+0307: most keys are ruled out
  // by their length without making a lower-case copy of them
  const expands = lower.includes("\u0307");
  for (let i = node.members.length - 1; i >= 0; i--) {
    const k = node.members[i]!.key;
    if ((k.length === lower.length || (expands && k.length < lower.length)) && k.toLowerCase() === lower) return node.members[i];
  }
  return undefined;
}

export function formatPath(path: readonly PathSegment[]): string {
  let out = "$";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += `.${seg}`;
    else out += `['${seg.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`;
  }
  return out;
}

/** Follows a path of keys and indexes; object keys are matched exactly. */
export function nodeAt(root: ValueNode, path: readonly PathSegment[], caseInsensitive = false): ValueNode | undefined {
  let node: ValueNode | undefined = root;
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === "number") node = node.kind === "array" ? node.items[seg] : undefined;
    else if (node.kind === "object") node = (caseInsensitive ? memberCI(node, seg) : member(node, seg))?.value;
    else return undefined;
  }
  return node;
}
