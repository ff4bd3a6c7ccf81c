import { soleCandidate } from "../edit/rewrite.js";
import type { ValueNode } from "../parse/ast.js";
import { atLeast } from "../model/versions.js";
import type { Rule } from "./types.js";

/** A key of the step that stands for one of these (a case variant or a typo): the schema reports it, with the fix. */
function misspelt(node: ValueNode, keys: string[]): boolean {
  // another version's name for the script (script, scriptUri) is no typo: the step lacks a script it can read
  return node.kind === "object" && node.members.some((m) => !keys.includes(m.key) && m.key !== "script" && m.key !== "scriptUri" && soleCandidate(m.key, keys) !== undefined);
}

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
  create(ctx) {
    let scriptKey: "scriptUri" | "script";
    return {
      template(view) {
        scriptKey = atLeast(view.template.version, "2019-05-01-preview") ? "scriptUri" : "script";
      },
      step(step, view) {
        const type = step.type;
        if (type !== "Shell" && type !== "PowerShell" && type !== "shell") return;
        const script = view.given(step.node, scriptKey);
        const inline = view.given(step.node, "inline");
        if (script && inline) {
          const second = script.keyStart > inline.keyStart ? script : inline;
          ctx.report({ at: view.keyOf(second), message: `a ${type} step takes ${scriptKey} or inline, not both` });
        } else if (!script && !inline && !(scriptKey === "scriptUri" && view.get(step.node, "script")) && !misspelt(step.node, [scriptKey, "inline"])) {
          // (an old `script` key, or a misspelt one such as scriptURI, is reported by the schema stage with its fix)
          ctx.report({ at: view.get(step.node, "type")!.value, message: `a ${type} step needs ${scriptKey} or inline: it has nothing to run` });
        }
      },
    };
  },
};
