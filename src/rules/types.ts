import type { Located, Report } from "../core/diagnostic.js";
import type { Place } from "../eval/view.js";
import type { Member, ObjectNode, ValueNode } from "../parse/ast.js";
import type { Template } from "../model/template.js";
import type { RuleMeta } from "../core/rule-meta.js";
import type { Checksums } from "../checksums/types.js";
import type { ParameterValues } from "../find/resolve.js";
import type { ShellcheckLookup } from "../scripts/types.js";

export type { Located, Report, Template, RuleMeta };

export interface RuleSettings {
  /** Regions added to the supported list by configuration. */
  regions: readonly string[];
  /** The rule's options from the configuration. */
  options: Readonly<Record<string, unknown>>;
  /** Values from --parameters. */
  parameters?: ParameterValues;
  /** File hashes computed before lint (src/checksums), by URI. */
  checksums?: Checksums;
  /** ShellCheck's findings computed before lint (src/scripts), by script text. */
  shellcheck?: ShellcheckLookup;
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
  /**
   * Where an evaluated value is written when not where the resource has it (a variable, a default, a
   * parameters file); findings on it are placed there by the template stage.
   */
  place(node: ValueNode | undefined): Place | undefined;
  /** 1-based line of an offset, for messages that point elsewhere. */
  lineOf(offset: number): number;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
