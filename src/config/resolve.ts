import { relative, sep } from "node:path";
import { compileGlob, globMatches } from "../util/glob.js";
import type { Config, EffectiveConfig } from "./types.js";

/** A path relative to the configuration's folder, with forward slashes, for glob matching. */
function relativeTo(config: Config, file: string): string {
  return relative(config.baseDir, file).split(sep).join("/");
}

/**
 * Globs as in .gitignore: a pattern with no '/' except a trailing one matches a file or folder name at
 * any depth (`drafts`, `drafts/`, `*.draft.json`); otherwise it is anchored at the configuration's folder
 * (`legacy/**`, `/templates/old.json`). A matching folder covers everything below it.
 */
export function matches(patterns: readonly string[], path: string): boolean {
  return patterns.some((raw) => globMatches(compileGlob(gitignoreStyle(raw)), path, true));
}

/** The pattern as matched from the configuration's folder: a bare name at any depth, `/top` anchored. */
export function gitignoreStyle(raw: string): string {
  let end = raw.length;
  while (end > 0 && raw[end - 1] === "/") end--; // (a loop: /\/+$/ is quadratic on a run of slashes)
  const trimmed = raw.slice(0, end);
  return trimmed.includes("/") ? trimmed.replace(/^\//, "") : `**/${trimmed}`;
}

export function isIgnored(config: Config, absolutePath: string): boolean {
  if (config.ignore.length === 0) return false;
  const rel = relativeTo(config, absolutePath);
  return !rel.startsWith("../") && matches(config.ignore, rel);
}

/** Effective configurations already made, by configuration and the overrides that apply: files share them (read-only). */
const made = new WeakMap<Config, Map<string, EffectiveConfig>>();

/** The rules, regions and apiVersion in force for one file: the base, then each matching override in order. */
export function effectiveConfig(config: Config, absolutePath: string | undefined): EffectiveConfig {
  const applying: number[] = [];
  if (absolutePath && config.overrides.length > 0) {
    const rel = relativeTo(config, absolutePath);
    config.overrides.forEach((override, i) => {
      if (matches(override.files, rel)) applying.push(i);
    });
  }
  let byOverrides = made.get(config);
  if (!byOverrides) made.set(config, (byOverrides = new Map()));
  const key = applying.join(",");
  let effective = byOverrides.get(key);
  if (!effective) {
    const rules = { ...config.rules };
    for (const i of applying) Object.assign(rules, config.overrides[i]!.rules);
    effective = { rules, regions: [...config.regions], ...(config.apiVersion ? { apiVersion: config.apiVersion } : {}) };
    byOverrides.set(key, effective);
  }
  return effective;
}
