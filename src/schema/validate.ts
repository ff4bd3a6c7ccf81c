/** Validates a template against its API version's JSON Schema and turns ajv's errors into located findings. */
import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { formatPath, memberCI, type JsonValue, type ObjectNode, type PathSegment, type ValueNode } from "../parse/ast.js";
import { isExpression } from "../find/expressions.js";
import type { Located, Report } from "../diagnostic.js";
import type { Template } from "../template.js";
import { closest, own } from "../util/text.js";
import { FREE_FORM_KEYS } from "./model.js";
import { describeRange, isStrict, type ApiVersion, type VersionRange } from "./versions.js";

/** What the generated schemas say of a property or value outside the version (`x-aib-versioned`). */
type VersionNote = VersionRange & { hint?: string };

export interface SchemaFinding extends Report {
  ruleId: string;
  /** For required-property: the missing key and the object that lacks it. */
  missing?: string;
  objectPath?: PathSegment[];
}

type Schema = Record<string, unknown>;

const SCHEMA_DIR = new URL("../../schemas/", import.meta.url);
const compiled = new Map<ApiVersion, { validate: ValidateFunction; names: Map<string, string> }>();
let ajv: Ajv | undefined;

function ajvInstance(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  ajv.addKeyword({ keyword: "x-aib-versioned", schemaType: "object" });
  ajv.addKeyword({ keyword: "x-aib-name-pattern", schemaType: "string" });
  // Present means reported: these two flag read-only and deprecated properties wherever they appear.
  ajv.addKeyword({ keyword: "x-aib-readonly", schemaType: "boolean", validate: () => false, errors: true });
  ajv.addKeyword({ keyword: "x-aib-deprecated", schemaType: "string", validate: () => false, errors: true });
  return ajv;
}

export function loadSchema(version: ApiVersion): Schema {
  return JSON.parse(readFileSync(new URL(`${version}.json`, SCHEMA_DIR), "utf8")) as Schema;
}

function compiledFor(version: ApiVersion) {
  let entry = compiled.get(version);
  if (!entry) {
    const schema = loadSchema(version);
    entry = { validate: ajvInstance().compile(schema), names: propertyNames(schema) };
    compiled.set(version, entry);
  }
  return entry;
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

export function validateSchema(template: Template): SchemaFinding[] {
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
            `"${r.written}" and "${r.canonical}" (line ${template.source.position(r.collidesAt).line}) are the same field for apiVersion ${template.version}, ` +
            `which matches names case-insensitively: one silently replaces the other`,
        }
      : {
          ruleId: "property-case",
          at: r.at,
          message:
            `"${r.written}" is read as "${r.canonical}" only because apiVersion ${template.version} matches names case-insensitively; ` +
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
      const exact = new Set(node.members.map((m) => m.key));
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
          const other = exact.has(canonical) ? node.members.find((x) => x.key === canonical) : undefined;
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

/** The loops of an ARM property `copy` array, when it is one. */
export function propertyCopyLoops(node: ValueNode): { name: string; input: ValueNode }[] | undefined {
  if (node.kind !== "array" || node.items.length === 0) return undefined;
  const loops: { name: string; input: ValueNode }[] = [];
  for (const item of node.items) {
    if (item.kind !== "object") return undefined;
    const name = item.members.find((m) => m.key === "name")?.value;
    const input = item.members.find((m) => m.key === "input")?.value;
    if (name?.kind !== "string" || !input) return undefined;
    loops.push({ name: name.value, input });
  }
  return loops;
}

function pathOf(instancePath: string): PathSegment[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Walks the data path over the source tree, following renamed keys case-insensitively and copy loops. */
function nodeAtPath(root: ValueNode, path: PathSegment[]): ValueNode | undefined {
  let node: ValueNode | undefined = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (!node) return undefined;
    if (typeof seg === "number") node = node.kind === "array" ? node.items[seg] : undefined;
    else if (node.kind === "object") {
      const found = memberCI(node, seg);
      if (found) node = found.value;
      else {
        // an array built by a copy loop: its one item is the loop's input
        const copy = memberCI(node, "copy");
        const loop = copy ? propertyCopyLoops(copy.value)?.find((l) => l.name === seg) : undefined;
        if (!loop) return undefined;
        node = loop.input;
        if (typeof path[i + 1] === "number") i++;
        else return copy!.value;
      }
    } else return undefined;
  }
  return node;
}


function keyLocation(object: ObjectNode, key: string): Located | undefined {
  const m = memberCI(object, key);
  return m ? { start: m.keyStart, end: m.keyEnd, path: m.value.path } : undefined;
}

/** Where to point for something missing from an object: its `type` value, else its key, else its start. */
export function objectAnchor(object: ObjectNode, key?: Located): Located {
  const type = [...object.members].reverse().find((m) => m.key === "type");
  return type ? type.value : (key ?? { start: object.start, end: object.start + 1, path: object.path });
}

const LIST_ITEM: Record<string, string> = { customize: "customizer", distribute: "distributor", inVMValidations: "validator", targetRegions: "target region", additionalDataDisks: "data disk" };
const TAG_FIELD: Record<string, string> = { customize: "customizer type", distribute: "distribute type", inVMValidations: "validator type", source: "source type", versioning: "versioning scheme" };

/** "distribute type" for the discriminator of a union (source, customizer, distributor, validator, versioning). */
function tagField(path: readonly PathSegment[]): string | undefined {
  const last = path[path.length - 1];
  if (last !== "type" && last !== "scheme") return undefined;
  const owner = [...path.slice(0, -1)].reverse().find((s) => typeof s === "string");
  return owner !== undefined ? own(TAG_FIELD, owner) : undefined;
}

/** How a message names the value at a path: "buildTimeoutInMinutes", "distribute type", "the VHD distributor". */
function label(path: readonly PathSegment[], node?: ValueNode): string {
  const last = path[path.length - 1];
  if (last === undefined) return "the template";
  const tag = tagField(path);
  if (tag) return tag;
  if (node?.kind === "object") {
    const type = node.members.find((m) => m.key === "type")?.value;
    const typeName = type?.kind === "string" ? type.value : undefined;
    if (typeof last === "number") {
      const list = path[path.length - 2];
      const item = typeof list === "string" ? own(LIST_ITEM, list) : undefined;
      if (item) return typeName ? `the ${typeName} ${item}` : `the ${item}`;
    }
    if (last === "source" && typeName) return `the ${typeName} source`;
  }
  if (typeof last === "number") {
    const list = path[path.length - 2];
    return typeof list === "string" ? `item ${last + 1} of "${list}"` : `item ${last + 1}`;
  }
  return `"${last}"`;
}

/** Well-known misspellings that edit distance alone does not suggest. */
const KNOWN_MISTAKES: Record<string, string> = {
  tags: "artifactTags",
  proxyvmsize: "vnetConfig.proxyVmSize",
};

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `a string ("${value.length > 40 ? `${value.slice(0, 40)}…` : value}")`;
  if (typeof value === "number") return `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}

const TYPE_WORDS: Record<string, string> = { integer: "a whole number", number: "a number", string: "a string", boolean: "true or false", array: "an array", object: "an object" };

function describe(error: ErrorObject, template: Template): SchemaFinding | undefined {
  const path = pathOf(error.instancePath);
  const node = nodeAtPath(template.node, path);
  if (!node) return undefined;
  // ARM expressions are evaluated at deployment; never judge them as literals.
  if (node.kind === "string" && isExpression(node.value)) return undefined;
  const parentSchema = (error.parentSchema ?? {}) as Schema;
  const version = template.apiVersion.origin === "assumed" ? `${template.version} (assumed; the apiVersion is not known)` : template.version;
  const strict = isStrict(template.version);
  switch (error.keyword) {
    case "additionalProperties": {
      if (node.kind !== "object") return undefined;
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const at = keyLocation(node, key) ?? node;
      // the name as written: a case variant renamed for validation is named as the user spelt it
      const written = memberCI(node, key)?.key ?? key;
      const versioned = own(parentSchema["x-aib-versioned"] as Record<string, VersionNote> | undefined, key);
      const where = label(path, node);
      const dropped = strict ? "" : "; the service ignores it silently";
      if (versioned) {
        return {
          ruleId: "property-version",
          at,
          message: `"${written}" is not a property of ${where} in apiVersion ${version}: it exists ${describeRange(versioned)}${versioned.hint ? ` (${versioned.hint})` : ""}${dropped}`,
        };
      }
      const known = Object.keys((parentSchema.properties as Schema | undefined) ?? {});
      const mistake = own(KNOWN_MISTAKES, key.toLowerCase());
      const suggestion = closest(written, known) ?? (mistake && (known.includes(mistake) || mistake.includes(".")) ? mistake : undefined);
      const consequence = strict ? "the service rejects unknown fields from 2024-02-01" : "the service ignores it silently, so this setting is lost";
      return {
        ruleId: "unknown-property",
        at,
        message: `"${written}" is not a property of ${where}${suggestion ? `; did you mean "${suggestion}"?` : ""} (${consequence})`,
      };
    }
    case "required": {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      if (node.kind !== "object") return undefined;
      const what = label(path, node);
      return {
        ruleId: "required-property",
        missing,
        objectPath: node.path,
        at: objectAnchor(node, keyAt(template.node, node.path)),
        message: `${what} is missing the required property "${missing}"`,
      };
    }
    case "type": {
      const expected = String((error.params as { type: string }).type);
      return {
        ruleId: "value-type",
        at: node,
        message: `${label(path)} must be ${own(TYPE_WORDS, expected) ?? expected}, not ${typeName(error.data)}`,
      };
    }
    case "enum": {
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const value = String(error.data);
      const versioned = own(parentSchema["x-aib-versioned"] as Record<string, VersionNote> | undefined, value);
      const tag = tagField(path);
      const field = tag ?? `${label(path)} value`;
      const suggestion = closest(value, allowed);
      const caseOnly = suggestion !== undefined && suggestion.toLowerCase() === value.toLowerCase();
      const isTag = tag !== undefined;
      if (versioned && !caseOnly) {
        return {
          ruleId: "property-version",
          at: node,
          message: `${field} "${value}" is not available in apiVersion ${version}: it exists ${describeRange(versioned)}${versioned.hint ? `; ${versioned.hint}` : ""}`,
        };
      }
      return {
        ruleId: isTag ? "unknown-type" : "allowed-values",
        at: node,
        message:
          `${field} "${value}" is not one of ${allowed.map((a) => `"${a}"`).join(", ")}` +
          (suggestion ? `; did you mean "${suggestion}"?` : "") +
          (caseOnly ? ` Values are case-sensitive${isTag && versioned ? ` ("${value}" is the spelling ${describeRange(versioned)}${versioned.until === "2018-02-01-preview" ? ", also shown in the 2020 documentation" : ""})` : ""}` : ""),
      };
    }
    case "minimum":
    case "maximum": {
      const limit = (error.params as { limit: number }).limit;
      return {
        ruleId: "value-range",
        at: node,
        message: `${label(path)} is ${String(error.data)}; the ${error.keyword} is ${limit}`,
      };
    }
    case "pattern":
      return {
        ruleId: "value-pattern",
        at: node,
        message: `${label(path)} "${String(error.data)}" does not match ${(error.params as { pattern: string }).pattern}`,
      };
    case "x-aib-readonly":
      return {
        ruleId: "read-only-property",
        at: keyAt(template.node, path) ?? node,
        message: `${label(path)} is set by the service and ignored in a request; remove it (it was probably copied from a GET response)`,
      };
    case "x-aib-deprecated":
      return { ruleId: "deprecated-property", at: keyAt(template.node, path) ?? node, message: String(parentSchema["x-aib-deprecated"]) };
    default:
      return { ruleId: "value-type", at: node, message: `${label(path)}: ${error.message ?? "invalid value"}` };
  }
}

function keyAt(root: ValueNode, path: PathSegment[]): Located | undefined {
  const parent = nodeAtPath(root, path.slice(0, -1));
  const last = path[path.length - 1];
  return parent?.kind === "object" && typeof last === "string" ? keyLocation(parent, last) : undefined;
}
