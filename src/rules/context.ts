import { member, memberCI, type Member, type ObjectNode, type ValueNode } from "../parse/ast.js";
import { isExpression } from "../find/expressions.js";
import type { ValueOrigin } from "../find/resolve.js";
import { originAt } from "../template.js";
import type { Located, Report, RuleContext, RuleSettings, Template } from "./types.js";

export function createContext(template: Template, settings: RuleSettings, sink: (report: Report) => void): RuleContext {
  /** JSON null is "not given" to the service's decoder, so a null member counts as absent. */
  const get = (node: ValueNode | undefined, key: string): Member | undefined => {
    if (node?.kind !== "object") return undefined;
    const found = template.strict ? member(node, key) : memberCI(node, key);
    return found?.value.kind === "null" ? undefined : found;
  };
  return {
    template,
    settings,
    report: sink,
    get,
    given(node: ValueNode | undefined, key: string): Member | undefined {
      const found = get(node, key);
      if (!found) return undefined;
      const { value } = found;
      return (value.kind === "string" && value.value === "") || (value.kind === "array" && value.items.length === 0) ? undefined : found;
    },
    items(key: string, from: ValueNode | undefined = template.properties): ObjectNode[] {
      const list = get(from, key)?.value;
      return list?.kind === "array" ? list.items.filter((i): i is ObjectNode => i.kind === "object") : [];
    },
    literal(node: ValueNode | undefined): string | undefined {
      return node?.kind === "string" && !isExpression(node.value) ? node.value : undefined;
    },
    keyOf(m: Member): Located {
      return { start: m.keyStart, end: m.keyEnd, path: m.value.path };
    },
    origin(node: ValueNode | undefined): ValueOrigin | undefined {
      return node ? originAt(template, node) : undefined;
    },
    lineOf(offset: number): number {
      return template.source.position(offset).line;
    },
  };
}

/** Customizers and in-VM validators: the steps that run on the build VM. */
export function steps(ctx: RuleContext): { node: ObjectNode; list: "customize" | "inVMValidations" }[] {
  const validate = ctx.get(ctx.template.properties, "validate")?.value;
  return [
    ...ctx.items("customize").map((node) => ({ node, list: "customize" as const })),
    ...ctx.items("inVMValidations", validate).map((node) => ({ node, list: "inVMValidations" as const })),
  ];
}

/** A step's `type` as written, when it is a literal string. */
export function stepType(ctx: RuleContext, step: ObjectNode): string | undefined {
  return ctx.literal(ctx.get(step, "type")?.value);
}
