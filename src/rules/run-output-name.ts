import { namePattern } from "../schema/model.js";
import { compiled } from "./match.js";
import { isPlaceholder } from "./placeholder.js";
import type { Rule } from "./types.js";
import { quote } from "../util/text.js";

export const rule: Rule = {
  meta: {
    id: "run-output-name",
    severity: "error",
    description: "runOutputName values are unique within distribute (ignoring case) and match ^[A-Za-z0-9-_.]{1,64}$.",
    versions: "all",
    stage: "rule",
    docs: `Each distribution target reports its result as a child resource
\`.../imageTemplates/<template>/runOutputs/<runOutputName>\`. Resource names are case-insensitive, so two
targets whose names differ only in case collide, and the template is rejected. The name follows the
resource-name pattern \`^[A-Za-z0-9-_.]{1,64}$\` (without '.' before 2019-05-01-preview).`,
    examples: {
      bad: `{"type": "ManagedImage", "runOutputName": "ubuntu"}, {"type": "VHD", "runOutputName": "Ubuntu"}`,
      good: `{"type": "ManagedImage", "runOutputName": "ubuntu-mi"}, {"type": "VHD", "runOutputName": "ubuntu-vhd"}`,
    },
  },
  create(ctx) {
    // the names of the template's distributors so far
    let seen: Map<string, { name: string; start: number; end: number }>;
    let pattern: RegExp;
    return {
      template(view) {
        seen = new Map();
        pattern = compiled(namePattern(view.template.version));
      },
      distributor(distributor, view) {
        const m = distributor.runOutputName;
        const name = view.literal(m?.value);
        if (name === undefined || isPlaceholder(name)) return;
        if (!pattern.test(name)) {
          ctx.report({
            at: m!.value,
            message: `runOutputName ${quote(name)} must be 1 to 64 letters, digits, '-', '_'${pattern.source.includes(".") ? " or '.'" : ""} (${pattern.source})`,
          });
        }
        const first = seen.get(name.toLowerCase());
        if (first) {
          const same = first.name === name ? "" : ` (${quote(first.name)}; names are case-insensitive)`;
          ctx.report({
            at: m!.value,
            message: `runOutputName ${quote(name)} is already used at line ${view.lineOf(first.start)}${same}; each distribution target needs its own`,
            related: [{ message: "first used here", range: view.template.source.range(first.start, first.end) }],
          });
        } else seen.set(name.toLowerCase(), { name, start: m!.value.start, end: m!.value.end });
      },
    };
  },
};
