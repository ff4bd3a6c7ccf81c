import type { Related, Severity } from "../diagnostic.js";
import type { FoundTemplate } from "../find/templates.js";
import type { Member, ObjectNode, PathSegment, ValueNode } from "../parse/ast.js";
import type { SourceText } from "../parse/source.js";
import type { ApiVersion } from "../schema/versions.js";

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
  stage: "parse" | "find" | "schema" | "rule";
  examples?: { bad: string; good: string };
  /** Options the rule takes in the configuration: `rule-id: [level, { name: value }]`. */
  options?: Record<string, { type: "number" | "string" | "boolean" | "string[]"; description: string }>;
}

/** A located span: a value node, or a member's key. */
export interface Located {
  start: number;
  end: number;
  path: PathSegment[];
}

export interface Report {
  at: Located;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. a warning-level variant). */
  severity?: Severity;
  related?: Related[];
}

export type OperatingSystem = "linux" | "windows";

/** Where the version the checks run against came from. */
export interface ApiVersionInfo {
  /** The apiVersion member, if the template has one. */
  member?: Member;
  /** The version as written or resolved (may be unknown or malformed). */
  value?: string;
  origin: "literal" | "resolved" | "external" | "config" | "assumed";
}

/** One image template as the rules see it. */
export interface Template {
  found: FoundTemplate;
  node: ObjectNode;
  /** The version checks run against. */
  version: ApiVersion;
  apiVersion: ApiVersionInfo;
  /** Names matched exactly and unknown fields rejected (2024-02-01 on). */
  strict: boolean;
  /** `properties`, unless missing or one expression. */
  properties: ObjectNode | undefined;
  os: OperatingSystem | undefined;
  source: SourceText;
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
