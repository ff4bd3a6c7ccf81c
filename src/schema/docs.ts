/** Property documentation in Markdown, from the model: shared by the editor schema and the language server's hover. */
import type { EnumValue, PropSpec, TypeSpec, Variant } from "./model.js";
import { describeRange, inRange, type ApiVersion } from "../model/versions.js";

type Union = Extract<TypeSpec, { kind: "union" }>;

export function enumValues(values: readonly EnumValue[], version: ApiVersion): string[] {
  return values.filter((v) => typeof v === "string" || inRange(version, v)).map((v) => (typeof v === "string" ? v : v.value));
}

export function variantsIn(union: Union, version: ApiVersion): Variant[] {
  return union.variants.filter((v) => inRange(version, v));
}

/** A short name for a type: `string`, `array of customizer`, `map of string`. */
export function typeLabel(type: TypeSpec): string {
  switch (type.kind) {
    case "array":
      return `array of ${typeLabel(type.items)}`;
    case "map":
      return `map of ${typeLabel(type.values)}`;
    case "union":
      return `${type.name} (by \`${type.tag}\`)`;
    case "any":
      return "any value";
    default:
      return type.kind;
  }
}

/** Limits of a type, in words: `minimum 0`, `pattern ^…$`. */
export function limitsOf(type: TypeSpec): string[] {
  const out: string[] = [];
  if (type.kind === "integer") {
    if (type.minimum !== undefined) out.push(`minimum ${type.minimum}`);
    if (type.maximum !== undefined) out.push(`maximum ${type.maximum}`);
  }
  if (type.kind === "string" && type.pattern) out.push(`pattern \`${type.pattern}\``);
  return out;
}

export function describeTag(key: string, union: Union, version: ApiVersion): string {
  const lines = [`**${key}** · string — selects the ${union.name} kind (case-sensitive)`, "", `Allowed in ${version}:`];
  for (const v of variantsIn(union, version)) lines.push(`- \`${v.value}\` — ${v.description}`);
  const absent = union.variants.filter((v) => !inRange(version, v));
  if (absent.length) lines.push("", `Other versions: ${absent.map((v) => `\`${v.value}\` (${describeRange(v)})`).join(", ")}`);
  return lines.join("\n");
}

/** Markdown documentation of a property for one API version: type, description, values, limits, default, versions. */
export function describeSpec(key: string, spec: PropSpec, version: ApiVersion): string {
  const head = [`**${key}**`, typeLabel(spec.type), ...limitsOf(spec.type)].join(" · ");
  const lines = [head, "", spec.description];
  if (spec.type.kind === "string" && spec.type.enum) lines.push("", `Allowed values: ${enumValues(spec.type.enum, version).map((v) => `\`${v}\``).join(", ")}`);
  if (spec.default !== undefined) lines.push("", `Default: \`${JSON.stringify(spec.default)}\``);
  const present = inRange(version, spec);
  lines.push("", `Versions: ${describeRange(spec)}${present ? "" : ` — **not in ${version}**${spec.hint ? `; ${spec.hint}` : ""}`}`);
  if (spec.deprecated && inRange(version, { since: spec.deprecated.since })) lines.push("", `Deprecated: ${spec.deprecated.message}`);
  if (spec.readOnly) lines.push("", "Read-only: set by the service, ignored in requests.");
  if (spec.required === true || (typeof spec.required === "object" && inRange(version, spec.required))) lines.push("", `Required in ${version}.`);
  return lines.join("\n");
}
