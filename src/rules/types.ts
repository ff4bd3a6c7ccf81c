import type { Located, Report, Severity } from "../diagnostic.js";
import type { Member, ObjectNode, ValueNode } from "../parse/ast.js";
import type { Template } from "../template.js";

export type { Located, Report, Template };

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
  stage: "parse" | "find" | "schema" | "rule" | "config";
  examples?: { bad: string; good: string };
  /** Options the rule takes in the configuration: `rule-id: [level, { name: value }]`. */
  options?: Record<string, { type: "number" | "string" | "boolean" | "string[]"; description: string }>;
}

export interface RuleSettings {
  /** Regions added to the supported list by configuration. */
  regions: readonly string[];
  /** The rule's options from the configuration. */
  options: Readonly<Record<string, unknown>>;
}

export interface RuleContext {
  template: Template;
  settings: RuleSettings;
  report(report: Report): void;
  /** Member lookup honouring the version's case rules (case-insensitive before 2024-02-01); null counts as absent. */
  get(node: ValueNode | undefined, key: string): Member | undefined;
  /** Like get, but "" and [] (the service's defaults) count as not set either. */
  given(node: ValueNode | undefined, key: string): Member | undefined;
  /** The object items of `properties.<key>` when it is an array. */
  items(key: string, from?: ValueNode): ObjectNode[];
  /** The string value, unless it is missing, not a string or an ARM expression. */
  literal(node: ValueNode | undefined): string | undefined;
  /** The range of a member's key, for findings about the property itself. */
  keyOf(member: Member): Located;
  /** 1-based line of an offset, for messages that point elsewhere. */
  lineOf(offset: number): number;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
