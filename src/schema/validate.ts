/** Validates a template against its API version's JSON Schema and turns ajv's errors into located findings. */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Ajv, ValidateFunction } from "ajv";
import type { Located } from "../diagnostic.js";
import { formatPath, type JsonValue, type ValueNode } from "../parse/ast.js";
import type { Template } from "../template-model.js";
import { createAjv, schemaHash } from "./ajv.js";
import { describe, type SchemaFinding } from "./messages.js";
import { FREE_FORM_KEYS } from "./model.js";
import { propertyCopyLoops } from "./paths.js";
import type { ApiVersion } from "./versions.js";
import { quote } from "../util/text.js";


export type { SchemaFinding } from "./messages.js";

type Schema = Record<string, unknown>;

const SCHEMA_DIR = new URL("../../schemas/", import.meta.url);
/** Validators precompiled by `npm run build` (scripts/precompile-schemas.mjs); missing when running from src/. */
const PRECOMPILED_DIR = new URL("./compiled/", import.meta.url);
const compiled = new Map<ApiVersion, { validate: ValidateFunction; names: Map<string, string> }>();
let ajv: Ajv | undefined;

function compiledFor(version: ApiVersion) {
  let entry = compiled.get(version);
  if (!entry) {
    const text = readFileSync(new URL(`${version}.json`, SCHEMA_DIR), "utf8");
    const schema = JSON.parse(text) as Schema;
    const validate = precompiled(version, schemaHash(text)) ?? (ajv ??= createAjv()).compile(schema);
    entry = { validate, names: propertyNames(schema) };
    compiled.set(version, entry);
  }
  return entry;
}

/** The build's validator for this exact schema text, if there is one (it saves compiling the schema at start-up). */
function precompiled(version: ApiVersion, hash: string): ValidateFunction | undefined {
  const file = new URL(`${version}.cjs`, PRECOMPILED_DIR);
  if (!existsSync(file)) return undefined;
  const module = createRequire(import.meta.url)(fileURLToPath(file)) as { default: ValidateFunction; schemaHash?: string };
  return module.schemaHash === hash ? module.default : undefined;
}

/** Every property name the schema knows, by lower case, for the case-insensitive versions. */
function propertyNames(schema: unknown, out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(schema)) for (const s of schema) propertyNames(s, out);
  else if (schema && typeof schema === "object") {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "properties" && value && typeof value === "object") for (const name of Object.keys(value)) out.set(name.toLowerCase(), name);
      if (typeof value === "object") propertyNames(value, out);
    }
  }
  return out;
}

interface CaseRename {
  at: Located;
  written: string;
  canonical: string;
  /** Offset of the exactly spelt key when both are present. */
  collidesAt?: number;
}

/** Findings per template object: the best-fit search validates the template that lint then reports on. */
const results = new WeakMap<Template, SchemaFinding[]>();

export function validateSchema(template: Template): SchemaFinding[] {
  let findings = results.get(template);
  if (!findings) {
    findings = schemaFindings(template);
    results.set(template, findings);
  }
  return findings;
}

function schemaFindings(template: Template): SchemaFinding[] {
  const { validate, names } = compiledFor(template.version);
  const renames: CaseRename[] = [];
  const armCopy = template.found.shape === "arm-resource";
  const data = toData(template.node, template.strict ? undefined : names, renames, armCopy);
  validate(data);
  const findings: SchemaFinding[] = renames.map((r) =>
    r.collidesAt !== undefined
      ? {
          ruleId: "duplicate-key",
          at: r.at,
          message:
            `${quote(r.written)} and "${r.canonical}" (line ${template.source.position(r.collidesAt).line}) are the same field for apiVersion ${template.version}, ` +
            `which matches names case-insensitively: one silently replaces the other`,
        }
      : {
          ruleId: "property-case",
          at: r.at,
          message:
            `${quote(r.written)} is read as "${r.canonical}" only because apiVersion ${template.version} matches names case-insensitively; ` +
            `from 2024-02-01 the service rejects it. Write "${r.canonical}"`,
        },
  );
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== "if");
  const seen = new Set<string>();
  for (const error of errors) {
    const finding = describe(error, template);
    if (!finding) continue;
    const key = `${finding.ruleId}|${finding.at.start}|${finding.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      findings.push(finding);
    }
  }
  // a renamed key that is unknown where it stands needs no case note on top
  const unknownKeys = new Set(findings.filter((f) => f.ruleId === "unknown-property" || f.ruleId === "property-version").map((f) => f.at.start));
  return dropCascades(findings.filter((f) => f.ruleId !== "property-case" || !unknownKeys.has(f.at.start)));
}

/**
 * One finding per cause: a type error on a value explains everything else said about it, and an
 * unknown key that is a case variant of a missing required one (imageVersionID for imageVersionId,
 * from 2024-02-01) explains the "missing" finding.
 */
function dropCascades(findings: SchemaFinding[]): SchemaFinding[] {
  const typed = new Set(findings.filter((f) => f.ruleId === "value-type").map((f) => formatPath(f.at.path)));
  const caseVariants = new Set(
    findings.filter((f) => f.ruleId === "unknown-property").map((f) => `${formatPath(f.at.path.slice(0, -1))}|${String(f.at.path[f.at.path.length - 1]).toLowerCase()}`),
  );
  return findings.filter((f) => {
    if (f.ruleId === "required-property" && f.missing !== undefined && caseVariants.has(`${formatPath(f.objectPath ?? [])}|${f.missing.toLowerCase()}`)) return false;
    return f.ruleId === "value-type" || f.ruleId === "unknown-property" || !typed.has(formatPath(f.at.path));
  });
}

/**
 * The plain value ajv validates; before 2024-02-01 keys are renamed to the schema's spelling. In an ARM
 * template a property `copy` loop (`"copy": [{"name": "distribute", "count": …, "input": …}]`) stands for
 * the array it builds: one item, its `input`.
 */
function toData(node: ValueNode, names: Map<string, string> | undefined, renames: CaseRename[], armCopy: boolean): JsonValue {
  switch (node.kind) {
    case "object": {
      const out: Record<string, JsonValue> = {};
      // the first member of each exact key, to find the canonical spelling once per object, not once per rename
      const exact = new Map<string, (typeof node.members)[number]>();
      for (const m of node.members) if (!exact.has(m.key)) exact.set(m.key, m);
      for (const m of node.members) {
        if (m.value.kind === "null") continue; // the service's decoder reads null as "not given"
        if (armCopy && m.key === "copy" && node.path.length > 0) {
          const loops = propertyCopyLoops(m.value);
          if (loops) {
            for (const loop of loops) defineKey(out, loop.name, [toData(loop.input, names, renames, armCopy)]);
            continue;
          }
        }
        // keys inside free-form maps (tags, identities, metadata) are data, never renamed
        const childNames = FREE_FORM_KEYS.has(m.key.toLowerCase()) ? undefined : names;
        let key = m.key;
        const canonical = names?.get(key.toLowerCase());
        if (canonical && canonical !== key) {
          const other = exact.get(canonical);
          renames.push({ at: { start: m.keyStart, end: m.keyEnd, path: m.value.path }, written: key, canonical, ...(other ? { collidesAt: other.keyStart } : {}) });
          if (other) continue; // the same field twice: reported as a duplicate, not also as unknown
          key = canonical;
        }
        defineKey(out, key, toData(m.value, childNames, renames, armCopy));
      }
      return out;
    }
    case "array":
      return node.items.map((item) => toData(item, names, renames, armCopy));
    default:
      return node.value;
  }
}

function defineKey(out: Record<string, JsonValue>, key: string, value: JsonValue): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}
