import { atLeast } from "../schema/versions.js";
import { steps } from "./context.js";
import type { Rule } from "./types.js";

export const rule: Rule = {
  meta: {
    id: "script-source",
    severity: "error",
    description: "Shell and PowerShell steps take exactly one of scriptUri and inline.",
    versions: "all",
    stage: "rule",
    docs: `A Shell or PowerShell customizer (or validator) runs either the script at \`scriptUri\` or the commands
in \`inline\`: exactly one of them (the REST specification says so). With neither the service reports
NoCustomizerScript; with both it rejects the step. Before 2019-05-01-preview the script property was
called \`script\`.`,
    examples: {
      bad: `{"type": "Shell", "scriptUri": "https://.../setup.sh", "inline": ["echo hi"]}`,
      good: `{"type": "Shell", "scriptUri": "https://.../setup.sh"}`,
    },
  },
  check(ctx) {
    const scriptKey = atLeast(ctx.template.version, "2019-05-01-preview") ? "scriptUri" : "script";
    for (const step of steps(ctx)) {
      const type = step.type;
      if (type !== "Shell" && type !== "PowerShell" && type !== "shell") continue;
      const script = ctx.given(step.node, scriptKey);
      const inline = ctx.given(step.node, "inline");
      if (script && inline) {
        const second = script.keyStart > inline.keyStart ? script : inline;
        ctx.report({ at: ctx.keyOf(second), message: `a ${type} step takes ${scriptKey} or inline, not both` });
      } else if (!script && !inline && !(scriptKey === "scriptUri" && ctx.get(step.node, "script"))) {
        // (an old `script` key is reported by the schema stage with its rename)
        ctx.report({ at: ctx.get(step.node, "type")!.value, message: `a ${type} step needs ${scriptKey} or inline: it has nothing to run` });
      }
    }
  },
};
