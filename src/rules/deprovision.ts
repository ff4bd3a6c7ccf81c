import type { ValueNode } from "../parse/ast.js";
import type { Rule } from "./types.js";

/** The scripts Image Builder runs last to generalize the image (Sysprep, waagent -deprovision). */
const SCRIPT = /(?:^|[\\/\s"'])(?:c:\\{1,2}|c:\/|\/tmp\/)deprovisioningscript\.(?:ps1|sh)\b/i;
const DELETE = /\b(?:rm|del|erase|remove-item|ri)\b[^|;&\n]*deprovisioningscript\.(?:ps1|sh)/i;

export const rule: Rule = {
  meta: {
    id: "deprovision",
    severity: "error",
    description: "Steps must not delete the generalization script; overwriting it is an override worth a note.",
    versions: "all",
    stage: "rule",
    docs: `After the customizers, Image Builder generalizes the image with \`C:\\DeprovisioningScript.ps1\` (Sysprep) on
Windows or \`/tmp/DeprovisioningScript.sh\` (\`waagent -deprovision+user\`) on Linux. A step may overwrite that file
to change the commands — the documented way to customize generalization, reported as a note so that reviewers
see it — but deleting it breaks the build. Checked: File steps whose destination is the script, and inline
commands that delete it.`,
    examples: { bad: `"inline": ["sudo rm -f /tmp/DeprovisioningScript.sh"]`, good: `"destination": "/tmp/DeprovisioningScript.sh"   (a deliberate override)` },
  },
  create(ctx) {
    return {
      step(step, view) {
        if (step.type === "File") {
          const destination = view.get(step.node, "destination")?.value;
          const path = view.literal(destination);
          if (destination && path !== undefined && SCRIPT.test(` ${path}`)) {
            ctx.report({ at: destination, severity: "info", message: "this File step replaces the generalization script: the image is deprovisioned with your commands, not Image Builder's" });
          }
        }
        const inline = view.get(step.node, "inline")?.value;
        const commands: ValueNode[] = inline?.kind === "array" ? inline.items : [];
        for (const command of commands) {
          const text = view.literal(command);
          if (text !== undefined && DELETE.test(text)) {
            ctx.report({ at: command, message: "this command deletes the generalization script that Image Builder runs last; the build fails without it" });
          }
        }
      },
    };
  },
};
