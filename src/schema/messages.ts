/** One clear, located message for each ajv error. */
import type { ErrorObject } from "ajv";
import { isExpression } from "../find/expressions.js";
import { memberCI, type PathSegment, type ValueNode } from "../parse/ast.js";
import type { Template } from "../model/template.js";
import { closest, own, quote } from "../util/text.js";
import { keyAt, keyLocation, nodeAtPath, objectAnchor, pathOf } from "./paths.js";
import { describeRange, isStrict, versionIndex, type VersionRange } from "../model/versions.js";
import type { Fix, Report } from "../core/diagnostic.js";
import { caseVariant, renameKey, replaceString, soleCandidate } from "../edit/rewrite.js";

/** One finding of the schema stage. */
export interface SchemaFinding extends Report {
  ruleId: string;
  /** For required-property: the missing key and the object that lacks it. */
  missing?: string;
  objectPath?: PathSegment[];
}

/** What the generated schemas say of a property or value outside the version (`x-aib-versioned`). */
type VersionNote = VersionRange & { hint?: string };

type Schema = Record<string, unknown>;

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
    return typeof list === "string" ? `item ${last + 1} of ${quote(list)}` : `item ${last + 1}`;
  }
  return `${quote(last)}`;
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
  if (typeof value === "string") return `a string (${quote(value)})`;
  if (typeof value === "number") return `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}

const TYPE_WORDS: Record<string, string> = { integer: "a whole number", number: "a number", string: "a string", boolean: "true or false", array: "an array", object: "an object" };

export function describe(error: ErrorObject, template: Template): SchemaFinding | undefined {
  const path = pathOf(error.instancePath);
  const node = nodeAtPath(template.node, path);
  if (!node) return undefined;
  // ARM expressions are evaluated at deployment; never judge them as literals.
  if (node.kind === "string" && isExpression(node.value)) return undefined;
  // an object or array with unknown parts is judged for what it holds, never for what it lacks
  if (template.partial.size > 0 && template.partial.has(node) && error.keyword !== "additionalProperties") return undefined;
  // 1e400 or .inf: the parser reports it once
  if (node.kind === "number" && !Number.isFinite(node.value)) return undefined;
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
          message: `${quote(written)} is not a property of ${where} in apiVersion ${version}: it exists ${describeRange(versioned)}${versioned.hint ? ` (${versioned.hint})` : ""}${dropped}`,
        };
      }
      const known = Object.keys((parentSchema.properties as Schema | undefined) ?? {});
      const mistake = own(KNOWN_MISTAKES, key.toLowerCase());
      const suggestion = closest(written, known) ?? (mistake && (known.includes(mistake) || mistake.includes(".")) ? mistake : undefined);
      const consequence = strict ? "the service rejects unknown fields from 2024-02-01" : "the service ignores it silently, so this setting is lost";
      return {
        ruleId: "unknown-property",
        at,
        message: `${quote(written)} is not a property of ${where}${suggestion ? `; did you mean "${suggestion}"?` : ""} (${consequence})`,
        ...fixes(misspeltKeyFix(template, node, written, (parentSchema.properties as Schema | undefined) ?? {})),
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
          message: `${field} ${quote(value)} is not available in apiVersion ${version}: it exists ${describeRange(versioned)}${versioned.hint ? `; ${versioned.hint}` : ""}`,
        };
      }
      // a spelling of later versions ("Shell" under 2018-02-01-preview) asks for a newer apiVersion, not a rewrite
      const laterSpelling = versioned?.since !== undefined && versionIndex(versioned.since) > versionIndex(template.version);
      const fix = caseOnly && !laterSpelling && node.kind === "string" ? caseFix(template, node, allowed) : undefined;
      return {
        ruleId: isTag ? "unknown-type" : "allowed-values",
        at: node,
        ...fixes(fix),
        message:
          `${field} ${quote(value)} is not one of ${allowed.map((a) => `"${a}"`).join(", ")}` +
          (suggestion ? `; did you mean "${suggestion}"?` : "") +
          (caseOnly ? ` Values are case-sensitive${isTag && versioned ? ` (${quote(value)} is the spelling ${describeRange(versioned)}${versioned.until === "2018-02-01-preview" ? ", also shown in the 2020 documentation" : ""})` : ""}` : ""),
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
        message: `${label(path)} ${quote(String(error.data))} does not match ${(error.params as { pattern: string }).pattern}`,
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

function fixes(fix: Fix | undefined): { fixes?: Fix[] } {
  return fix ? { fixes: [fix] } : {};
}

/**
 * A misspelt key with one close known name that the object does not already have and that no other
 * key of the object stands for; never towards a read-only or deprecated property, which would trade
 * the finding for another.
 */
function misspeltKeyFix(template: Template, object: ValueNode & { kind: "object" }, written: string, properties: Schema): Fix | undefined {
  const known = Object.keys(properties);
  const wanted = soleCandidate(written, known);
  const m = object.members.find((x) => x.key === written);
  if (!wanted || !m) return undefined;
  // the object has it already, or another misspelling stands for it too
  if (object.members.some((x) => x !== m && (x.key.toLowerCase() === wanted.toLowerCase() || (!known.includes(x.key) && soleCandidate(x.key, known) === wanted)))) return undefined;
  const target = own(properties, wanted) as Schema | undefined;
  if (target?.["x-aib-readonly"] || target?.["x-aib-deprecated"]) return undefined;
  return renameKey(template.source.text, m, wanted);
}

/** An enum value or type written in the wrong case, when exactly one allowed value matches. */
function caseFix(template: Template, node: ValueNode & { kind: "string" }, allowed: readonly string[]): Fix | undefined {
  const wanted = caseVariant(node.value, allowed);
  return wanted ? replaceString(template.source.text, node, wanted) : undefined;
}
