/**
 * Bicep expressions as ARM expressions, where ARM has a function that means the same (`'img-${v}'` is
 * `concat('img-', string(variables('v')))`, `c ? a : b` is `if(c, a, b)`, `a ?? b` is `coalesce(a, b)`,
 * `[for s in list: …]` is `map(list, lambda('s', …))`), so that the one ARM evaluator reads Bicep too.
 * What has no faithful counterpart (a resource's or module's properties, a lambda, a user function) has none: unknown.
 */
import type { Node as TsNode } from "web-tree-sitter";
import { ARM_OPERATORS } from "./arm-operators.js";
import { decodeMultiline, decodeString } from "./bicep-text.js";

/** How the names an expression uses read in ARM. */
export interface BicepNames {
  /** A name's ARM expression (a param, a var, a loop variable); undefined when it has none (a resource, a module). */
  identifier(id: string): string | undefined;
  /** Offsets of spreads (`...x`), which the grammar reads in another spelling. */
  spreads: ReadonlySet<number>;
  /** A literal inside an expression kept where it is written: its variable, or undefined to write it inline. */
  hoist?(node: TsNode): string | undefined;
  /** `ns.name` of a namespace the file imports (`import * as ns from …`). */
  member?(namespace: string, property: string): string | undefined;
}

/** Bicep's operators: Terraform's, with integer division and `??`. */
const OPERATORS: Record<string, string> = { ...ARM_OPERATORS, "/": "div", "??": "coalesce" };

/** Bicep functions that are not ARM's namesakes (compile-time file reads, lambdas, secrets): no counterpart here. */
const NOT_ARM = new Set(["loadtextcontent", "loadjsoncontent", "loadyamlcontent", "loadfileasbase64", "getsecret", "readenvironmentvariable", "externalinput", "reduce", "sort", "toobject", "groupby", "mapvalues"]);

const MAX_DEPTH = 64;
const MAX_INT = 2147483647;

/** The ARM expression (without its brackets) that means what this Bicep expression means, if there is one. */
export function bicepArmExpression(text: string, node: TsNode, names: BicepNames): string | undefined {
  return new Translator(text, names).expression(node, 0, new Map());
}

/** A single-quoted ARM string literal. */
export function armString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function named(node: TsNode): TsNode[] {
  return node.namedChildren.filter((c) => c.type !== "comment" && c.type !== "diagnostic_comment" && c.type !== "decorators");
}

/** Names bound by the lambdas around an expression: each loop variable's ARM expression. */
type Bound = ReadonlyMap<string, string>;

class Translator {
  constructor(
    private readonly text: string,
    private readonly names: BicepNames,
  ) {}

  expression(node: TsNode, depth: number, bound: Bound): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const next = depth + 1;
    // a literal inside the expression keeps its place in the file, for findings on it (not under a loop's variables)
    if (depth > 0 && bound.size === 0 && this.names.hoist && this.hoistable(node)) {
      const hoisted = this.names.hoist(node);
      if (hoisted !== undefined) return hoisted;
    }
    switch (node.type) {
      case "string":
        return this.string(node, next, bound);
      case "number": {
        const raw = this.slice(node);
        const value = Number(raw);
        return /^-?\d+$/.test(raw) && Math.abs(value) <= MAX_INT ? String(value) : undefined;
      }
      case "boolean":
        return this.slice(node) === "true" ? "true()" : "false()";
      case "null":
        return "null()";
      case "identifier": {
        const id = this.slice(node);
        return bound.get(id) ?? (bound.has(id) ? undefined : this.names.identifier(id));
      }
      case "parenthesized_expression": {
        const inner = named(node);
        return inner.length === 1 ? this.expression(inner[0]!, next, bound) : undefined;
      }
      case "ternary_expression": {
        const parts = ["condition", "consequence", "alternative"].map((f) => node.childForFieldName(f));
        const args = parts.map((p) => (p ? this.expression(p, next, bound) : undefined));
        return args.every((a) => a !== undefined) ? `if(${args.join(", ")})` : undefined;
      }
      case "binary_expression":
        return this.binary(node, next, bound);
      case "unary_expression": {
        const operator = node.childForFieldName("operator")?.type;
        const argument = node.childForFieldName("argument");
        const value = argument ? this.expression(argument, next, bound) : undefined;
        if (value === undefined) return undefined;
        return operator === "!" ? `not(${value})` : operator === "-" ? `sub(0, ${value})` : undefined;
      }
      case "member_expression": {
        const object = node.childForFieldName("object");
        const property = node.childForFieldName("property");
        const imported = object?.type === "identifier" && property && !bound.has(this.slice(object)) ? this.names.member?.(this.slice(object), this.slice(property)) : undefined;
        if (imported !== undefined) return imported;
        const target = object ? this.expression(object, next, bound) : undefined;
        if (target === undefined || !property || !/^[A-Za-z_]\w*$/.test(this.slice(property))) return undefined;
        const safe = node.children.some((c) => c.type === ".?");
        return safe ? `tryGet(${target}, ${armString(this.slice(property))})` : `${target}.${this.slice(property)}`;
      }
      case "subscript_expression": {
        const object = node.childForFieldName("object");
        const index = node.childForFieldName("index");
        const target = object ? this.expression(object, next, bound) : undefined;
        const key = index ? this.expression(index, next, bound) : undefined;
        if (target === undefined || key === undefined) return undefined;
        return node.children.some((c) => c.type === "?") ? `tryGet(${target}, ${key})` : `${target}[${key}]`;
      }
      case "call_expression":
        return this.call(node, next, bound);
      case "array":
        return this.array(node, next, bound);
      case "object":
        return this.object(node, next, bound);
      case "for_statement":
        return this.loop(node, next, bound);
      default:
        return undefined;
    }
  }

  private slice(node: TsNode): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  /** A string's literal runs and `${…}` parts; every part reads as text, as Bicep's interpolation does. */
  private string(node: TsNode, depth: number, bound: Bound): string | undefined {
    const raw = this.slice(node);
    if (raw.startsWith("'''")) return armString(decodeMultiline(raw.slice(3, raw.length >= 6 && raw.endsWith("'''") ? -3 : undefined)));
    const parts: string[] = [];
    let from = node.startIndex + 1;
    for (const child of node.namedChildren) {
      if (child.type !== "interpolation") continue;
      if (child.startIndex > from) parts.push(armString(decodeString(this.text.slice(from, child.startIndex))));
      const inner = named(child)[0];
      const value = inner ? this.expression(inner, depth, bound) : undefined;
      if (value === undefined) return undefined;
      parts.push(`string(${value})`);
      from = child.endIndex;
    }
    const end = raw.length >= 2 && raw.endsWith("'") ? node.endIndex - 1 : node.endIndex;
    if (end > from || parts.length === 0) parts.push(armString(decodeString(this.text.slice(from, end))));
    return parts.length === 1 ? parts[0] : `concat(${parts.join(", ")})`;
  }

  private binary(node: TsNode, depth: number, bound: Bound): string | undefined {
    const operator = node.childForFieldName("operator")?.type;
    const leftNode = node.childForFieldName("left");
    const rightNode = node.childForFieldName("right");
    const left = leftNode ? this.expression(leftNode, depth, bound) : undefined;
    const right = rightNode ? this.expression(rightNode, depth, bound) : undefined;
    if (left === undefined || right === undefined || !operator) return undefined;
    switch (operator) {
      case "!=":
        return `not(equals(${left}, ${right}))`;
      case "=~":
        return `equals(toLower(${left}), toLower(${right}))`;
      case "!~":
        return `not(equals(toLower(${left}), toLower(${right})))`;
    }
    const fn = OPERATORS[operator];
    return fn ? `${fn}(${left}, ${right})` : undefined;
  }

  /** `f(…)`, `sys.f(…)`, `az.f(…)`: the ARM function of the same name. */
  private call(node: TsNode, depth: number, bound: Bound): string | undefined {
    const fn = node.childForFieldName("function");
    let name: string | undefined;
    if (fn?.type === "identifier") name = this.slice(fn);
    else if (fn?.type === "member_expression") {
      const ns = fn.childForFieldName("object");
      const property = fn.childForFieldName("property");
      if (ns?.type === "identifier" && (this.slice(ns) === "sys" || this.slice(ns) === "az") && property) name = this.slice(property);
    }
    const loaded = name ? this.loaded(name, node, depth, bound) : undefined;
    if (loaded !== undefined) return loaded;
    if (!name || !/^[A-Za-z_]\w*$/.test(name) || NOT_ARM.has(name.toLowerCase())) return undefined;
    // a name the file binds (a user function is not ARM's): only namespaced calls are sure
    if (fn?.type === "identifier" && (bound.has(name) || this.names.identifier(name) !== undefined)) return undefined;
    const argsNode = node.childForFieldName("arguments");
    const args = argsNode ? named(argsNode).map((a) => this.expression(a, depth, bound)) : [];
    if (args.some((a) => a === undefined)) return undefined;
    if (name.toLowerCase() === "any") return args.length === 1 ? args[0] : undefined;
    return `${name}(${args.join(", ")})`;
  }

  /**
   * `loadTextContent('x.sh')` and `loadJsonContent('x.json')` of a literal path: the file's text is the
   * variable `file:x.sh`, which the run supplies (read/file-reads.ts); other forms stay unknown.
   */
  private loaded(name: string, node: TsNode, depth: number, bound: Bound): string | undefined {
    const lower = name.toLowerCase();
    if (lower !== "loadtextcontent" && lower !== "loadjsoncontent") return undefined;
    const argsNode = node.childForFieldName("arguments");
    const args = argsNode ? named(argsNode) : [];
    const path = args[0]?.type === "string" ? /^'((?:[^']|'')*)'$/.exec(this.string(args[0], depth, bound) ?? "")?.[1] : undefined;
    if (path === undefined || (lower === "loadjsoncontent" ? args.length !== 1 : args.length > 2)) return undefined;
    const text = `variables('file:${path}')`;
    return lower === "loadjsoncontent" ? `json(${text})` : text;
  }

  /** `[a, ...list, b]` as `createArray(a)`, the list and `createArray(b)` concatenated. */
  private array(node: TsNode, depth: number, bound: Bound): string | undefined {
    const segments: string[] = [];
    let run: string[] | undefined;
    for (const item of named(node)) {
      if (this.names.spreads.has(item.startIndex)) {
        const spread = this.spreadOperand(item, depth, bound);
        if (spread === undefined) return undefined;
        if (run) segments.push(`createArray(${run.join(", ")})`);
        run = undefined;
        segments.push(spread);
        continue;
      }
      const value = this.expression(item, depth, bound);
      if (value === undefined) return undefined;
      (run ??= []).push(value);
    }
    if (run || segments.length === 0) segments.push(`createArray(${(run ?? []).join(", ")})`);
    return segments.length === 1 ? segments[0] : `concat(${segments.join(", ")})`;
  }

  /** `!!!x`, the grammar's spelling of the spread `...x` in an array: the expression x. */
  private spreadOperand(item: TsNode, depth: number, bound: Bound): string | undefined {
    let inner: TsNode | null = item;
    for (let i = 0; i < 3 && inner?.type === "unary_expression"; i++) inner = inner.childForFieldName("argument");
    return inner ? this.expression(inner, depth, bound) : undefined;
  }

  /** `{ a: 1, ...x, b: 2 }` as `shallowMerge(createArray(createObject('a', 1), x, createObject('b', 2)))`. */
  private object(node: TsNode, depth: number, bound: Bound): string | undefined {
    const segments: string[] = [];
    let run: string[] | undefined;
    for (const property of named(node)) {
      if (property.type !== "object_property") return undefined;
      const [keyNode, valueNode] = named(property);
      if (!keyNode || !valueNode) return undefined;
      if (this.names.spreads.has(keyNode.startIndex)) {
        const spread = this.expression(valueNode, depth, bound);
        if (spread === undefined) return undefined;
        if (run) segments.push(`createObject(${run.join(", ")})`);
        run = undefined;
        segments.push(spread);
        continue;
      }
      const key = keyNode.type === "string" ? this.string(keyNode, depth, bound) : keyNode.type === "identifier" ? armString(this.slice(keyNode)) : undefined;
      const value = this.expression(valueNode, depth, bound);
      if (key === undefined || value === undefined) return undefined;
      (run ??= []).push(key, value);
    }
    if (run || segments.length === 0) segments.push(`createObject(${(run ?? []).join(", ")})`);
    return segments.length === 1 ? segments[0] : `shallowMerge(createArray(${segments.join(", ")}))`;
  }

  /** Literals that can stand alone: strings without interpolation, numbers, booleans, objects and arrays without spreads or loops. */
  private hoistable(node: TsNode): boolean {
    switch (node.type) {
      case "string":
        return !node.namedChildren.some((c) => c.type === "interpolation");
      case "number":
      case "boolean":
        return true;
      case "object":
      case "array":
        return node.descendantsOfType("for_statement").length === 0 && ![...this.names.spreads].some((at) => at >= node.startIndex && at < node.endIndex);
      default:
        return false;
    }
  }

  /** `[for (s, i) in list: if (c) body]` as `map(filter(list, lambda('s', c)), lambda('s', 'i', body))`. */
  private loop(node: TsNode, depth: number, bound: Bound): string | undefined {
    const variables = loopVariables(this.text, node);
    const source = named(node)[1];
    let body = node.childForFieldName("body");
    const list = source ? this.expression(source, depth, bound) : undefined;
    if (list === undefined || !body || variables.length === 0 || variables.length > 2) return undefined;
    const inner = new Map(bound);
    variables.forEach((v) => inner.set(v, `lambdaVariables(${armString(v)})`));
    const params = variables.map(armString).join(", ");
    let items = list;
    if (body.type === "if_statement") {
      // the index of a filtered loop counts the items before filtering: not what filter() gives
      if (variables.length > 1) return undefined;
      const [condition, then] = named(body);
      const test = condition ? this.expression(condition, depth, inner) : undefined;
      if (test === undefined || !then) return undefined;
      items = `filter(${list}, lambda(${params}, ${test}))`;
      body = then;
    }
    const value = this.expression(body, depth, inner);
    return value === undefined ? undefined : `map(${items}, lambda(${params}, ${value}))`;
  }
}

/** The names a `for` binds: the item, and the index when written `(item, index)`. */
export function loopVariables(text: string, loop: TsNode): string[] {
  const initializer = loop.childForFieldName("initializer");
  if (initializer) return [text.slice(initializer.startIndex, initializer.endIndex)];
  const params = named(loop).find((c) => c.type === "for_loop_parameters");
  return params ? named(params).map((c) => text.slice(c.startIndex, c.endIndex)) : [];
}
