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

export class BuiltObject extends Built implements ObjectNode {
  readonly kind = "object";
  members: Member[] = [];
}

export class BuiltArray extends Built implements ArrayNode {
  readonly kind = "array";
  items: ValueNode[] = [];
}

export class BuiltLeaf<N extends Exclude<ValueNode, ObjectNode | ArrayNode>> extends Built {
  constructor(
    readonly kind: N["kind"],
    readonly value: N["value"],
    start: number,
    end: number,
    parent: Built | undefined,
    segment: PathSegment | undefined,
  ) {
    super(start, end, parent, segment);
  }
}
