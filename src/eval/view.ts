/**
 * The resource as the checks see it: each `[...]` value replaced by what it evaluates to, placed where
 * the value is written (the literal in a variable, a default, a parameters file), so that a finding
 * stands where the fix belongs. Unknown values stay the expression they are; unchanged subtrees are shared.
 */
import { formatPath, type ArrayNode, type Member, type ObjectNode, type PathSegment, type StringNode, type ValueNode } from "../parse/ast.js";
import { isExpression } from "../find/expressions.js";
import type { ResolveScope } from "../find/resolve.js";
import { evaluatorFor, type Evaluator } from "./evaluate.js";
import type { FileRef, Unknown, Val, Written } from "./value.js";

/** Where a value of the view is written, when it is not where the resource has it. */
export interface Place {
  start: number;
  end: number;
  /** A parameters file; otherwise the template's own file. */
  file?: FileRef;
  /** The key's span, for an object member. */
  key?: { start: number; end: number; file?: FileRef };
  /** Computed by an expression written at start..end, not written as it is. */
  computed?: boolean;
  /** How the value was reached: `parameter 'location', default`. */
  via?: string;
  /** The expression in the resource that uses the value. */
  use: { start: number; end: number };
}

/** A condition not known before deployment, with the value of each branch. */
export interface Choice {
  /** The expression in the resource. */
  use: StringNode;
  alternatives: Val[];
}

export interface EvaluatedView {
  node: ObjectNode;
  /** By the view's JSON path (formatPath): values placed where they are written. */
  places: ReadonlyMap<string, Place>;
  /** Objects and arrays with members or items that are not known (checked for what they hold, never for what they lack). */
  partial: ReadonlySet<ValueNode>;
  /** Why each expression that stayed in the view is unknown. */
  unknowns: ReadonlyMap<ValueNode, string>;
  choices: readonly Choice[];
}

/** Conditions whose branches are checked one by one (each costs a check of the template). */
const MAX_CHOICES = 4;

const NO_PLACES: ReadonlyMap<string, Place> = new Map();
const NO_NODES: ReadonlySet<ValueNode> = new Set();
const NO_UNKNOWNS: ReadonlyMap<ValueNode, string> = new Map();

/** Evaluates the expressions of a resource in its deployment's scope. */
export function evaluatedView(resource: ObjectNode, scope: ResolveScope, branch?: { use: ValueNode; value: Val }): EvaluatedView {
  // outside an ARM deployment nothing is evaluated (most files): nothing is made either
  if (!scope.deployment) return { node: resource, places: NO_PLACES, partial: NO_NODES, unknowns: NO_UNKNOWNS, choices: [] };
  const places = new Map<string, Place>();
  const partial = new Set<ValueNode>();
  const unknowns = new Map<ValueNode, string>();
  const choices: Choice[] = [];
  const evaluator = evaluatorFor(scope).startTemplate();
  const builder = new Builder(places, partial, unknowns);
  // YAML aliases share subtrees: each node is visited once
  const done = new Map<ValueNode, ValueNode>();
  const visit = (node: ValueNode, root: boolean): ValueNode => {
    let out = done.get(node);
    if (!out) {
      out = replace(node, root);
      done.set(node, out);
    }
    return out;
  };
  const replace = (node: ValueNode, root: boolean): ValueNode => {
    switch (node.kind) {
      case "string": {
        if (!isExpression(node.value)) return node;
        const value = branch?.use === node ? branch.value : evaluator.expression(node, 0);
        if (value.t === "unknown") {
          unknowns.set(node, value.reason);
          if (value.alternatives && choices.length < MAX_CHOICES) choices.push({ use: node, alternatives: value.alternatives });
          return node;
        }
        return builder.build(value, node.path, node);
      }
      case "array": {
        const items = node.items.map((i) => visit(i, false));
        return items.some((item, i) => item !== node.items[i]) ? { ...node, kind: node.kind, items, path: node.path } : node;
      }
      case "object": {
        const members: Member[] = [];
        let changed = false;
        for (const m of node.members) {
          const expanded = !root && m.key === "copy" ? expandCopy(evaluator, builder, node, m) : undefined;
          if (expanded) {
            members.push(...expanded);
            changed = true;
            continue;
          }
          const value = visit(m.value, false);
          if (value !== m.value) changed = true;
          members.push(value === m.value ? m : { ...m, value });
        }
        return changed ? { ...node, kind: node.kind, members, path: node.path } : node;
      }
      default:
        return node;
    }
  };
  return { node: visit(resource, true) as ObjectNode, places, partial, unknowns, choices };
}

/** A property `copy` whose loop counts are all known becomes the arrays it builds. */
function expandCopy(evaluator: Evaluator, builder: Builder, owner: ObjectNode, copy: Member): Member[] | undefined {
  const loops = evaluator.propertyLoops(copy.value, 0, new Map());
  if (!loops || loops.some((l) => !l.items)) return undefined;
  return loops.map((l) => {
    // the loop's name stands for the array's key, and is where its items are used
    const use = l.nameNode;
    const path = [...owner.path, l.name];
    const items = l.items!.map((item, i) => builder.build(item, [...path, i], use));
    const value: ArrayNode = { kind: "array", items, start: copy.value.start, end: copy.value.end, path };
    builder.place(value, { start: copy.value.start, end: copy.value.end }, use, use);
    return { key: l.name, keyStart: use.start, keyEnd: use.end, value };
  });
}

class Builder {
  constructor(
    private readonly places: Map<string, Place>,
    private readonly partial: Set<ValueNode>,
    private readonly unknowns: Map<ValueNode, string>,
  ) {}

  /** The view node of a value, at `path`, used by the expression `use`. */
  build(value: Val, path: PathSegment[], use: { start: number; end: number }, key?: Written): ValueNode {
    const at = value.at ?? { start: use.start, end: use.end, computed: true };
    let node: ValueNode;
    switch (value.t) {
      case "unknown":
        node = this.unknownNode(value, path, use);
        break;
      case "string":
      case "number":
      case "boolean":
        node = { kind: value.t, value: value.v, start: at.start, end: at.end, path } as ValueNode;
        break;
      case "null":
        node = { kind: "null", value: null, start: at.start, end: at.end, path };
        break;
      case "array": {
        const items = value.items.map((item, i) => this.build(item, [...path, i], use));
        node = { kind: "array", items, start: at.start, end: at.end, path };
        if (value.partial) this.partial.add(node);
        break;
      }
      case "object": {
        const members: Member[] = value.members.map((m) => {
          const keyAt = m.keyAt ?? at;
          const child = this.build(m.value, [...path, m.key], use, keyAt);
          return { key: m.key, keyStart: keyAt.start, keyEnd: keyAt.end, value: child };
        });
        node = { kind: "object", members, start: at.start, end: at.end, path };
        if (value.partial) this.partial.add(node);
        break;
      }
    }
    if (value.t !== "unknown" || value.at) this.place(node, at, use, key);
    return node;
  }

  place(node: ValueNode, at: Written | { start: number; end: number }, use: { start: number; end: number }, key?: Written | { start: number; end: number }): void {
    const w = at as Written;
    const k = key as Written | undefined;
    this.places.set(formatPath(node.path), {
      start: node.start,
      end: node.end,
      ...(w.file ? { file: w.file } : {}),
      ...(k ? { key: { start: k.start, end: k.end, ...(k.file ? { file: k.file } : {}) } } : {}),
      ...(w.computed ? { computed: true } : {}),
      ...(w.via ? { via: w.via } : {}),
      use: { start: use.start, end: use.end },
    });
  }

  /** An unknown stays an expression: the one written where it stands, or one that names why. */
  private unknownNode(value: Unknown, path: PathSegment[], use: { start: number; end: number }): StringNode {
    const written = value.at?.node;
    const node: StringNode =
      written?.kind === "string" && isExpression(written.value) && !value.at?.file
        ? { kind: "string", value: written.value, start: written.start, end: written.end, path }
        : { kind: "string", value: `[${value.reason.startsWith("[") ? " " : ""}${value.reason}]`, start: value.at?.start ?? use.start, end: value.at?.end ?? use.end, path };
    this.unknowns.set(node, value.reason);
    return node;
  }
}
