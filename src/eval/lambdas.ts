/**
 * ARM's lambda functions: `map`, `filter`, `reduce`, `toObject`, `mapValues` with `lambda('x', …)` and
 * `lambdaVariables('x')`. The lambda's body is evaluated once per item, with the item bound; inputs
 * longer than the loop bound, or not known, give an unknown result.
 */
import type { Expr } from "./expression.js";
import { LIMITS_SIZE } from "./limits.js";
import { unknown, type ObjMember, type Val, type Written } from "./value.js";

/** Lambda variables in force, by lower-case name (an inner lambda's shadow an outer one's). */
export type LambdaBindings = ReadonlyMap<string, Val>;

/** Evaluates an expression with these lambda variables bound. */
export type EvaluateWith = (e: Expr, bindings: LambdaBindings) => Val;

export const LAMBDA_FUNCTIONS = new Set(["map", "filter", "reduce", "toobject", "mapvalues", "lambdavariables"]);

interface Lambda {
  params: string[];
  body: Expr;
}

/** `lambda('a', 'b', body)`: its parameter names, then its body. */
function lambdaOf(e: Expr | undefined, arity: { min: number; max: number }): Lambda | undefined {
  if (e?.kind !== "call" || e.name.toLowerCase() !== "lambda" || e.args.length < 2) return undefined;
  const params = e.args.slice(0, -1);
  if (params.length < arity.min || params.length > arity.max || !params.every((p) => p.kind === "string")) return undefined;
  return { params: params.map((p) => (p as { value: string }).value.toLowerCase()), body: e.args[e.args.length - 1]! };
}

function bind(outer: LambdaBindings, params: string[], values: Val[]): LambdaBindings {
  const inner = new Map(outer);
  params.forEach((p, i) => inner.set(p, values[i]!));
  return inner;
}

export interface LambdaCall {
  name: string;
  args: Expr[];
  bindings: LambdaBindings;
  /** The call's text, to name an unknown result. */
  text: string;
  site: Written;
  evaluate: EvaluateWith;
}

/** Calls one of LAMBDA_FUNCTIONS (lower-case name): their lambdas are read, not evaluated as arguments. */
export function callLambdaFunction(call: LambdaCall): Val {
  const { name, args, bindings, evaluate } = call;
  const wrong = (what = "arguments of the wrong kind"): Val => unknown(`${call.text} (${what})`);
  if (name === "lambdavariables") {
    const key = args[0] ? evaluate(args[0], bindings) : undefined;
    if (key?.t !== "string") return key?.t === "unknown" ? key : wrong();
    return bindings.get(key.v.toLowerCase()) ?? wrong(`no lambda variable '${key.v}'`);
  }
  const input = args[0] ? evaluate(args[0], bindings) : undefined;
  if (!input) return wrong();
  if (input.t === "unknown") return name === "reduce" ? unknown(input.reason) : unknown(input.reason, { type: name === "toobject" || name === "mapvalues" ? "object" : "array" });
  if (name === "mapvalues") return mapValues(input, call, wrong);
  if (input.t !== "array") return wrong();
  if (input.items.length > LIMITS_SIZE.loop) return unknown(`${call.text} (more than ${LIMITS_SIZE.loop} items)`);
  const arr = (items: Val[], partial: boolean): Val => ({ t: "array", items, at: call.site, ...(partial ? { partial } : {}) });
  switch (name) {
    case "map": {
      const fn = lambdaOf(args[1], { min: 1, max: 2 });
      if (!fn) return wrong();
      return arr(input.items.map((item, i) => evaluate(fn.body, bind(bindings, fn.params, [item, { t: "number", v: i, at: call.site }]))), input.partial === true);
    }
    case "filter": {
      const fn = lambdaOf(args[1], { min: 1, max: 2 });
      if (!fn) return wrong();
      const kept: Val[] = [];
      let partial = input.partial === true;
      input.items.forEach((item, i) => {
        const test = evaluate(fn.body, bind(bindings, fn.params, [item, { t: "number", v: i, at: call.site }]));
        if (test.t === "boolean") {
          if (test.v) kept.push(item);
        } else partial = true; // kept or not: not known
      });
      return arr(kept, partial);
    }
    case "reduce": {
      const fn = lambdaOf(args[2], { min: 2, max: 3 });
      if (!fn || !args[1]) return wrong();
      if (input.partial) return unknown(`${call.text} (an array with unknown items)`);
      let acc = evaluate(args[1], bindings);
      input.items.forEach((item, i) => {
        acc = evaluate(fn.body, bind(bindings, fn.params, [acc, item, { t: "number", v: i, at: call.site }]));
      });
      return acc;
    }
    case "toobject": {
      const keyFn = lambdaOf(args[1], { min: 1, max: 1 });
      const valueFn = args[2] ? lambdaOf(args[2], { min: 1, max: 1 }) : undefined;
      if (!keyFn || (args[2] && !valueFn)) return wrong();
      const members: ObjMember[] = [];
      let partial = input.partial === true;
      for (const item of input.items) {
        const scope = bind(bindings, keyFn.params, [item]);
        const key = evaluate(keyFn.body, scope);
        if (key.t === "unknown") partial = true;
        else if (key.t !== "string") return wrong("a key that is not a string");
        else members.push({ key: key.v, keyAt: key.at ?? call.site, value: valueFn ? evaluate(valueFn.body, bind(bindings, valueFn.params, [item])) : item });
      }
      return { t: "object", members, at: call.site, ...(partial ? { partial } : {}) };
    }
    default:
      return wrong();
  }
}

function mapValues(input: Val, call: LambdaCall, wrong: () => Val): Val {
  const fn = lambdaOf(call.args[1], { min: 1, max: 1 });
  if (input.t !== "object" || !fn) return wrong();
  if (input.members.length > LIMITS_SIZE.loop) return unknown(`${call.text} (more than ${LIMITS_SIZE.loop} members)`);
  const members = input.members.map((m) => ({ ...m, value: call.evaluate(fn.body, bind(call.bindings, fn.params, [m.value])) }));
  return { t: "object", members, at: call.site, ...(input.partial ? { partial: true } : {}) };
}
