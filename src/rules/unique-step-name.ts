import type { ValueNode } from "../parse/ast.js";
import { atLeast } from "../model/versions.js";
import type { Rule, Step } from "./types.js";
import { quote } from "../util/text.js";

export const rule: Rule = {
  meta: {
    id: "unique-step-name",
    severity: "error",
    description: "Customizers (and in-VM validators) must have unique names.",
    versions: "all (a warning from 2022-02-14)",
    stage: "rule",
    docs: `The template reference (2019–2021) says that several customizers may be used but each must have a
unique \`name\`: the name identifies the step in customization.log and in the run's status. Two steps
with one name make the build's logs and errors ambiguous, and the service's validation rejects them.
Names are compared exactly; names that differ only in case get a warning. Unnamed steps are fine.
In-VM validators (\`validate.inVMValidations\`, 2022-02-14 on) follow the same rule among themselves.

History: the requirement is stated by the docs from 2019 to 2021 and is an error up to 2021-10-01.
Later docs dropped the sentence and an official 2024-02-01 REST example repeats a name, so from
2022-02-14 on it is a warning: still confusing in the logs, no longer known to be rejected.`,
    examples: {
      bad: `"customize": [{"type": "Shell", "name": "setup", ...}, {"type": "Shell", "name": "setup", ...}]`,
      good: `"customize": [{"type": "Shell", "name": "setup", ...}, {"type": "Shell", "name": "cleanup", ...}]`,
    },
  },
  create(ctx) {
    // the names of the template's steps so far, in each list: as written, and lower-cased
    let seen: Record<Step["list"], Names>;
    let severity: "warning" | "error";
    return {
      template(view) {
        seen = { customize: new Names(), inVMValidations: new Names() };
        severity = atLeast(view.template.version, "2022-02-14") ? "warning" : "error";
      },
      step({ node, list }, view) {
        const nameMember = view.get(node, "name");
        const name = view.literal(nameMember?.value);
        if (name === undefined || name === "") return;
        const at = nameMember!.value;
        const { exact, folded } = seen[list];
        const first = exact.get(name);
        const what = list === "customize" ? "customizer" : "validator";
        if (first !== undefined) {
          ctx.report({
            at,
            severity,
            message: `${what} name ${quote(name)} is already used at line ${view.lineOf(first.start)}; every ${what} needs a unique name`,
            related: [{ message: "first used here", range: view.template.source.range(first.start, first.end) }],
          });
          return;
        }
        exact.set(name, at);
        const other = folded.get(name.toLowerCase());
        if (other) {
          ctx.report({
            at,
            severity: "warning",
            message: `${what} name ${quote(name)} differs only in case from ${quote(other.name)} at line ${view.lineOf(other.start)}`,
          });
        } else folded.set(name.toLowerCase(), { name, start: at.start });
      },
    };
  },
};

class Names {
  readonly exact = new Map<string, ValueNode>();
  readonly folded = new Map<string, { name: string; start: number }>();
}
