/** A parameters file held against the deployment template it is used with: names it does not declare, values of the wrong type. */
import { dirname, resolve } from "node:path";
import { member, type ObjectNode, type ValueNode } from "../parse/ast.js";
import type { ParameterValues } from "../find/resolve.js";
import { closest, quote } from "../util/text.js";
import { isExpression } from "../find/expressions.js";

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
export function checkParametersFile(deployment: ObjectNode, parameters: ParameterValues, templateFile?: string): ParametersFileFinding[] {
  const names = parameters.names;
  const out: ParametersFileFinding[] = [];
  const using = parameters.using;
  if (using && parameters.file && templateFile && !usesTemplate(using.path, parameters.file.name, templateFile)) {
    out.push({ start: using.start, end: using.end, message: `${parameters.file.name} is for ${quote(using.path)}, not ${templateFile}: Bicep rejects parameters for another template` });
  }
  if (!names?.length || !parameters.file) return out;
  const declaredNode = member(deployment, "parameters")?.value;
  const declared = new Map<string, { name: string; node: ValueNode }>();
  if (declaredNode?.kind === "object") for (const m of declaredNode.members) declared.set(m.key.toLowerCase(), { name: m.key, node: m.value });
  const file = parameters.file.name;
  for (const { name, start, end } of names) {
    const declaration = declared.get(name.toLowerCase());
    if (!declaration) {
      const suggestion = closest(name, [...declared.values()].map((d) => d.name));
      const didYouMean = suggestion ? `; did you mean "${suggestion}"?` : "";
      const message = parameters.module
        ? `module ${quote(parameters.module)} does not declare parameter ${quote(name)}${didYouMean} (Bicep rejects the call)`
        : `${file} gives parameter ${quote(name)}, which the template does not declare${didYouMean} (ARM rejects the deployment)`;
      out.push({ start, end, message });
      continue;
    }
    // a value a module call follows to another file (the caller's parameters file) is judged there
    if (parameters.files && parameters.files.get(name.toLowerCase()) !== parameters.file) continue;
    const typeNode = declaration.node.kind === "object" ? member(declaration.node, "type")?.value : undefined;
    const value = parameters.get(name.toLowerCase());
    if (!value || typeNode?.kind !== "string" || fitsType(typeNode.value, value, parameters.file.expressions)) continue;
    {
      out.push({
        start: value.start,
        end: value.end,
        message: `parameter ${quote(declaration.name)} is declared ${quote(typeNode.value)}, but ${parameters.module ? `the call of ${quote(parameters.module)} passes` : `${file} gives`} ${KIND_WORDS[value.kind]}: ${parameters.module ? "Bicep rejects the call" : "ARM rejects the deployment"} (the value must be ${KINDS[typeNode.value.toLowerCase()]!.words})`,
      });
    }
  }
  return out;
}

/** Whether a given value fits a parameter's declared type (an unknown type or null fits; an expression, where the file may hold them, is judged by its value). */
export function fitsType(type: string, value: ValueNode, expressions = false): boolean {
  const expected = KINDS[type.toLowerCase()];
  if (!expected || value.kind === "null") return true;
  if (expressions && value.kind === "string" && isExpression(value.value)) return true;
  return value.kind === expected.kind && !(expected.integer && value.kind === "number" && !Number.isInteger(value.value));
}

/** Whether a `using` path (relative to the parameters file; `none` or a registry reference: not judged) names the linted template. */
function usesTemplate(target: string, parametersFile: string, templateFile: string): boolean {
  if (target === "none" || /^[a-z]+:/i.test(target)) return true;
  return resolve(dirname(parametersFile), target) === resolve(templateFile);
}
