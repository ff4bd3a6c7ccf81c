import type { Rule } from "./types.js";

export const rule: Rule = {
  meta: {
    id: "run-as-system",
    severity: "error",
    description: "A PowerShell step with runAsSystem: true also needs runElevated: true.",
    versions: "2020-02-14 and later",
    stage: "rule",
    docs: `\`runAsSystem\` runs the PowerShell step as the Local System user, which is a form of elevation: the REST
specification says it "can only be true when runElevated is true". The service rejects the step otherwise.
Applies to customizers and in-VM validators.`,
    examples: { bad: `{"type": "PowerShell", "runAsSystem": true, "inline": [...]}`, good: `{"type": "PowerShell", "runElevated": true, "runAsSystem": true, "inline": [...]}` },
  },
  create(ctx) {
    return {
      step(step, view) {
        if (step.type !== "PowerShell") return;
        const asSystem = view.get(step.node, "runAsSystem");
        if (asSystem?.value.kind !== "boolean" || !asSystem.value.value) return;
        const elevated = view.get(step.node, "runElevated")?.value;
        if (elevated?.kind === "string") return; // an expression, or a type error the schema reports
        if (elevated?.kind === "boolean" && elevated.value) return;
        ctx.report({ at: view.keyOf(asSystem), message: "runAsSystem: true needs runElevated: true on the same step" });
      },
    };
  },
};
