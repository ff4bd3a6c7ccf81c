import type { RuleSetting } from "../core/rule-meta.js";
import type { ApiVersion } from "../model/versions.js";

export interface Override {
  files: string[];
  rules: Record<string, RuleSetting>;
}

/** A configuration file's content, validated. */
export interface Config {
  /** The file it came from (undefined: the defaults). */
  path?: string;
  /** Globs are relative to this folder. */
  baseDir: string;
  rules: Record<string, RuleSetting>;
  ignore: string[];
  regions: string[];
  apiVersion?: ApiVersion;
  overrides: Override[];
  /** `checksums.map`: URI prefixes read from local folders (absolute). */
  uriMappings?: { prefix: string; dir: string }[];
}

/** The configuration in force for one file, after overrides. */
export interface EffectiveConfig {
  rules: Record<string, RuleSetting>;
  regions: string[];
  apiVersion?: ApiVersion;
}
