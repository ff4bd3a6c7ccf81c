/**
 * Evaluates ARM template values over what is known before deployment: literals, parameters (the
 * parameters file, then the default), variables (with `copy`), and the functions that build values.
 * What only the deployment knows (resourceGroup(), reference(), utcNow() …) is an unknown value that
 * keeps what is known of it. Depth, size and total work are bounded: past a bound the value is unknown.
 */
import { member, type ObjectNode, type StringNode, type ValueNode } from "../parse/ast.js";
import { isExpression } from "../find/expressions.js";
import type { ParameterValues, ResolveScope } from "../find/resolve.js";
import { ExpressionError, parseExpression, textOf, type Expr } from "./expression.js";
import { callFunction } from "./functions.js";
import { callLambdaFunction, LAMBDA_FUNCTIONS, type LambdaBindings } from "./lambdas.js";
import { LIMITS_SIZE } from "./limits.js";
import { fitsType } from "./parameters-file.js";
import { unknown, type FileRef, type Obj, type ObjMember, type Val, type Written, memberOf } from "./value.js";

export const LIMITS = LIMITS_SIZE;

/** copyIndex() values by lower-case loop name; an unknown index where the loop count is unknown. */
export type Loops = ReadonlyMap<string, number | undefined>;
const NO_LOOPS: Loops = new Map();

const SECURE_TYPES = new Set(["securestring", "secureobject"]);

/** One deployment scope's evaluator: its variables are evaluated once, on first use. */
export class Evaluator {
  private readonly variables = new Map<string, Val>();
  private readonly inProgress = new Set<string>();
  private work = 0;
  /** Evaluators of the scope the passed values are evaluated in. */
  private outerEvaluator: Evaluator | undefined;

  constructor(readonly scope: ResolveScope) {}

  /** The work bound holds per template: variables already evaluated cost nothing again. */
  startTemplate(): this {
    this.work = 0;
    return this;
  }

  /** A template node's value: literals as written, `[...]` strings evaluated, property copy loops expanded. */
  value(node: ValueNode, depth = 0, loops: Loops = NO_LOOPS, file?: FileRef, via?: string): Val {
    if (++this.work > LIMITS.work) return unknown("evaluation limit reached");
    if (depth > LIMITS.depth) return unknown("nested too deep");
    const at: Written = { start: node.start, end: node.end, node, ...((file ?? this.scope.file) ? { file: file ?? this.scope.file } : {}), ...(via ? { via } : {}) };
    switch (node.kind) {
      case "string":
        {
          if (isExpression(node.value)) {
            // a parameters file holds values, not expressions
            if (file && !file.expressions) return { ...unknown(`an expression in ${file.name}`), at };
            return this.expression(node, depth + 1, loops, via, file);
          }
          return { t: "string", v: unescaped(node.value), at };
        }
      case "number":
        return { t: "number", v: node.value, at };
      case "boolean":
        return { t: "boolean", v: node.value, at };
      case "null":
        return { t: "null", at };
      case "array":
        if (node.items.length > LIMITS.size) return { ...unknown("an array too large to evaluate"), at };
        return { t: "array", items: node.items.map((i) => this.value(i, depth + 1, loops, file, via)), at };
      case "object": {
        const members: ObjMember[] = [];
        let partial = false;
        for (const m of node.members) {
          if (m.key === "copy" && !file) {
            const loops2 = this.propertyLoops(m.value, depth + 1, loops, via);
            if (loops2) {
              for (const l of loops2) {
                if (l.items) members.push({ key: l.name, keyAt: { start: l.nameNode.start, end: l.nameNode.end }, value: { t: "array", items: l.items, at: { start: m.value.start, end: m.value.end, computed: true } } });
                else partial = true;
              }
              continue;
            }
          }
          members.push({ key: m.key, keyAt: { start: m.keyStart, end: m.keyEnd, ...((file ?? this.scope.file) ? { file: file ?? this.scope.file } : {}) }, value: this.value(m.value, depth + 1, loops, file, via) });
        }
        const obj: Obj = { t: "object", members, at };
        if (partial) obj.partial = true;
        return obj;
      }
    }
  }

  /** A property `copy` array: each loop's items, or no items when its count is unknown. */
  propertyLoops(node: ValueNode, depth: number, loops: Loops, via?: string): { name: string; nameNode: ValueNode; items?: Val[] }[] | undefined {
    if (node.kind !== "array" || node.items.length === 0) return undefined;
    const out: { name: string; nameNode: ValueNode; items?: Val[] }[] = [];
    for (const item of node.items) {
      if (item.kind !== "object") return undefined;
      const name = member(item, "name")?.value;
      const input = member(item, "input")?.value;
      const count = member(item, "count")?.value;
      if (name?.kind !== "string" || !input || !count) return undefined;
      out.push({ name: name.value, nameNode: name, ...this.loop(name.value, count, input, depth, loops, via) });
    }
    return out;
  }

  /** The items of a copy loop, when its count is known and within bounds. */
  private loop(name: string, countNode: ValueNode, input: ValueNode, depth: number, loops: Loops, via?: string): { items?: Val[] } {
    const count = this.value(countNode, depth + 1, loops, undefined, via);
    if (count.t !== "number" || !Number.isInteger(count.v) || count.v < 0 || count.v > LIMITS.loop) return {};
    const items: Val[] = [];
    for (let i = 0; i < count.v; i++) {
      const inner = new Map(loops);
      inner.set(name.toLowerCase(), i);
      items.push(this.value(input, depth + 1, inner, undefined, via));
    }
    return { items };
  }

  /** A `[...]` string's value; what cannot be read is unknown. */
  expression(node: StringNode, depth: number, loops: Loops = NO_LOOPS, via?: string, file = this.scope.file): Val {
    const site: Written = { start: node.start, end: node.end, computed: true, ...(file ? { file } : {}), ...(via ? { via } : {}) };
    const text = node.value.slice(1, -1);
    let expr: Expr;
    try {
      expr = parseExpression(text);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      return { ...unknown(text.startsWith("bicep:") ? text.slice(6).trim() : `${text.trim()} (not read)`), at: site };
    }
    const value = this.expr(expr, { text, site, loops, depth });
    return value.t === "unknown" && !value.at ? { ...value, at: site } : value;
  }

  expr(e: Expr, c: Site): Val {
    if (++this.work > LIMITS.work) return unknown("evaluation limit reached");
    if (c.depth > LIMITS.depth) return unknown("nested too deep");
    switch (e.kind) {
      case "string":
        return { t: "string", v: e.value, at: c.site };
      case "number":
        return { t: "number", v: e.value, at: c.site };
      case "boolean":
        return { t: "boolean", v: e.value, at: c.site };
      case "null":
        return { t: "null", at: c.site };
      case "property": {
        const target = this.expr(e.target, { ...c, depth: c.depth + 1 });
        return property(target, e.name, textOf(c.text, e));
      }
      case "index": {
        const target = this.expr(e.target, { ...c, depth: c.depth + 1 });
        const index = this.expr(e.index, { ...c, depth: c.depth + 1 });
        if (index.t === "unknown") return unknown(index.reason);
        if (index.t === "string") return property(target, index.v, textOf(c.text, e));
        if (index.t !== "number") return unknown(`${textOf(c.text, e)} (not an index)`);
        if (target.t === "unknown") return derived(target, textOf(c.text, e));
        if (target.t === "array" && Number.isInteger(index.v) && index.v >= 0) {
          return target.items[index.v] ?? (target.partial ? unknown(`${textOf(c.text, e)}`) : unknown(`${textOf(c.text, e)} (out of range)`));
        }
        return unknown(`${textOf(c.text, e)} (not an index)`);
      }
      case "call":
        return this.call(e, c);
    }
  }

  private call(e: Extract<Expr, { kind: "call" }>, c: Site): Val {
    const name = e.name.toLowerCase();
    const inner: Site = { ...c, depth: c.depth + 1 };
    const arg = (i: number): Val => (e.args[i] ? this.expr(e.args[i]!, inner) : unknown(`${e.name}() is missing an argument`));
    switch (name) {
      case "parameters":
      case "variables": {
        const key = arg(0);
        if (key.t !== "string") return key.t === "unknown" ? key : unknown(`${textOf(c.text, e)} (not a name)`);
        return name === "parameters" ? this.parameter(key.v, c.depth) : this.variable(key.v, c.depth);
      }
      case "copyindex": {
        const first = e.args[0] ? arg(0) : undefined;
        const loopName = first?.t === "string" ? first.v.toLowerCase() : undefined;
        const offsetVal = first?.t === "number" ? first : e.args[1] ? arg(1) : undefined;
        const index = loopName !== undefined ? c.loops.get(loopName) : undefined;
        if (index === undefined) return unknown(textOf(c.text, e), { type: "number" });
        if (offsetVal && offsetVal.t !== "number") return unknown(textOf(c.text, e), { type: "number" });
        return { t: "number", v: index + (offsetVal?.t === "number" ? offsetVal.v : 0), at: c.site };
      }
      case "if": {
        const cond = arg(0);
        if (cond.t === "boolean") return arg(cond.v ? 1 : 2);
        if (cond.t !== "unknown") return unknown(`${textOf(c.text, e)} (the condition is not true or false)`);
        const a = arg(1);
        const b = arg(2);
        return { ...unknown(cond.reason), alternatives: [a, b] };
      }
      case "coalesce": {
        for (let i = 0; i < e.args.length; i++) {
          const v = arg(i);
          if (v.t === "unknown") return v;
          if (v.t !== "null") return v;
        }
        return { t: "null", at: c.site };
      }
      case "and":
      case "or": {
        let pending: Val | undefined;
        for (let i = 0; i < e.args.length; i++) {
          const v = arg(i);
          if (v.t === "boolean") {
            if (v.v === (name === "or")) return { t: "boolean", v: v.v, at: c.site };
          } else pending ??= v.t === "unknown" ? v : unknown(`${textOf(c.text, e)} (not true or false)`);
        }
        return pending ? unknown(pending.t === "unknown" ? pending.reason : "") : { t: "boolean", v: name === "and", at: c.site };
      }
    }
    if (LAMBDA_FUNCTIONS.has(name)) {
      const evaluate = (x: Expr, lambdas: LambdaBindings): Val => this.expr(x, { ...inner, lambdas });
      return callLambdaFunction({ name, args: e.args, bindings: c.lambdas ?? NO_LAMBDAS, text: textOf(c.text, e), site: c.site, evaluate });
    }
    const args = e.args.map((_, i) => arg(i));
    if (this.work > LIMITS.work) return unknown("evaluation limit reached");
    const result = callFunction(name, args, new CallSite(c, e));
    // what a function builds costs work in proportion to its size
    this.work += result.t === "array" ? result.items.length : result.t === "object" ? result.members.length : result.t === "string" ? result.v.length >> 10 : 0;
    return result;
  }

  /** A parameter's value: the parameters file (or the values a nested deployment passes), then the default. */
  parameter(name: string, depth: number): Val {
    const { deployment, parameters } = this.scope;
    const reason = this.scope.terms ? `${this.scope.terms.parameterRef}${name}` : `parameters('${name}')`;
    if (!deployment) return unknown(reason);
    const declared = findKey(member(deployment, "parameters")?.value, name);
    const typeNode = declared?.kind === "object" ? member(declared, "type")?.value : undefined;
    const type = typeNode?.kind === "string" ? typeNode.value.toLowerCase() : undefined;
    const hint = typeHint(type);
    if (type && SECURE_TYPES.has(type)) return unknown(`${reason} (secure)`, hint);
    const given = parameters?.get(name.toLowerCase());
    if (given) {
      // values merged from several files (Terraform's) each know their own
      const file = parameters!.files?.get(name.toLowerCase()) ?? parameters!.file;
      if (file) {
        // a value ARM rejects is the parameters file's finding, not the places that use it
        if (type && !fitsType(type, given, "expressions" in file && file.expressions === true)) return unknown(`${reason} (the parameters file gives the wrong type)`, hint);
        return this.value(given, depth + 1, NO_LOOPS, file, `${this.scope.terms?.parameter ?? "parameter"} '${name}'`);
      }
      return this.outer(parameters!).value(given, depth + 1, NO_LOOPS, undefined, `${this.scope.terms?.parameter ?? "parameter"} '${name}', passed`);
    }
    const fallback = declared?.kind === "object" ? member(declared, "defaultValue")?.value : undefined;
    if (!fallback) return unknown(declared || parameters?.declared?.has(name.toLowerCase()) ? `${reason} (no value)` : `${reason} (not declared)`, hint);
    // "" as a default means "given at deployment" unless a parameters file is what is deployed
    if (fallback.kind === "string" && fallback.value === "" && !parameters?.file) return unknown(`${reason} (empty default)`, hint);
    return this.value(fallback, depth + 1, NO_LOOPS, undefined, `${this.scope.terms?.parameter ?? "parameter"} '${name}', default`);
  }

  private outer(parameters: ParameterValues): Evaluator {
    this.outerEvaluator ??= evaluatorFor(parameters.outer ?? { deployment: this.scope.deployment, parameters: undefined });
    return this.outerEvaluator;
  }

  /** A variable's value, evaluated once; a `copy` entry of `variables` makes an array. */
  variable(name: string, depth: number): Val {
    const key = name.toLowerCase();
    const cached = this.variables.get(key);
    if (cached) return cached;
    const reason = this.scope.terms ? `${this.scope.terms.variableRef}${name}` : `variables('${name}')`;
    if (this.inProgress.has(key)) return unknown(`${reason} (refers to itself)`);
    if (depth > LIMITS.depth) return unknown(`${reason} (nested too deep)`);
    const variables = this.scope.deployment ? member(this.scope.deployment, "variables")?.value : undefined;
    this.inProgress.add(key);
    let value: Val;
    try {
      const node = variables?.kind === "object" ? findKey(variables, name, "copy") : undefined;
      const local = node ? undefined : this.scope.parameters?.locals?.get(key);
      if (node) value = this.value(node, depth + 1, NO_LOOPS, undefined, viaVariable(this.scope.terms?.variable ?? "variable", name));
      else if (local) value = this.value(local.node, depth + 1, NO_LOOPS, local.file, viaVariable("local", name));
      else {
        const copy = variables?.kind === "object" ? member(variables, "copy")?.value : undefined;
        const loops = copy ? this.propertyLoops(copy, depth + 1, NO_LOOPS, `${this.scope.terms?.variable ?? "variable"} '${name}'`)?.find((l) => l.name.toLowerCase() === key) : undefined;
        value = loops ? (loops.items ? { t: "array", items: loops.items, at: { start: copy!.start, end: copy!.end, computed: true } } : unknown(`${reason} (a copy loop of unknown count)`)) : unknown(`${reason} (not declared)`);
      }
    } finally {
      this.inProgress.delete(key);
    }
    // an unknown reached through the depth bound may be known from a shallower start: not kept
    if (!(value.t === "unknown" && /nested too deep|limit/.test(value.reason))) this.variables.set(key, value);
    return value;
  }
}

/**
 * How a value reached through a variable is named in messages. A name with a colon is a front end's
 * (Terraform's): `file:x.sh` is the text of a file, the others a value written in place, named by nothing.
 */
function viaVariable(kind: string, name: string): string | undefined {
  const colon = name.indexOf(":");
  if (colon < 0) return `${kind} '${name}'`;
  const prefix = name.slice(0, colon);
  return prefix === "file" || prefix === "templatefile" ? `${prefix}("${name.slice(colon + 1)}")` : undefined;
}

/** Where an expression is evaluated: its text, the JSON string that holds it, the loops around it. */
export interface Site {
  text: string;
  site: Written;
  loops: Loops;
  depth: number;
  /** The lambda variables of the lambdas around it. */
  lambdas?: LambdaBindings;
}

const NO_LAMBDAS: LambdaBindings = new Map();

function typeHint(type: string | undefined): { type?: "string" | "number" | "boolean" | "object" | "array" } {
  switch (type) {
    case "string":
    case "securestring":
      return { type: "string" };
    case "int":
      return { type: "number" };
    case "bool":
      return { type: "boolean" };
    case "object":
    case "secureobject":
      return { type: "object" };
    case "array":
      return { type: "array" };
    default:
      return {};
  }
}

/** `.name` of a value; of an unknown, an unknown that says which part (`resourceGroup().location`). */
function property(target: Val, name: string, text: string, depth = 0): Val {
  // a member of a value known only as branches is known only as those branches' members
  if (target.t === "unknown" && target.alternatives && depth < 8) return { ...unknown(target.reason), alternatives: target.alternatives.map((a) => property(a, name, text, depth + 1)) };
  if (target.t === "unknown") return derived(target, text);
  if (target.t === "object") {
    const found = memberOf(target, name);
    if (found) return found.value;
    return target.partial ? unknown(text) : unknown(`${text} (no such property)`);
  }
  return unknown(`${text} (not an object)`);
}

const DEPLOYMENT_LOCATIONS = /^(resourcegroup|deployment)\(\)\.location$/i;

/** An unknown part of an unknown: what is known of it kept (`resourceGroup().location` is a location). */
function derived(target: Val & { t: "unknown" }, text: string): Val {
  if (DEPLOYMENT_LOCATIONS.test(text.replace(/\s+/g, ""))) return unknown(text, { type: "string", meaning: "location" });
  return unknown(target.alternatives ? target.reason : text);
}

/** ARM names are matched without case; `skip` is a key that is not a name (`copy` in `variables`). */
function findKey(node: ValueNode | undefined, name: string, skip?: string): ValueNode | undefined {
  if (node?.kind !== "object") return undefined;
  const lower = name.toLowerCase();
  if (lower === skip) return undefined;
  for (let i = node.members.length - 1; i >= 0; i--) if (node.members[i]!.key.toLowerCase() === lower) return node.members[i]!.value;
  return undefined;
}

/** Evaluators by deployment and parameters, so that templates of one deployment share variables. */
const evaluators = new WeakMap<ObjectNode, Map<ParameterValues | undefined, Evaluator>>();

export function evaluatorFor(scope: ResolveScope): Evaluator {
  if (!scope.deployment) return new Evaluator(scope);
  let byParameters = evaluators.get(scope.deployment);
  if (!byParameters) {
    byParameters = new Map();
    evaluators.set(scope.deployment, byParameters);
  }
  let evaluator = byParameters.get(scope.parameters);
  if (!evaluator) {
    evaluator = new Evaluator(scope);
    byParameters.set(scope.parameters, evaluator);
  }
  return evaluator;
}

/** `[[...]` is the literal text `[...]`. */
function unescaped(text: string): string {
  return text.startsWith("[[") ? text.slice(1) : text;
}

/** A call as functions see it: its text is sliced from the expression only when an unknown names it. */
class CallSite {
  readonly site: Written;
  readonly name: string;
  constructor(
    private readonly c: Site,
    private readonly e: Expr & { name: string },
  ) {
    this.site = c.site;
    this.name = e.name;
  }
  get text(): string {
    return textOf(this.c.text, this.e);
  }
}
