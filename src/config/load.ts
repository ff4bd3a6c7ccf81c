/** Finds, parses and validates `.aib-lint.yaml` / `.aib-lint.yml` / `.aib-lint.json`. Every problem is located. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ObjectNode, ValueNode } from "../parse/ast.js";
import { parseText, formatFor } from "../parse/index.js";
import { describeFsError, InputError, readText } from "../read/input.js";
import { CATALOG, ruleMeta } from "../rules/index.js";
import { API_VERSIONS, isApiVersion } from "../schema/versions.js";
import { closest, own } from "../util/text.js";
import type { Config, Override, RuleLevel, RuleSetting } from "./types.js";

export const CONFIG_NAMES = [".aib-lint.yaml", ".aib-lint.yml", ".aib-lint.json"];
const LEVELS: RuleLevel[] = ["off", "info", "warning", "error"];
const KEYS = ["rules", "ignore", "regions", "apiVersion", "overrides"];

/** A configuration file that cannot be used: exit 2, with the place. */
export class ConfigError extends Error {}

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
  let text: string;
  try {
    text = readText(path, undefined, undefined, "configuration ");
  } catch (e) {
    throw new ConfigError(e instanceof InputError ? e.message : `cannot read configuration ${path}: ${describeFsError(e)}`);
  }
  const parsed = parseText(text, formatFor(path, text));
  const doc = parsed.documents[0];
  const fail = (node: { start: number } | undefined, message: string): never => {
    const p = parsed.source.position(node?.start ?? 0);
    throw new ConfigError(`${path}:${p.line}:${p.column}: ${message}`);
  };
  if (doc?.fatal) fail(doc.fatal, doc.fatal.message);
  if (doc?.problems[0]) fail(doc.problems[0], doc.problems[0].message);
  const config = defaultConfig(dirname(resolve(path)));
  config.path = path;
  if (!doc?.root || (doc.root.kind === "null")) return config;
  const root = doc.root;
  if (root.kind !== "object") return fail(root, "the configuration must be a mapping (rules, ignore, regions, apiVersion, overrides)");
  for (const m of root.members) {
    switch (m.key) {
      case "rules":
        config.rules = readRules(m.value, fail);
        break;
      case "ignore":
        config.ignore = readStrings(m.value, "ignore", fail);
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
      default: {
        const suggestion = closest(m.key, KEYS);
        fail({ start: m.keyStart }, `unknown setting "${m.key}"${suggestion ? `; did you mean "${suggestion}"?` : ""} (settings: ${KEYS.join(", ")})`);
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

function readRules(node: ValueNode, fail: Fail): Record<string, RuleSetting> {
  if (node.kind !== "object") return fail(node, "rules must be a mapping of rule id to off, info, warning or error");
  const rules: Record<string, RuleSetting> = {};
  for (const m of node.members) {
    const meta = ruleMeta(m.key);
    if (!meta) {
      const suggestion = closest(m.key, CATALOG.map((r) => r.id));
      fail({ start: m.keyStart }, `unknown rule "${m.key}"${suggestion ? `; did you mean "${suggestion}"?` : ""} (aib-lint rules lists them)`);
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
      fail({ start: m.keyStart }, names.length ? `rule "${id}" has no option "${m.key}" (options: ${names.join(", ")})` : `rule "${id}" takes no options`);
    }
    const ok = spec!.type === "number" ? m.value.kind === "number" : spec!.type === "string[]" ? m.value.kind === "array" && m.value.items.every((i) => i.kind === "string") : m.value.kind === spec!.type;
    if (!ok) fail(m.value, `rule "${id}": option "${m.key}" must be ${spec!.type === "string[]" ? "a list of strings" : `a ${spec!.type}`}`);
    out[m.key] = m.value.kind === "array" ? m.value.items.map((i) => (i as { value: unknown }).value) : (m.value as { value: unknown }).value;
  }
  return out;
}

function readOverrides(node: ValueNode, fail: Fail): Override[] {
  if (node.kind !== "array") return fail(node, "overrides must be a list of { files: [globs], rules: {...} }");
  return node.items.map((item) => {
    if (item.kind !== "object") return fail(item, "an override is a mapping with files and rules");
    let files: string[] | undefined;
    let rules: Record<string, RuleSetting> = {};
    for (const m of item.members) {
      if (m.key === "files") files = readStrings(m.value, "files", fail);
      else if (m.key === "rules") rules = readRules(m.value, fail);
      else fail({ start: m.keyStart }, `unknown override setting "${m.key}" (files, rules)`);
    }
    if (!files) return fail(item, "an override needs files: [globs]");
    return { files, rules };
  });
}
