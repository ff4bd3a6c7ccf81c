/** Finds, parses and validates `.aib-lint.yaml` / `.aib-lint.yml` / `.aib-lint.json`. Every problem is located. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ObjectNode, ValueNode } from "../parse/ast.js";
import { parseText, formatFor } from "../parse/index.js";
import { describeFsError, InputError, readText } from "../read/input.js";
import { CATALOG, ruleMeta } from "../lint/catalog.js";
import { API_VERSIONS, isApiVersion } from "../model/versions.js";
import { isWithin, realPath, repositoryOf } from "../util/paths.js";
import { closest, own, quote } from "../util/text.js";
import { compileGlob, GlobError } from "../util/glob.js";
import { gitignoreStyle } from "./resolve.js";
import type { Config, Override } from "./types.js";
import type { RuleLevel, RuleSetting } from "../core/rule-meta.js";

export const CONFIG_NAMES = [".aib-lint.yaml", ".aib-lint.yml", ".aib-lint.json"];
const LEVELS: RuleLevel[] = ["off", "info", "warning", "error"];
const KEYS = ["rules", "ignore", "regions", "apiVersion", "overrides", "checksums"];

/** A configuration file that cannot be used: exit 2, with the place. */
export class ConfigError extends Error {
  constructor(
    message: string,
    /** Where in the file (1-based), when the file could be read. */
    readonly location?: { line: number; column: number },
  ) {
    super(message);
  }
}

export function defaultConfig(baseDir: string): Config {
  return { baseDir, rules: {}, ignore: [], regions: [], overrides: [] };
}

/** The nearest configuration file from `dir` upwards, if any. */
export function findConfig(dir: string): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(current, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(current) === current) return undefined;
  }
}

export function loadConfig(path: string): Config {
  return parseConfig(path, readConfigText(path));
}

export function readConfigText(path: string): string {
  try {
    return readText(path, undefined, undefined, "configuration ");
  } catch (e) {
    throw new ConfigError(e instanceof InputError ? e.message : `cannot read configuration ${path}: ${describeFsError(e)}`);
  }
}

/** A configuration from its text (an editor's unsaved buffer, or the file's content). */
export function parseConfig(path: string, text: string): Config {
  const parsed = parseText(text, formatFor(path, text));
  const doc = parsed.documents[0];
  const fail = (node: { start: number } | undefined, message: string): never => {
    const p = parsed.source.position(node?.start ?? 0);
    throw new ConfigError(`${path}:${p.line}:${p.column}: ${message}`, p);
  };
  if (doc?.fatal) fail(doc.fatal, doc.fatal.message);
  if (doc?.problems[0]) fail(doc.problems[0], doc.problems[0].message);
  const config = defaultConfig(dirname(resolve(path)));
  config.path = path;
  if (!doc?.root || (doc.root.kind === "null")) return config;
  const root = doc.root;
  if (root.kind !== "object") return fail(root, `the configuration must be a mapping (${KEYS.join(", ")})`);
  for (const m of root.members) {
    switch (m.key) {
      case "rules":
        config.rules = readRules(m.value, fail);
        break;
      case "ignore":
        config.ignore = readGlobs(m.value, "ignore", fail);
        break;
      case "regions":
        config.regions = readStrings(m.value, "regions", fail);
        break;
      case "apiVersion": {
        const v = m.value.kind === "string" ? m.value.value : undefined;
        if (v === undefined || !isApiVersion(v)) fail(m.value, `apiVersion must be one of ${API_VERSIONS.join(", ")}`);
        config.apiVersion = v as Config["apiVersion"];
        break;
      }
      case "overrides":
        config.overrides = readOverrides(m.value, fail);
        break;
      case "checksums":
        config.uriMappings = readChecksums(m.value, config.baseDir, fail);
        break;
      default: {
        const suggestion = closest(m.key, KEYS);
        fail({ start: m.keyStart }, `unknown setting ${quote(m.key)}${suggestion ? `; did you mean "${suggestion}"?` : ""} (settings: ${KEYS.join(", ")})`);
      }
    }
  }
  return config;
}

type Fail = (node: { start: number } | undefined, message: string) => never;

function readStrings(node: ValueNode, what: string, fail: Fail): string[] {
  if (node.kind !== "array") return fail(node, `${what} must be a list of strings`);
  return node.items.map((item) => (item.kind === "string" && item.value !== "" ? item.value : fail(item, `${what} must be a list of non-empty strings`)));
}

/** Globs, each checked now so that a bad one is reported where it is written. */
function readGlobs(node: ValueNode, what: string, fail: Fail): string[] {
  const globs = readStrings(node, what, fail);
  if (node.kind === "array") {
    globs.forEach((glob, i) => {
      try {
        compileGlob(gitignoreStyle(glob));
      } catch (e) {
        if (e instanceof GlobError) fail(node.items[i], `${what}: ${quote(glob)}: ${e.message}`);
        throw e;
      }
    });
  }
  return globs;
}

function readRules(node: ValueNode, fail: Fail): Record<string, RuleSetting> {
  if (node.kind !== "object") return fail(node, "rules must be a mapping of rule id to off, info, warning or error");
  const rules: Record<string, RuleSetting> = {};
  for (const m of node.members) {
    const meta = ruleMeta(m.key);
    if (!meta) {
      const suggestion = closest(m.key, CATALOG.map((r) => r.id));
      fail({ start: m.keyStart }, `unknown rule ${quote(m.key)}${suggestion ? `; did you mean "${suggestion}"?` : ""} (aib-lint rules lists them)`);
    }
    rules[m.key] = readSetting(m.value, m.key, fail);
  }
  return rules;
}

function readSetting(node: ValueNode, id: string, fail: Fail): RuleSetting {
  const level = (n: ValueNode): RuleLevel =>
    n.kind === "string" && (LEVELS as string[]).includes(n.value) ? (n.value as RuleLevel) : fail(n, `rule "${id}": the level must be one of ${LEVELS.join(", ")}`);
  if (node.kind !== "array") return { level: level(node) };
  if (node.items.length === 0 || node.items.length > 2) return fail(node, `rule "${id}": write a level, or [level, options]`);
  const setting: RuleSetting = { level: level(node.items[0]!) };
  const options = node.items[1];
  if (options) {
    if (options.kind !== "object") fail(options, `rule "${id}": options must be a mapping`);
    setting.options = readOptions(options as ObjectNode, id, fail);
  }
  return setting;
}

function readOptions(node: ObjectNode, id: string, fail: Fail): Record<string, unknown> {
  const declared = ruleMeta(id)?.options ?? {};
  const out: Record<string, unknown> = {};
  for (const m of node.members) {
    const spec = own(declared, m.key);
    if (!spec) {
      const names = Object.keys(declared);
      fail({ start: m.keyStart }, names.length ? `rule "${id}" has no option ${quote(m.key)} (options: ${names.join(", ")})` : `rule "${id}" takes no options`);
    }
    const ok = spec!.type === "number" ? m.value.kind === "number" : spec!.type === "string[]" ? m.value.kind === "array" && m.value.items.every((i) => i.kind === "string") : m.value.kind === spec!.type;
    if (!ok) fail(m.value, `rule "${id}": option ${quote(m.key)} must be ${spec!.type === "string[]" ? "a list of strings" : `a ${spec!.type}`}`);
    out[m.key] = m.value.kind === "array" ? m.value.items.map((i) => (i as { value: unknown }).value) : (m.value as { value: unknown }).value;
  }
  return out;
}

/**
 * `checksums: { map: { "https://host/path/": "scripts/" } }`, folders relative to the configuration file and
 * inside its repository (the nearest folder up that holds .git, or its own folder): a repository's
 * configuration (a pull request's) cannot have files outside it read and given to ShellCheck.
 */
function readChecksums(node: ValueNode, baseDir: string, fail: Fail): { prefix: string; dir: string }[] {
  if (node.kind !== "object") return fail(node, "checksums must be a mapping: { map: { URI prefix: folder } }");
  const mappings: { prefix: string; dir: string }[] = [];
  const repository = repositoryOf(baseDir);
  for (const m of node.members) {
    if (m.key !== "map") fail({ start: m.keyStart }, `unknown checksums setting "${m.key}" (map)`);
    if (m.value.kind !== "object") return fail(m.value, "checksums.map must be a mapping of URI prefix to folder");
    for (const entry of m.value.members) {
      if (!/^https?:\/\/./i.test(entry.key)) fail({ start: entry.keyStart }, `checksums.map: "${entry.key}" is not an http(s) URI prefix`);
      if (entry.value.kind !== "string" || entry.value.value === "") fail(entry.value, "checksums.map: the folder must be a non-empty string");
      const dir = resolve(baseDir, (entry.value as { value: string }).value);
      if (!isWithin(realPath(repository), realPath(dir))) {
        fail(entry.value, `checksums.map: ${dir} is outside ${repository === baseDir ? "the configuration's folder" : "the configuration's repository"} ${repository} (--map-uri can map any folder)`);
      }
      mappings.push({ prefix: entry.key, dir });
    }
  }
  return mappings;
}

function readOverrides(node: ValueNode, fail: Fail): Override[] {
  if (node.kind !== "array") return fail(node, "overrides must be a list of { files: [globs], rules: {...} }");
  return node.items.map((item) => {
    if (item.kind !== "object") return fail(item, "an override is a mapping with files and rules");
    let files: string[] | undefined;
    let rules: Record<string, RuleSetting> = {};
    for (const m of item.members) {
      if (m.key === "files") files = readGlobs(m.value, "files", fail);
      else if (m.key === "rules") rules = readRules(m.value, fail);
      else fail({ start: m.keyStart }, `unknown override setting ${quote(m.key)} (files, rules)`);
    }
    if (!files) return fail(item, "an override needs files: [globs]");
    return { files, rules };
  });
}
