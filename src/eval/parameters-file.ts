/** A parameters file held against the deployment template it is used with: names it does not declare, values of the wrong type. */
import { member, type ObjectNode, type ValueNode } from "../parse/ast.js";
import type { ParameterValues } from "../find/resolve.js";
import { closest, quote } from "../util/text.js";

export interface ParametersFileFinding {
  start: number;
  end: number;
  message: string;
}

const KINDS: Record<string, { kind: ValueNode["kind"]; words: string; integer?: boolean }> = {
  string: { kind: "string", words: "a string" },
  securestring: { kind: "string", words: "a string" },
  int: { kind: "number", words: "a whole number", integer: true },
  bool: { kind: "boolean", words: "true or false" },
  object: { kind: "object", words: "an object" },
  secureobject: { kind: "object", words: "an object" },
  array: { kind: "array", words: "an array" },
};

const KIND_WORDS: Record<ValueNode["kind"], string> = { string: "a string", number: "a number", boolean: "a boolean", object: "an object", array: "an array", null: "null" };

/** What ARM rejects in a parameters file for this template; nothing when the file names no parameters. */
export function checkParametersFile(deployment: ObjectNode, parameters: ParameterValues): ParametersFileFinding[] {
  const names = parameters.names;
  if (!names?.length || !parameters.file) return [];
  const declaredNode = member(deployment, "parameters")?.value;
  const declared = new Map<string, { name: string; node: ValueNode }>();
  if (declaredNode?.kind === "object") for (const m of declaredNode.members) declared.set(m.key.toLowerCase(), { name: m.key, node: m.value });
  const out: ParametersFileFinding[] = [];
  const file = parameters.file.name;
  for (const { name, start, end } of names) {
    const declaration = declared.get(name.toLowerCase());
    if (!declaration) {
      const suggestion = closest(name, [...declared.values()].map((d) => d.name));
      out.push({ start, end, message: `${file} gives parameter ${quote(name)}, which the template does not declare${suggestion ? `; did you mean "${suggestion}"?` : ""} (ARM rejects the deployment)` });
      continue;
    }
    const typeNode = declaration.node.kind === "object" ? member(declaration.node, "type")?.value : undefined;
    const value = parameters.get(name.toLowerCase());
    if (!value || typeNode?.kind !== "string" || fitsType(typeNode.value, value)) continue;
    {
      out.push({
        start: value.start,
        end: value.end,
        message: `parameter ${quote(declaration.name)} is declared ${quote(typeNode.value)}, but ${file} gives ${KIND_WORDS[value.kind]}: ARM rejects the deployment (the value must be ${KINDS[typeNode.value.toLowerCase()]!.words})`,
      });
    }
  }
  return out;
}

/** Whether a given value fits a parameter's declared type (an unknown type or null fits). */
export function fitsType(type: string, value: ValueNode): boolean {
  const expected = KINDS[type.toLowerCase()];
  if (!expected || value.kind === "null") return true;
  return value.kind === expected.kind && !(expected.integer && value.kind === "number" && !Number.isInteger(value.value));
}
