import type { RuleMeta } from "../core/rule-meta.js";

/** Findings of the configuration stage. */
export const CONFIG_RULES: RuleMeta[] = [
  {
    id: "unused-disable",
    severity: "warning",
    description: "An inline or metadata suppression that suppresses nothing.",
    versions: "all",
    stage: "config",
    docs: `A \`aib-lint-disable…\` comment or a \`metadata.aib-lint.disable\` entry that matches no finding is stale: the
problem was fixed, or the rule id is misspelt. Remove it so that it cannot hide a future problem. Turn the
report off with \`--no-report-unused-disables\` or \`unused-disable: off\` in the configuration.`,
    examples: { bad: `// aib-lint-disable-next-line location   (on a line with a supported region)`, good: `(no comment)` },
  },
];
