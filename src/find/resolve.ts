import { member, type ObjectNode, type ValueNode } from "../parse/ast.js";
import type { SourceText } from "../core/source.js";
import { isExpression } from "./expressions.js";
import type { Scope } from "./templates.js";

/** Values from an ARM parameters file (`--parameters`), by lower-case parameter name. */
export interface ParameterValues extends ReadonlyMap<string, ValueNode> {
  /** The parameters file the values were read from, for messages and related locations. */
  readonly file?: { name: string; source: SourceText; expressions?: boolean };
  /** Values merged from several files (Terraform's variables files): the file of each, by lower-case name. */
  readonly files?: ReadonlyMap<string, { name: string; source: SourceText }>;
  /** Terraform: the variables the module's other files declare (with a default or not), by lower-case name. */
  readonly declared?: ReadonlySet<string>;
  /** Terraform: the locals of the module's other files, by lower-case name, each with its file. */
  readonly locals?: ReadonlyMap<string, { node: ValueNode; file: { name: string; source: SourceText } }>;
  /** For values a nested deployment passes: the scope their expressions are evaluated in. */
  readonly outer?: ResolveScope;
  /** Every name an ARM parameters file gives (also Key Vault references), with where its key is written. */
  readonly names?: readonly { name: string; start: number; end: number }[];
  /** Values a module call passes: the module's path as the caller writes it. */
  readonly module?: string;
  /** A `.bicepparam` file's `using` target, with where its path is written. */
  readonly using?: { path: string; start: number; end: number };
}

/** Where `parameters()` and `variables()` are looked up. */
export interface ResolveScope {
  /** The ARM deployment template (root or nested) whose parameters and variables apply. */
  deployment: ObjectNode | undefined;
  /** --parameters for the top level, the passed values for an inner-scope nested template. */
  parameters: ParameterValues | undefined;
  /** What the source language calls parameters and variables, for messages (Terraform: variables and locals). */
  terms?: { parameter: string; variable: string; parameterRef: string; variableRef: string };
  /** The file the deployment is written in, when not the linted one (a Terraform module's caller). */
  file?: { name: string; source: SourceText };
}

export const TERRAFORM_TERMS = { parameter: "variable", variable: "local", parameterRef: "var.", variableRef: "local." };

/** Where a resolved value is written: the last step of the chain, the one that holds the literal. */
export interface ValueOrigin {
  /** `parameter 'location', default`, `parameter 'location', passed`, `variable 'region'`, or `parameter 'x'` (file). */
  what: string;
  /** The literal value's node in `source`. */
  node: ValueNode;
  /** The parameters file, when the value came from it (otherwise the template's own file). */
  file?: { name: string; source: SourceText };
}

const SIMPLE_REFERENCE = /^\[\s*(parameters|variables)\s*\(\s*'([^']+)'\s*\)\s*\]$/i;
const SECURE_TYPES = new Set(["securestring", "secureobject"]);
const MAX_STEPS = 8;

/**
 * Resolves what is cheap to resolve: `[parameters('x')]` (from --parameters, else the default value)
 * and `[variables('x')]` holding a literal, following chains a few steps.
 */
export function resolveValue(node: ValueNode, deployment: ObjectNode | undefined, parameters: ParameterValues | undefined): ValueNode | undefined {
  return trace(node, { deployment, parameters }, 0)?.value;
}

/** Like resolveValue, with where the value was found; secure parameters are never resolved. */
export function trace(node: ValueNode, scope: ResolveScope, depth: number, origin?: ValueOrigin): { value: ValueNode; origin?: ValueOrigin } | undefined {
  if (node.kind !== "string" || !isExpression(node.value)) return { value: node, ...(origin ? { origin } : {}) };
  const { deployment, parameters } = scope;
  if (!deployment || depth > MAX_STEPS) return undefined;
  const match = SIMPLE_REFERENCE.exec(node.value);
  if (!match) return undefined;
  const [, kind, name] = match;
  if (kind!.toLowerCase() === "variables") {
    const variables = member(deployment, "variables")?.value;
    const target = variables?.kind === "object" ? findKey(variables, name!) : undefined;
    if (target) return trace(target, scope, depth + 1, { what: `variable '${name}'`, node: target });
    const local = parameters?.locals?.get(name!.toLowerCase());
    return local ? trace(local.node, scope, depth + 1, { what: `local '${name}'`, node: local.node, file: local.file }) : undefined;
  }
  const declared = declaration(deployment, name!);
  if (isSecure(declared)) return undefined;
  const given = parameters?.get(name!.toLowerCase());
  if (given) {
    const file = parameters!.files?.get(name!.toLowerCase()) ?? parameters!.file;
    const next: ValueOrigin = file
      ? { what: `parameter '${name}'`, node: given, file }
      : { what: `parameter '${name}', passed`, node: given };
    return trace(given, parameters!.outer ?? scope, depth + 1, next);
  }
  const fallback = declared?.kind === "object" ? member(declared, "defaultValue")?.value : undefined;
  return fallback ? trace(fallback, scope, depth + 1, { what: `parameter '${name}', default`, node: fallback }) : undefined;
}

function declaration(deployment: ObjectNode, name: string): ValueNode | undefined {
  const params = member(deployment, "parameters")?.value;
  return params?.kind === "object" ? findKey(params, name) : undefined;
}

function isSecure(declared: ValueNode | undefined): boolean {
  const type = declared?.kind === "object" ? member(declared, "type")?.value : undefined;
  return type?.kind === "string" && SECURE_TYPES.has(type.value.toLowerCase());
}

/** The values a deployment resource passes to an inner-scope nested template (`{"name": {"value": …}}`). */
export function passedValues(passed: ObjectNode, outer?: ResolveScope): ParameterValues {
  const values = new Map<string, ValueNode>();
  for (const m of passed.members) {
    const value = m.value.kind === "object" ? member(m.value, "value")?.value : undefined;
    if (value) values.set(m.key.toLowerCase(), value);
  }
  return outer ? Object.assign(values, { outer }) : values;
}

/** ARM parameter and variable names are case-insensitive. */
function findKey(node: ObjectNode, name: string): ValueNode | undefined {
  const lower = name.toLowerCase();
  return node.members.find((m) => m.key.toLowerCase() === lower)?.value;
}

/** --parameters feed the top-level template; an inner-scope nested template gets what its deployment passes. */
export function resolveScope(scope: Scope, parameters: ParameterValues | undefined): ResolveScope {
  if (scope.passedParameters) {
    return { deployment: scope.deployment, parameters: passedValues(scope.passedParameters, resolveScope(scope.outer ?? {}, parameters)) };
  }
  return { deployment: scope.deployment, parameters: scope.deployment === undefined ? undefined : parameters, ...(scope.azapi ? { terms: TERRAFORM_TERMS } : {}) };
}
