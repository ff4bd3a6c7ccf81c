/** The nodes the JSON parsers build: positions, and a path worked out from the parent when asked. */
import type { ArrayNode, Member, ObjectNode, PathSegment, ValueNode } from "./ast.js";

/**
 * A node of the built tree. Its path is worked out from its parent when asked: a path array per node
 * would cost about 100 bytes each, a third of the tree of a large file.
 */
export abstract class Built {
  constructor(
    public start: number,
    public end: number,
    private readonly parent: Built | undefined,
    private readonly segment: PathSegment | undefined,
  ) {}

  get path(): PathSegment[] {
    const out: PathSegment[] = [];
    for (let n: Built | undefined = this; n?.parent; n = n.parent) out.push(n.segment!);
    return out.reverse();
  }
}

// `kind` lives on the prototype (containers) or follows from the value (leaves): a field per node would
// cost 8 bytes each, a few percent of a large file's tree. A copy made by spreading must name `kind` and `path`.

export class BuiltObject extends Built implements ObjectNode {
  declare readonly kind: "object";
  constructor(
    start: number,
    end: number,
    parent: Built | undefined,
    segment: PathSegment | undefined,
    public members: Member[] = [],
  ) {
    super(start, end, parent, segment);
  }
}
Object.defineProperty(BuiltObject.prototype, "kind", { value: "object" });

export class BuiltArray extends Built implements ArrayNode {
  declare readonly kind: "array";
  constructor(
    start: number,
    end: number,
    parent: Built | undefined,
    segment: PathSegment | undefined,
    public items: ValueNode[] = [],
  ) {
    super(start, end, parent, segment);
  }
}
Object.defineProperty(BuiltArray.prototype, "kind", { value: "array" });

type Leaf = Exclude<ValueNode, ObjectNode | ArrayNode>;

export class BuiltLeaf<N extends Leaf> extends Built {
  constructor(
    readonly value: N["value"],
    start: number,
    end: number,
    parent: Built | undefined,
    segment: PathSegment | undefined,
  ) {
    super(start, end, parent, segment);
  }

  get kind(): N["kind"] {
    const v = this.value;
    return (v === null ? "null" : typeof v) as N["kind"];
  }
}
