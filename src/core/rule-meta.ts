/** What every finding source declares about itself: rules, pipeline stages. Imports nothing of the pipeline. */
import type { Severity } from "./diagnostic.js";

export interface RuleMeta {
  /** Stable kebab-case id used in reports, configuration and suppressions. */
  id: string;
  severity: Severity;
  /** One line, shown in `aib-lint rules` and SARIF. */
  description: string;
  /** The full explanation: why, history, what to do. */
  docs: string;
  /** API versions the rule applies to, in words. */
  versions: string;
  /** Where the findings come from: a rule's own check or a pipeline stage. */
  stage: "read" | "parse" | "find" | "schema" | "rule" | "config";
  examples?: { bad: string; good: string };
  /** Options the rule takes in the configuration: `rule-id: [level, { name: value }]`. */
  options?: Record<string, { type: "number" | "string" | "boolean" | "string[]"; description: string }>;
  /** Some of its findings carry a safe fix (applied by --fix). */
  fixable?: true;
}

/** A rule as the configuration sets it: its level and options. */
export type RuleLevel = Severity | "off";

export interface RuleSetting {
  level: RuleLevel;
  options?: Record<string, unknown>;
}
