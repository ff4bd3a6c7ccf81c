/** Between ajv's data paths and the source tree: nodes, keys and where to point. */
import type { Located } from "../core/diagnostic.js";
import { memberCI, type ObjectNode, type PathSegment, type ValueNode } from "../parse/ast.js";

/** The loops of an ARM property `copy` array, when it is one. */
export function propertyCopyLoops(node: ValueNode): { name: string; input: ValueNode; nameNode: ValueNode }[] | undefined {
  if (node.kind !== "array" || node.items.length === 0) return undefined;
  const loops: { name: string; input: ValueNode; nameNode: ValueNode }[] = [];
  for (const item of node.items) {
    if (item.kind !== "object") return undefined;
    const name = item.members.find((m) => m.key === "name")?.value;
    const input = item.members.find((m) => m.key === "input")?.value;
    if (name?.kind !== "string" || !input) return undefined;
    loops.push({ name: name.value, input, nameNode: name });
  }
  return loops;
}

export function pathOf(instancePath: string): PathSegment[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Walks the data path over the source tree, following renamed keys case-insensitively and copy loops. */
export function nodeAtPath(root: ValueNode, path: PathSegment[]): ValueNode | undefined {
  let node: ValueNode | undefined = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (!node) return undefined;
    if (typeof seg === "number") node = node.kind === "array" ? node.items[seg] : undefined;
    else if (node.kind === "object") {
      const found = memberCI(node, seg);
      if (found) node = found.value;
      else {
        // an array built by a copy loop: its one item is the loop's input
        const copy = memberCI(node, "copy");
        const loop = copy ? propertyCopyLoops(copy.value)?.find((l) => l.name === seg) : undefined;
        if (!loop) return undefined;
        node = loop.input;
        if (typeof path[i + 1] === "number") i++;
        else return copy!.value;
      }
    } else return undefined;
  }
  return node;
}


/** Where a key is written; for an array built by a copy loop, the loop's `name` in the copy entry. */
export function keyLocation(object: ObjectNode, key: string): Located | undefined {
  const m = memberCI(object, key);
  if (m) return { start: m.keyStart, end: m.keyEnd, path: m.value.path };
  const copy = memberCI(object, "copy");
  return copy ? propertyCopyLoops(copy.value)?.find((l) => l.name === key)?.nameNode : undefined;
}

/** Where to point for something missing from an object: its `type` value, else its key, else its start. */
export function objectAnchor(object: ObjectNode, key?: Located): Located {
  const type = [...object.members].reverse().find((m) => m.key === "type");
  return type ? type.value : (key ?? { start: object.start, end: object.start + 1, path: object.path });
}

export function keyAt(root: ValueNode, path: PathSegment[]): Located | undefined {
  const parent = nodeAtPath(root, path.slice(0, -1));
  const last = path[path.length - 1];
  return parent?.kind === "object" && typeof last === "string" ? keyLocation(parent, last) : undefined;
}
