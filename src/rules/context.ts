import { member, memberCI, type Member, type ObjectNode, type ValueNode } from "../parse/ast.js";
import { isExpression } from "../find/expressions.js";
import type { Place } from "../eval/view.js";
import { placeOf } from "../template/build.js";
import type { Located, Report, RuleContext, RuleSettings, Template } from "./types.js";

/** Where a file's findings go: one per file, told which rule reports. */
export interface FindingSink {
  add(ruleId: string, report: Report): void;
}

/** One per template, pointed at each rule in turn (the rules run one after the other): methods on the prototype. */
class Context implements RuleContext {
  settings: RuleSettings = NO_SETTINGS;
  private ruleId = "";

  constructor(
    readonly template: Template,
    private readonly sink: FindingSink,
  ) {}

  /** Makes the context the next rule's. */
  for(ruleId: string, settings: RuleSettings): this {
    this.ruleId = ruleId;
    this.settings = settings;
    return this;
  }

  report(report: Report): void {
    this.sink.add(this.ruleId, report);
  }

  /** JSON null is "not given" to the service's decoder, so a null member counts as absent. */
  get(node: ValueNode | undefined, key: string): Member | undefined {
    if (node?.kind !== "object") return undefined;
    const found = this.template.strict ? member(node, key) : memberCI(node, key);
    return found?.value.kind === "null" ? undefined : found;
  }

  given(node: ValueNode | undefined, key: string): Member | undefined {
    const found = this.get(node, key);
    if (!found) return undefined;
    const { value } = found;
    return (value.kind === "string" && value.value === "") || (value.kind === "array" && value.items.length === 0) ? undefined : found;
  }

  items(key: string, from: ValueNode | undefined = this.template.properties): ObjectNode[] {
    const list = this.get(from, key)?.value;
    return list?.kind === "array" ? list.items.filter((i): i is ObjectNode => i.kind === "object") : [];
  }

  literal(node: ValueNode | undefined): string | undefined {
    return node?.kind === "string" && !isExpression(node.value) ? node.value : undefined;
  }

  keyOf(m: Member): Located {
    return { start: m.keyStart, end: m.keyEnd, path: m.value.path };
  }

  place(node: ValueNode | undefined): Place | undefined {
    return node ? placeOf(this.template, node)?.place : undefined;
  }

  lineOf(offset: number): number {
    return this.template.source.position(offset).line;
  }
}

const NO_SETTINGS: RuleSettings = { regions: [], options: {} };

/** A template's rule context; `for(ruleId, settings)` hands it to each rule. */
export function createContext(template: Template, sink: FindingSink): RuleContext & { for(ruleId: string, settings: RuleSettings): RuleContext } {
  return new Context(template, sink);
}

/**
 * A value derived from the template alone, computed once per template however many rules ask. The
 * rules run template by template, so the last template's value is all that is kept (a WeakMap over
 * every template would cost the garbage collector more than it saves).
 */
export function perTemplate<T>(compute: (ctx: RuleContext) => T): (ctx: RuleContext) => T {
  let template: Template | undefined;
  let value: T;
  return (ctx) => {
    if (ctx.template !== template) {
      value = compute(ctx);
      template = ctx.template;
    }
    return value;
  };
}

export interface Step {
  node: ObjectNode;
  list: "customize" | "inVMValidations";
  /** Its `type` as written, when it is a literal string. */
  type: string | undefined;
}

/** Customizers and in-VM validators: the steps that run on the build VM. */
export const steps: (ctx: RuleContext) => readonly Step[] = perTemplate((ctx) => {
  const out: Step[] = [];
  const add = (list: Step["list"], nodes: readonly ObjectNode[]): void => {
    for (const node of nodes) out.push({ node, list, type: ctx.literal(ctx.get(node, "type")?.value) });
  };
  add("customize", ctx.items("customize"));
  add("inVMValidations", ctx.items("inVMValidations", ctx.get(ctx.template.properties, "validate")?.value));
  return out;
});
