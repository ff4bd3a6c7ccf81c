/** The shape of one image template as the schema stage and the rules see it (built by template.ts). */
import type { Choice, Place } from "../eval/view.js";
import type { FoundTemplate } from "../find/templates.js";
import type { OperatingSystem } from "../find/os.js";
import type { Member, ObjectNode, ValueNode } from "../parse/ast.js";
import type { SourceText } from "../core/source.js";
import type { ApiVersion } from "./versions.js";

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
  /** The resource as the checks see it: expressions replaced by their values where known (eval/view.ts). */
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
  /** Where evaluated values are written, by their JSON path in `node` (formatPath); empty when nothing was evaluated. */
  places: ReadonlyMap<string, Place>;
  /** Objects and arrays of `node` with parts not known: never judged for what they lack. */
  partial: ReadonlySet<ValueNode>;
  /** Why each expression left in `node` is unknown. */
  unknowns: ReadonlyMap<ValueNode, string>;
  /** Conditions not known before deployment, with each branch's value. */
  choices: readonly Choice[];
}
