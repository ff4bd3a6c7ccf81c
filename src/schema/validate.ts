/** Validates a template against its API version's JSON Schema and turns ajv's errors into located findings. */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv";
import type { Located } from "../core/diagnostic.js";
import { formatPath, type JsonValue, type ValueNode } from "../parse/ast.js";
import type { Template } from "../model/template.js";
import { schemaHash } from "./hash.js";
import { describe, type SchemaFinding } from "./messages.js";
import { FREE_FORM_KEYS } from "./model.js";
import { propertyCopyLoops } from "./paths.js";
import type { ApiVersion } from "../model/versions.js";
import { quote } from "../util/text.js";
import { Remembered } from "../util/remembered.js";


export type { SchemaFinding } from "./messages.js";


/**
 * Validators made by `npm run build` (scripts/build.mjs): dist/validators/<version>.cjs, self-contained
 * (no ajv at run time), with the schema's property names and the hash of the schema text they came from.
 * Beside the bundle they sit in ./validators/, or ../validators/ from a shared chunk (dist/chunks/, when a lazily
 * loaded part such as the language server also lints); seen from src/schema or dist/schema, in ../../dist/validators/.
 */
const VALIDATOR_DIRS = [new URL("./validators/", import.meta.url), new URL("../../dist/validators/", import.meta.url)];
const SCHEMA_DIR = new URL("../../schemas/", import.meta.url);

interface ValidatorModule {
  default: ValidateFunction;
  schemaHash: string;
  names: [string, string][];
}

const compiled = new Map<ApiVersion, { validate: ValidateFunction; spellings: Spellings }>();

function compiledFor(version: ApiVersion) {
  let entry = compiled.get(version);
  if (!entry) {
    const module = loadValidator(version);
    entry = { validate: module.default, spellings: spellingsOf(new Map(module.names)) };
    compiled.set(version, entry);
  }
  return entry;
}

function loadValidator(version: ApiVersion): ValidatorModule {
  const dir = VALIDATOR_DIRS.find((d) => existsSync(new URL(`${version}.cjs`, d)));
  if (!dir) throw new Error(`the validator for apiVersion ${version} is missing: run \`npm run build\``);
  // bin/aib-lint.cjs offers a loader that keeps V8's compiled code between runs
  const load = (globalThis as { __aibLintLoad?: (file: string) => unknown }).__aibLintLoad ?? createRequire(import.meta.url);
  const module = load(fileURLToPath(new URL(`${version}.cjs`, dir))) as ValidatorModule;
  // unbundled (tests, a working copy), the schema may have changed since the build
  if (typeof __AIB_LINT_VERSION__ !== "string" && existsSync(new URL(`${version}.json`, SCHEMA_DIR))) {
    if (module.schemaHash !== schemaHash(readFileSync(new URL(`${version}.json`, SCHEMA_DIR), "utf8"))) {
      throw new Error(`schemas/${version}.json changed since the build: run \`npm run build\``);
    }
  }
  return module;
}

interface CaseRename {
  at: Located;
  written: string;
  canonical: string;
  /** Offset of the exactly spelt key when both are present. */
  collidesAt?: number;
}

/** Findings per template object: the best-fit search validates the template that lint then reports on. */
const results = new WeakMap<Template, readonly SchemaFinding[]>();

export function validateSchema(template: Template): readonly SchemaFinding[] {
  let findings = results.get(template);
  if (!findings) {
    findings = schemaFindings(template);
    results.set(template, findings);
  }
  return findings;
}

function schemaFindings(template: Template): readonly SchemaFinding[] {
  const { validate, spellings } = compiledFor(template.version);
  const renames: CaseRename[] = [];
  const armCopy = template.found.shape === "arm-resource";
  const data = toData(template.node, template.strict ? undefined : spellings, renames, armCopy);
  validate(data);
  // the common case, a template the schema passes, leaves before the arrays below are made
  if (renames.length === 0 && !validate.errors?.length) return [];
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
  const kept = dropCascades(findings.filter((f) => (f.ruleId !== "property-case" || !unknownKeys.has(f.at.start)) && !missingFromUpdate(template, f)));
  return kept;
}

/** An azapi_update_resource body changes an existing template: what it leaves out at the top keeps its value. */
function missingFromUpdate(template: Template, finding: SchemaFinding): boolean {
  if (template.found.azapi?.kind !== "azapi_update_resource" || finding.ruleId !== "required-property") return false;
  const depth = (finding.objectPath ?? []).length - template.node.path.length;
  return depth === 0 || (depth === 1 && finding.objectPath?.[finding.objectPath.length - 1] === "properties");
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
function toData(node: ValueNode, names: Spellings | undefined, renames: CaseRename[], armCopy: boolean): JsonValue {
  switch (node.kind) {
    case "object": {
      // a plain object (V8 keeps it fast); "__proto__" from a file is defined as an own key like any other
      const out: Record<string, JsonValue> = {};
      // the first member of each exact key, to find the canonical spelling once per object, not once per rename
      let exact: Map<string, (typeof node.members)[number]> | undefined;
      for (const m of node.members) {
        if (m.value.kind === "null") continue; // the service's decoder reads null as "not given"
        if (armCopy && m.key === "copy" && node.path.length > 0) {
          const loops = propertyCopyLoops(m.value);
          if (loops) {
            for (const loop of loops) put(out, loop.name, [toData(loop.input, names, renames, armCopy)]);
            continue;
          }
        }
        let key = m.key;
        let childNames: Spellings | undefined;
        if (names) {
          const { canonical, freeForm } = names.get(key);
          // keys inside free-form maps (tags, identities, metadata) are data, never renamed
          childNames = freeForm ? undefined : names;
          if (canonical !== undefined && canonical !== key) {
            if (!exact) {
              exact = new Map();
              for (const x of node.members) if (!exact.has(x.key)) exact.set(x.key, x);
            }
            const other = exact.get(canonical);
            renames.push({ at: { start: m.keyStart, end: m.keyEnd, path: m.value.path }, written: key, canonical, ...(other ? { collidesAt: other.keyStart } : {}) });
            if (other) continue; // the same field twice: reported as a duplicate, not also as unknown
            key = canonical;
          }
        }
        put(out, key, toData(m.value, childNames, renames, armCopy));
      }
      return out;
    }
    case "array": {
      const out: JsonValue[] = [];
      for (const item of node.items) out.push(toData(item, names, renames, armCopy));
      return out;
    }
    default:
      return node.value;
  }
}

interface Spelling {
  /** The schema's spelling of the key, matched case-insensitively. */
  canonical: string | undefined;
  /** The key names a free-form map (tags, identities, metadata). */
  freeForm: boolean;
}

/** What each key written in the files means for one version's names: most keys repeat from template to template. */
type Spellings = Remembered<Spelling>;

function spellingsOf(names: Map<string, string>): Spellings {
  return new Remembered((key) => {
    const lower = key.toLowerCase();
    return { canonical: names.get(lower), freeForm: FREE_FORM_KEYS.has(lower) };
  }, 4096);
}

function put(out: Record<string, JsonValue>, key: string, value: JsonValue): void {
  if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}
