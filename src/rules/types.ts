import type { Located, Report } from "../core/diagnostic.js";
import type { Member, StringNode } from "../parse/ast.js";
import type { Template } from "../model/template.js";
import type { RuleMeta } from "../core/rule-meta.js";
import type { Checksums } from "../checksums/types.js";
import type { ParameterValues } from "../find/resolve.js";
import type { ShellcheckLookup } from "../scripts/types.js";
import type { Distributor, Step, TemplateView } from "./view.js";

export type { Located, Report, Template, RuleMeta, TemplateView, Step, Distributor };

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

/** What a rule is given: its id and settings, and where its findings go. */
export interface RuleContext {
  readonly id: string;
  readonly settings: RuleSettings;
  report(report: Report): void;
}

/**
 * Where a value or member lies in the template, as the walk passes it to the node listeners. It holds
 * for the call only (the walk moves it on); a member's is that of the object holding it.
 */
export interface Where {
  readonly view: TemplateView;
  /** The key of the nearest member above (array items have their array's; "" at the template's root). */
  readonly key: string;
  /** Inside `properties`. */
  readonly inProperties: boolean;
  /** Under a key whose values are commands (inline, restartCommand…) or free text (tags, searchCriteria…), at any depth. */
  readonly inCommandsOrTags: boolean;
  /** Under a key whose content is the author's own (tags, userAssignedIdentities, metadata, dependsOn…), at any depth. */
  readonly inFreeForm: boolean;
}

/**
 * What a rule looks at in each template, called in this order by the one pass over it (rules/walk.ts), as
 * plain functions. They serve every template linted with the rule's settings: a rule that keeps what it
 * has seen of a template (to report a second use of a name) starts afresh in `template`, with new maps:
 * a long-lived map's clear() leaves its old entries for a full collection, so every finished template
 * would outlive the young-generation collections.
 */
export interface Listeners {
  template?(view: TemplateView): void;
  /** Each customizer, then each in-VM validator. */
  step?(step: Step, view: TemplateView): void;
  /** Each item of `distribute`. */
  distributor?(distributor: Distributor, view: TemplateView): void;
  /** Each member of every object of the template, before its value. */
  member?(member: Member, where: Where): void;
  /** Each string value of the template. */
  string?(node: StringNode, where: Where): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Called once for each rule settings (once a run, as a rule): what the rule listens to, nothing when its settings leave it nothing to check. */
  create(context: RuleContext): Listeners;
}
