/** The shape of one image template as the schema stage and the rules see it (built by template.ts). */
import type { ValueOrigin } from "./find/resolve.js";
import type { FoundTemplate } from "./find/templates.js";
import type { OperatingSystem } from "./find/os.js";
import type { Member, ObjectNode } from "./parse/ast.js";
import type { SourceText } from "./parse/source.js";
import type { ApiVersion } from "./schema/versions.js";

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
  /** The resource as the checks see it: resolvable parameter and variable references replaced by their values. */
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
  /** Values resolved from parameters and variables (`node` holds them in place of the references), by the start offset of the use. */
  origins: ReadonlyMap<number, { end: number; origin: ValueOrigin }>;
}
