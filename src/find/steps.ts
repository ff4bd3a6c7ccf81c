import { memberCI, type ObjectNode } from "../parse/ast.js";
import type { FoundTemplate } from "./templates.js";

export interface FoundStep {
  node: ObjectNode;
  /** The literal `type`, as written. */
  type: string | undefined;
}

/** Customizers and in-VM validators of a found template, names matched case-insensitively (for the checks that run before the rules). */
export function findSteps(found: FoundTemplate): FoundStep[] {
  const props = memberCI(found.node, "properties")?.value;
  if (props?.kind !== "object") return [];
  const validate = memberCI(props, "validate")?.value;
  const lists = [memberCI(props, "customize")?.value, validate?.kind === "object" ? memberCI(validate, "inVMValidations")?.value : undefined];
  const out: FoundStep[] = [];
  for (const list of lists) {
    if (list?.kind !== "array") continue;
    for (const node of list.items) {
      if (node.kind !== "object") continue;
      const type = memberCI(node, "type")?.value;
      out.push({ node, type: type?.kind === "string" ? type.value : undefined });
    }
  }
  return out;
}
