import { member, type ObjectNode, type ValueNode } from "../parse/ast.js";
import { isExpression } from "./expressions.js";

/** Values from an ARM parameters file (`--parameters`), by lower-case parameter name. */
export type ParameterValues = ReadonlyMap<string, ValueNode>;

const SIMPLE_REFERENCE = /^\[\s*(parameters|variables)\s*\(\s*'([^']+)'\s*\)\s*\]$/i;

/**
 * Resolves what is cheap to resolve: `[parameters('x')]` (from --parameters, else the default value)
 * and `[variables('x')]` holding a literal, following chains a few steps.
 */
export function resolveValue(node: ValueNode, deployment: ObjectNode | undefined, parameters: ParameterValues | undefined, depth = 0): ValueNode | undefined {
  if (node.kind !== "string" || !isExpression(node.value)) return node;
  if (!deployment || depth > 8) return undefined;
  const match = SIMPLE_REFERENCE.exec(node.value);
  if (!match) return undefined;
  const [, kind, name] = match;
  let target: ValueNode | undefined;
  if (kind!.toLowerCase() === "parameters") {
    target = parameters?.get(name!.toLowerCase()) ?? parameterDefault(deployment, name!);
  } else {
    const variables = member(deployment, "variables")?.value;
    target = variables?.kind === "object" ? findKey(variables, name!) : undefined;
  }
  return target ? resolveValue(target, deployment, parameters, depth + 1) : undefined;
}

function parameterDefault(deployment: ObjectNode, name: string): ValueNode | undefined {
  const params = member(deployment, "parameters")?.value;
  const declared = params?.kind === "object" ? findKey(params, name) : undefined;
  return declared?.kind === "object" ? member(declared, "defaultValue")?.value : undefined;
}

/** The values a deployment resource passes to an inner-scope nested template (`{"name": {"value": …}}`). */
export function passedValues(passed: ObjectNode): ParameterValues {
  const values = new Map<string, ValueNode>();
  for (const m of passed.members) {
    const value = m.value.kind === "object" ? member(m.value, "value")?.value : undefined;
    if (value) values.set(m.key.toLowerCase(), value);
  }
  return values;
}

/** ARM parameter and variable names are case-insensitive. */
function findKey(node: ObjectNode, name: string): ValueNode | undefined {
  const lower = name.toLowerCase();
  return node.members.find((m) => m.key.toLowerCase() === lower)?.value;
}

/** Where a template's expressions are evaluated: its deployment and the parameter values that apply there. */
export interface ValueScope {
  deployment?: ObjectNode;
  parameters?: ParameterValues;
}

/** --parameters feed the top-level deployment; an inner-scope nested template gets what its deployment passes. */
export function valueScope(found: { deployment?: ObjectNode; passedParameters?: ObjectNode }, parameters: ParameterValues | undefined): ValueScope {
  const values = found.passedParameters ? passedValues(found.passedParameters) : found.deployment === undefined ? undefined : parameters;
  return { ...(found.deployment ? { deployment: found.deployment } : {}), ...(values ? { parameters: values } : {}) };
}
