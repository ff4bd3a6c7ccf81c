import { isPlaceholder } from "./placeholder.js";
import type { Rule } from "./types.js";
import { DURATION } from "../schema/patterns.js";
import { clip, quote } from "../util/text.js";

export const rule: Rule = {
  meta: {
    id: "restart-timeout",
    severity: "error",
    description: "A WindowsRestart restartTimeout is a duration such as 5m, 30m or 2h.",
    versions: "2019-02-01-preview and later",
    stage: "rule",
    docs: `\`restartTimeout\` is "a string of magnitude and unit" (default \`5m\`). The restart runs on Packer's
windows-restart provisioner, which parses Go durations: digits followed by \`h\`, \`m\`, \`s\` (or \`ms\`, \`us\`,
\`ns\`), possibly combined, as in \`1h30m\`. "5 minutes", "300" or "5M" fail the step. Windows Update restarts
can take long; the troubleshooting guide suggests raising it to 15–30 minutes.`,
    examples: { bad: `"restartTimeout": "10 minutes"`, good: `"restartTimeout": "10m"` },
  },
  create(ctx) {
    return {
      step(step, view) {
        if (step.type !== "WindowsRestart") return;
        const timeout = view.get(step.node, "restartTimeout");
        const value = view.literal(timeout?.value);
        if (value === undefined || value === "" || isPlaceholder(value) || DURATION.test(value)) return;
        const number = /^(\d+)\s*(m|min|mins|minutes?|h|hours?|s|sec|seconds?)?$/i.exec(value.trim());
        const hint = number ? `; write "${clip(number[1]!)}${(number[2] ?? "m")[0]!.toLowerCase()}"` : "";
        ctx.report({ at: timeout!.value, message: `restartTimeout ${quote(value)} is not a duration such as "5m" or "1h30m"${hint}` });
      },
    };
  },
};
