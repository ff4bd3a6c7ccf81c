/**
 * Terraform expressions as ARM expressions, where ARM has a function that means the same (`var.x` is
 * `parameters('x')`, `"a-${var.b}"` is `concat('a-', string(parameters('b')))`, `c ? a : b` is `if(c, a, b)`,
 * `[for s in xs : f(s)]` is `map(xs, lambda('s', f(lambdaVariables('s'))))`), so that the one ARM resolver
 * reads every format. An expression with no faithful counterpart (a resource attribute, a function whose
 * ARM namesake differs) has none: it is unknown.
 */
import type { Node as TsNode } from "web-tree-sitter";
import { ARM_OPERATORS as OPERATORS } from "./arm-operators.js";

/** An expression kept as written: an ARM expression to every rule, so never judged as a literal. */
export function unknownText(source: string): string {
  return `[terraform: ${source.replace(/\s+/g, " ").trim()}]`;
}

/** The text of a quoted HCL string, escapes decoded (`\n`, `\"`, `\uNNNN`, `$${`, `%%{`). */
export function decodeQuoted(raw: string): string {
  return raw.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))|\$\$\{|%%\{/gs, (m, u4: string | undefined, u8: string | undefined, c: string | undefined) => {
    if (m === "$${") return "${";
    if (m === "%%{") return "%{";
    if (u4 ?? u8) {
      const code = parseInt((u4 ?? u8)!, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return c === "n" ? "\n" : c === "r" ? "\r" : c === "t" ? "\t" : c === '"' || c === "\\" ? c : m;
  });
}

function named(node: TsNode): TsNode[] {
  return node.namedChildren.filter((c) => c.type !== "comment");
}

/** A quoted string or template with no `${…}` or `%{…}` in it. */
export function isLiteralTemplate(node: TsNode): boolean {
  return !node.namedChildren.some((c) => c.type === "template_interpolation" || c.type === "template_directive");
}

/** Where a heredoc's text starts and ends in the file (after the opening line, before the closing marker's line). */
export function heredocContent(text: string, node: TsNode): { start: number; end: number; indented: boolean } | undefined {
  const heredoc = node.type === "template_expr" ? named(node)[0] : node;
  if (heredoc?.type !== "heredoc_template") return undefined;
  const markers = named(heredoc).filter((c) => c.type === "heredoc_identifier");
  const open = markers[0];
  const close = markers[markers.length - 1];
  if (!open || !close || open === close) return undefined;
  const lineEnd = text.indexOf("\n", open.endIndex);
  const start = lineEnd < 0 ? open.endIndex : lineEnd + 1;
  let end = close.startIndex;
  while (end > start && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  if (end > start && text[end - 1] === "\n") end--;
  if (end > start && text[end - 1] === "\r") end--;
  return { start, end: Math.max(start, end), indented: named(heredoc)[0]?.text.startsWith("<<-") ?? false };
}

/** A template's value when it holds no interpolation; undefined otherwise. */
export function literalTemplate(text: string, node: TsNode): string | undefined {
  const inner = named(node)[0];
  if (!inner) return undefined;
  if (inner.type === "quoted_template") return isLiteralTemplate(inner) ? decodeQuoted(text.slice(inner.startIndex + 1, inner.endIndex - 1)) : undefined;
  if (inner.type !== "heredoc_template" || !isLiteralTemplate(inner)) return undefined;
  const content = heredocContent(text, node);
  if (!content) return undefined;
  let body = text.slice(content.start, content.end).replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
  if (content.indented) body = dedent(body);
  return body.length > 0 ? `${body}\n` : body;
}

/** `<<-` removes the indentation every non-blank line shares. */
function dedent(body: string): string {
  const lines = body.split("\n");
  const widths = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = widths.length > 0 ? Math.min(...widths) : 0;
  return lines.map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)![0].length))).join("\n");
}


/** Terraform functions whose ARM namesake takes the same arguments and gives the same result. */
const SAME_FUNCTIONS: Record<string, string> = {
  lower: "toLower",
  upper: "toUpper",
  length: "length",
  concat: "concat",
  contains: "contains",
  tostring: "string",
  tobool: "bool",
  tolist: "array",
  trimspace: "trim",
  jsondecode: "json",
};

/** Where an object or tuple written inside an expression is kept as a located value: its ARM reference. */
export type Hoist = (collection: TsNode) => string | undefined;

/** A `file()` or `templatefile()` of a path the module names: the ARM reference of the file's text. */
export const fileVariable = (fn: "file" | "templatefile", path: string): string => `${fn}:${path}`;

const MAX_DEPTH = 64;
/** The longest ARM expression made of one Terraform expression (a file's own text is at most a megabyte). */
const MAX_ARM_CHARS = 256 * 1024;

/** The ARM expression (without its brackets) that means what this Terraform expression means, if there is one. */
export function armExpression(text: string, expression: TsNode, hoist?: Hoist): string | undefined {
  return new Translator(text, expression, hoist).expression(expression, 0);
}

class Translator {
  /** The names `for` expressions bind around the part being translated, innermost last. */
  private readonly bound: string[] = [];

  constructor(
    private readonly text: string,
    private readonly root: TsNode,
    private readonly hoist: Hoist | undefined,
  ) {}

  expression(node: TsNode, depth: number): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const out = node.type === "expression" ? this.chain(named(node), depth) : this.chain([node], depth);
    // lookup and coalesce repeat their arguments: nested ones would grow without bound
    return out !== undefined && out.length > MAX_ARM_CHARS ? undefined : out;
  }

  /** A primary followed by its accessors (`.name`, `[index]`), as the grammar lists them side by side. */
  private chain(parts: TsNode[], depth: number): string | undefined {
    const first = parts[0];
    if (!first) return undefined;
    const lambda = first.type === "variable_expr" && this.bound.includes(first.text) ? `lambdaVariables('${quote(first.text)}')` : undefined;
    const reference = first.type === "variable_expr" && !lambda ? this.rootReference(parts) : undefined;
    let out = lambda ?? (first.type === "variable_expr" ? reference : this.primary(first, depth));
    for (let i = reference !== undefined ? 2 : 1; i < parts.length && out !== undefined; i++) out = this.accessor(out, parts[i]!, depth);
    return out;
  }

  /** `.name`, `[index]` or a splat applied to `target`. */
  private accessor(target: string, part: TsNode, depth: number): string | undefined {
    if (part.type === "get_attr") {
      const name = named(part)[0];
      return name && /^[A-Za-z_][\w]*$/.test(name.text) ? `${target}.${name.text}` : undefined;
    }
    if (part.type === "index") {
      const index = named(named(part)[0] ?? part).find((c) => c.type === "expression");
      const legacy = named(part)[0]?.type === "legacy_index" ? /\.(\d+)$/.exec(part.text)?.[1] : undefined;
      const inner = legacy ?? (index ? this.expression(index, depth + 1) : undefined);
      return inner === undefined ? undefined : `${target}[${inner}]`;
    }
    if (part.type === "splat") {
      // `xs[*].a` is each item's `.a`: a map over a list (a null or a single value stays unknown)
      const splat = named(part)[0];
      let item: string | undefined = "lambdaVariables('*')";
      for (const a of splat ? named(splat) : []) if (item !== undefined) item = this.accessor(item, a, depth + 1);
      return item === undefined ? undefined : `map(${target}, lambda('*', ${item}))`;
    }
    return undefined;
  }

  /** `var.x` or `local.x`: the ARM reference, which takes the first accessor with it. */
  private rootReference(parts: TsNode[]): string | undefined {
    const root = parts[0]!.text;
    const attr = parts[1]?.type === "get_attr" ? named(parts[1])[0]?.text : undefined;
    if (attr === undefined) return undefined;
    if (root === "var") return `parameters('${quote(attr)}')`;
    if (root === "local") return `variables('${quote(attr)}')`;
    return undefined;
  }

  private primary(node: TsNode, depth: number): string | undefined {
    switch (node.type) {
      case "expression":
        return this.expression(node, depth + 1);
      case "literal_value":
        return this.literal(node);
      case "template_expr":
        return this.template(named(node)[0], depth);
      case "collection_value":
        return this.collection(named(node)[0], depth);
      case "conditional": {
        const [condition, whenTrue, whenFalse] = named(node).map((c) => this.expression(c, depth + 1));
        return condition !== undefined && whenTrue !== undefined && whenFalse !== undefined ? `if(${condition}, ${whenTrue}, ${whenFalse})` : undefined;
      }
      case "operation":
        return this.operation(named(node)[0], depth);
      case "function_call":
        return this.call(node, depth);
      case "for_expr":
        return this.forExpression(named(node)[0], depth);
      default:
        return undefined;
    }
  }

  private literal(node: TsNode): string | undefined {
    const value = named(node)[0];
    if (!value) return undefined;
    if (value.type === "numeric_lit") return /^\d+$/.test(value.text) && Number(value.text) <= 2147483647 ? value.text : `json('${Number(value.text)}')`;
    if (value.type === "bool_lit") return value.text === "true" ? "true()" : "false()";
    if (value.type === "null_lit") return "null()";
    if (value.type === "string_lit") return `'${quote(decodeQuoted(this.text.slice(value.startIndex + 1, value.endIndex - 1)))}'`;
    return undefined;
  }

  /** A quoted template: its literal parts and `${…}` parts, joined as strings. */
  private template(node: TsNode | undefined, depth: number): string | undefined {
    if (node?.type !== "quoted_template") return node && literalTemplate(this.text, node.parent!) !== undefined ? `'${quote(literalTemplate(this.text, node.parent!)!)}'` : undefined;
    const parts: string[] = [];
    const pieces = named(node).filter((c) => c.type !== "quoted_template_start" && c.type !== "quoted_template_end");
    for (const piece of pieces) {
      if (piece.type === "template_literal") parts.push(`'${quote(decodeQuoted(piece.text))}'`);
      else if (piece.type === "template_interpolation") {
        const inner = named(piece).find((c) => c.type === "expression");
        const value = inner ? this.expression(inner, depth + 1) : undefined;
        if (value === undefined) return undefined;
        // "${x}" alone is x itself, of whatever type; inside text it is converted to a string
        parts.push(pieces.length === 1 ? value : `string(${value})`);
      } else return undefined;
    }
    if (parts.length === 0) return "''";
    return parts.length === 1 ? parts[0] : `concat(${parts.join(", ")})`;
  }

  private collection(node: TsNode | undefined, depth: number): string | undefined {
    // an object or tuple outside any `for` keeps its place in the file, for findings inside it
    const hoisted = node && this.hoist && this.bound.length === 0 && node.parent !== unwrapped(this.root) ? this.hoist(node.parent!) : undefined;
    if (hoisted !== undefined) return hoisted;
    if (node?.type === "tuple") {
      const items = named(node).filter((c) => c.type === "expression").map((c) => this.expression(c, depth + 1));
      return items.every((i) => i !== undefined) ? `createArray(${items.join(", ")})` : undefined;
    }
    if (node?.type === "object") {
      const args: string[] = [];
      for (const elem of named(node)) {
        if (elem.type !== "object_elem") continue;
        const keyNode = elem.childForFieldName("key");
        const valueNode = elem.childForFieldName("val");
        if (!keyNode || !valueNode) return undefined;
        const bare = named(keyNode)[0];
        const key = bare?.type === "variable_expr" && named(keyNode).length === 1 ? `'${quote(bare.text)}'` : this.expression(keyNode, depth + 1);
        const value = this.expression(valueNode, depth + 1);
        if (key === undefined || value === undefined) return undefined;
        args.push(key, value);
      }
      return `createObject(${args.join(", ")})`;
    }
    return undefined;
  }

  /** A unary or binary operation: its operands are the chains on either side of the operator. */
  private operation(node: TsNode | undefined, depth: number): string | undefined {
    if (!node) return undefined;
    const children = node.children.filter((c) => c.type !== "comment");
    const at = children.findIndex((c) => !c.isNamed && c.type !== "(" && c.type !== ")");
    const operator = children[at]?.type;
    if (at < 0 || !operator) return undefined;
    const side = (nodes: TsNode[]) => this.chain(nodes.filter((c) => c.isNamed), depth + 1);
    if (node.type === "unary_operation") {
      const operand = side(children.slice(at + 1));
      if (operand === undefined) return undefined;
      return operator === "!" ? `not(${operand})` : operator === "-" ? `sub(0, ${operand})` : undefined;
    }
    const left = side(children.slice(0, at));
    const right = side(children.slice(at + 1));
    if (left === undefined || right === undefined) return undefined;
    if (operator === "!=") return `not(equals(${left}, ${right}))`;
    const fn = OPERATORS[operator];
    return fn ? `${fn}(${left}, ${right})` : undefined;
  }

  private call(node: TsNode, depth: number): string | undefined {
    const [nameNode, argsNode] = named(node);
    const name = nameNode?.text ?? "";
    const argNodes = argsNode ? named(argsNode).filter((c) => c.type === "expression") : [];
    // `f(list...)` expands a list into arguments
    if (argsNode?.children.some((c) => c.type === "...")) return undefined;
    if (name === "file" || name === "templatefile") {
      // the file's text is the module's to read: a value of its own, by path
      const path = argNodes[0] ? this.modulePath(argNodes[0]) : undefined;
      return path !== undefined && argNodes.length === (name === "file" ? 1 : 2) ? `variables('${quote(fileVariable(name, path))}')` : undefined;
    }
    if (name === "try") return argNodes.length === 2 ? this.tryCall(argNodes[0]!, argNodes[1]!, depth) : undefined;
    const args = argNodes.map((a) => this.expression(a, depth + 1));
    if (args.some((a) => a === undefined)) return undefined;
    const same = SAME_FUNCTIONS[name];
    if (same) return `${same}(${args.join(", ")})`;
    const composed = this.composed(name, args as string[]);
    if (composed !== undefined) return composed;
    switch (name) {
      case "join":
        return args.length === 2 ? `join(${args[1]}, ${args[0]})` : undefined;
      case "split":
        return args.length === 2 ? `split(${args[1]}, ${args[0]})` : undefined;
      case "replace": {
        // a /pattern/ is a regular expression, which ARM's replace does not know
        const pattern = argNodes[1] ? literalString(this.text, argNodes[1]) : undefined;
        return args.length === 3 && pattern !== undefined && !(pattern.startsWith("/") && pattern.endsWith("/")) ? `replace(${args.join(", ")})` : undefined;
      }
      case "format":
        return this.format(argNodes, args as string[]);
      default:
        return undefined;
    }
  }

  /**
   * `[for v in xs : f(v) if c(v)]` is `map(filter(xs, lambda('v', c)), lambda('v', f))`, `[for i, v in xs : …]`
   * maps with the index; `{for v in xs : k(v) => f(v)}` is `toObject(…)`. Over a map (ARM's lambdas take
   * arrays), with grouping (`...`) or an index and a condition together, it stays unknown.
   */
  private forExpression(node: TsNode | undefined, depth: number): string | undefined {
    if (!node || (node.type !== "for_tuple_expr" && node.type !== "for_object_expr")) return undefined;
    const parts = named(node);
    const intro = parts.find((c) => c.type === "for_intro");
    const cond = parts.find((c) => c.type === "for_cond");
    const results = parts.filter((c) => c.type === "expression");
    if (!intro || parts.some((c) => c.type === "ellipsis")) return undefined;
    const names = named(intro).filter((c) => c.type === "identifier").map((c) => c.text);
    const source = named(intro).find((c) => c.type === "expression");
    if (!source || names.length < 1 || names.length > 2) return undefined;
    const list = this.expression(source, depth + 1);
    const [value, index] = names.length === 2 ? [names[1]!, names[0]!] : [names[0]!, undefined];
    if (list === undefined || (index !== undefined && (cond || node.type === "for_object_expr"))) return undefined;
    const params = index !== undefined ? `'${quote(value)}', '${quote(index)}'` : `'${quote(value)}'`;
    const within = (expr: TsNode | undefined): string | undefined => {
      if (!expr) return undefined;
      this.bound.push(...names);
      try {
        return this.expression(expr, depth + 1);
      } finally {
        this.bound.length -= names.length;
      }
    };
    let items = list;
    if (cond) {
      const test = within(named(cond).find((c) => c.type === "expression"));
      if (test === undefined) return undefined;
      items = `filter(${list}, lambda(${params}, ${test}))`;
    }
    if (node.type === "for_tuple_expr") {
      const each = within(results[0]);
      return each === undefined ? undefined : `map(${items}, lambda(${params}, ${each}))`;
    }
    const key = within(results[0]);
    const each = within(results[1]);
    return key === undefined || each === undefined ? undefined : `toObject(${items}, lambda(${params}, ${key}), lambda(${params}, ${each}))`;
  }

  /** Terraform functions with an ARM counterpart that is more than a new name. */
  private composed(name: string, args: string[]): string | undefined {
    const [a, b, c] = args;
    switch (name) {
      case "merge":
        // Terraform's merge is shallow, null arguments add nothing
        return `shallowMerge(createArray(${args.join(", ")}))`;
      case "lookup":
        return args.length === 3 ? `if(contains(${a}, ${b}), ${a}[${b}], ${c})` : args.length === 2 ? `${a}[${b}]` : undefined;
      case "coalesce":
        // the first argument that is neither null nor an empty string
        return args.length > 0 ? args.reduceRight((rest, arg) => `if(or(equals(${arg}, null()), equals(${arg}, '')), ${rest}, ${arg})`) : undefined;
      case "keys":
      case "values":
        // Terraform lists a map in key order; ARM's items() too (without case: keys that differ only in case are rare)
        return args.length === 1 ? `map(items(${a}), lambda('*', lambdaVariables('*').${name === "keys" ? "key" : "value"}))` : undefined;
      case "distinct":
        return args.length === 1 ? `union(${a}, createArray())` : undefined;
      case "element":
        return args.length === 2 ? `${a}[mod(${b}, length(${a}))]` : undefined;
      case "startswith":
        // ARM's startsWith ignores case, Terraform's does not
        return args.length === 2 ? `equals(take(${a}, length(${b})), ${b})` : undefined;
      case "endswith":
        return args.length === 2 ? `equals(skip(${a}, sub(length(${a}), length(${b}))), ${b})` : undefined;
      default:
        return undefined;
    }
  }

  /**
   * `try(var.a.b[0], d)`: the reference when each step is there (`contains` for a name, `less` than the
   * length for an index), else `d`; only references to variables and locals, whose steps are all that can fail.
   */
  private tryCall(attempt: TsNode, fallback: TsNode, depth: number): string | undefined {
    const otherwise = this.expression(fallback, depth + 1);
    const parts = attempt.type === "expression" ? named(attempt) : [attempt];
    const root = parts[0]?.type === "variable_expr" && !this.bound.includes(parts[0].text) ? this.rootReference(parts) : undefined;
    if (otherwise === undefined || root === undefined) return undefined;
    const tests: string[] = [];
    let out = root;
    for (const part of parts.slice(2)) {
      const name = part.type === "get_attr" ? named(part)[0]?.text : undefined;
      const index = part.type === "index" ? named(named(part)[0] ?? part).find((c) => c.type === "expression") : undefined;
      const number = index && /^\d+$/.test(index.text.trim()) ? index.text.trim() : undefined;
      if (name !== undefined && /^[A-Za-z_][\w]*$/.test(name)) tests.push(`contains(${out}, '${name}')`);
      else if (number !== undefined) tests.push(`less(${number}, length(${out}))`);
      else return undefined;
      out = this.accessor(out, part, depth + 1) ?? "";
      if (out === "") return undefined;
    }
    if (tests.length === 0) return out; // a variable or a local is always there
    return `if(${tests.length === 1 ? tests[0] : `and(${tests.join(", ")})`}, ${out}, ${otherwise})`;
  }

  /** A path written as a literal or as `"${path.module}/…"`: relative to the module's folder. */
  private modulePath(expression: TsNode): string | undefined {
    const literal = literalString(this.text, expression);
    if (literal !== undefined) return literal.replace(/^\.\//, "");
    const template = unwrapped(expression);
    const quoted = template.type === "template_expr" ? named(template)[0] : undefined;
    if (quoted?.type !== "quoted_template") return undefined;
    const pieces = named(quoted).filter((c) => c.type !== "quoted_template_start" && c.type !== "quoted_template_end");
    const [head, tail, ...rest] = pieces;
    if (head?.type !== "template_interpolation" || tail?.type !== "template_literal" || rest.length > 0) return undefined;
    const inner = named(head).find((c) => c.type === "expression");
    if (!inner || inner.text.replace(/\s+/g, "") !== "path.module") return undefined;
    const after = decodeQuoted(tail.text);
    return after.startsWith("/") ? after.slice(1) : undefined;
  }

  /** `format("%s-%d", a, b)` with plain verbs only, as a concatenation. */
  private format(argNodes: TsNode[], args: string[]): string | undefined {
    const spec = argNodes[0] ? literalString(this.text, argNodes[0]) : undefined;
    if (spec === undefined) return undefined;
    const parts: string[] = [];
    let next = 1;
    let literal = "";
    for (let i = 0; i < spec.length; i++) {
      const c = spec[i];
      if (c !== "%") {
        literal += c;
        continue;
      }
      const verb = spec[++i];
      if (verb === "%") {
        literal += "%";
        continue;
      }
      if ((verb !== "s" && verb !== "d" && verb !== "v") || next >= args.length) return undefined;
      if (literal) parts.push(`'${quote(literal)}'`);
      literal = "";
      parts.push(`string(${args[next++]})`);
    }
    if (literal) parts.push(`'${quote(literal)}'`);
    if (next !== args.length) return undefined;
    return parts.length === 0 ? "''" : parts.length === 1 ? parts[0] : `concat(${parts.join(", ")})`;
  }
}

/** An expression node without its wrapping `expression` nodes. */
function unwrapped(expression: TsNode): TsNode {
  let node = expression;
  while (node.type === "expression" && named(node).length === 1) node = named(node)[0]!;
  return node;
}

function literalString(text: string, expression: TsNode): string | undefined {
  let node = expression;
  while (node.type === "expression" && named(node).length === 1) node = named(node)[0]!;
  const string = node.type === "literal_value" ? named(node)[0] : node.type === "template_expr" ? named(node)[0] : undefined;
  if (!string || (string.type !== "string_lit" && string.type !== "quoted_template") || !isLiteralTemplate(string)) return undefined;
  return decodeQuoted(text.slice(string.startIndex + 1, string.endIndex - 1));
}

/** A string inside an ARM expression: single quotes doubled. */
function quote(value: string): string {
  return value.replace(/'/g, "''");
}
