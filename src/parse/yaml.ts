import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, type Alias, type Document, type Node as YamlNode, type Pair } from "yaml";
import type { Member, PathSegment, ValueNode } from "./ast.js";
import { duplicateKey, nonFinite, type Comment, type ParsedDocument, type ParsedFile, type SharedNode, type SyntaxProblem } from "./parsed.js";
import { MAX_DEPTH, nestingProblem } from "./json.js";
import { SourceText } from "../core/source.js";
import { thousands } from "../util/text.js";

type CstToken = ReturnType<Parser["parse"]> extends Generator<infer T> ? T : never;

const OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: false, merge: true } as const;

/** Parses a YAML stream; each document is linted on its own. */
export function parseYaml(text: string): ParsedFile {
  const source = new SourceText(text);
  const comments = () => collectComments(text);
  let docs: Document.Parsed[];
  try {
    // the token tree is built without recursion; composing it recurses, so its depth is checked first
    const tokens = Array.from(new Parser().parse(text));
    const tooDeep = cstNestingOverflow(tokens, MAX_DEPTH);
    if (tooDeep !== undefined) return { source, format: "yaml", documents: [{ root: undefined, fatal: nestingProblem(tooDeep), problems: [] }], comments };
    docs = Array.from(new Composer(OPTIONS).compose(tokens));
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { source, format: "yaml", documents: [{ root: undefined, fatal: nestingProblem(0), problems: [] }], comments };
  }
  const documents: ParsedDocument[] = docs.map((doc) => {
    const error = doc.errors[0];
    if (error) {
      const fatal: SyntaxProblem = {
        ruleId: "syntax",
        message: `YAML syntax error: ${firstLine(error.message)}`,
        start: error.pos[0],
        end: Math.max(error.pos[1], error.pos[0] + 1),
        pathSegments: [],
      };
      return { root: undefined, fatal, problems: [] };
    }
    const problems: SyntaxProblem[] = [];
    try {
      const aliases = aliasTargets(doc);
      const ctx: ConvertContext = { source, problems, depth: 0, aliases, expanding: new Set(), sizes: new Map(), budget: { nodes: MAX_NODES, chars: MAX_ALIAS_CHARS } };
      const root = doc.contents ? convert(doc.contents as YamlNode, [], ctx) : undefined;
      const shared = sharedNodes(aliases);
      return { root, problems, ...(shared.length ? { shared } : {}) };
    } catch (e) {
      if (e instanceof TooDeep) return { root: undefined, fatal: nestingProblem(e.offset), problems: [] };
      if (e instanceof BadAlias) return { root: undefined, fatal: { ruleId: "syntax", message: e.message, start: e.start, end: e.end, pathSegments: [] }, problems: [] };
      throw e;
    }
  });
  return { source, format: "yaml", documents, comments };
}

const COLLECTIONS = new Set(["block-map", "block-seq", "flow-collection"]);

/** Offset of the first collection in the token tree nested deeper than `limit`, walked without recursion. */
function cstNestingOverflow(tokens: readonly CstToken[], limit: number): number | undefined {
  const stack: { token: unknown; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    const t = token as { type?: string; offset?: number; value?: unknown; key?: unknown; items?: unknown[] } | null;
    if (!t || typeof t !== "object") continue;
    const d = t.type !== undefined && COLLECTIONS.has(t.type) ? depth + 1 : depth;
    if (d > limit) return t.offset ?? 0;
    if (t.value && typeof t.value === "object") stack.push({ token: t.value, depth: d });
    if (Array.isArray(t.items)) {
      for (const item of t.items as { key?: unknown; value?: unknown }[]) {
        if (item.key && typeof item.key === "object") stack.push({ token: item.key, depth: d });
        if (item.value && typeof item.value === "object") stack.push({ token: item.value, depth: d });
      }
    }
  }
  return undefined;
}

interface ConvertContext {
  source: SourceText;
  problems: SyntaxProblem[];
  depth: number;
  /** Each alias's anchored node, found in one pass over the document. */
  aliases: Map<Alias, YamlNode | undefined>;
  /** Anchored nodes being converted: an alias to one of them is a cycle. */
  expanding: Set<YamlNode>;
  /** Where the alias being expanded is written: everything it stands for is located there. */
  at?: { start: number; end: number; source: string };
  /** Expanded sizes of anchored nodes. */
  sizes: Map<unknown, Size>;
  /** Nodes left to build, and characters left to repeat: aliases can expand a small file exponentially ("billion laughs"). */
  budget: { nodes: number; chars: number };
}

/** Nodes that aliases may add: a template reuses a few small blocks; a plain document may be as large as it likes. */
const MAX_NODES = 100_000;
const MAX_ALIAS_CHARS = 10_000_000;

class TooDeep extends Error {
  constructor(readonly offset: number) {
    super("too deep");
  }
}

class BadAlias extends Error {
  constructor(message: string, readonly start: number, readonly end: number) {
    super(message);
  }
}

/**
 * The node each alias stands for: the last node with its anchor before it in document order (the YAML
 * rule), found by one walk of the document instead of one walk per alias.
 */
function aliasTargets(doc: Document): Map<Alias, YamlNode | undefined> {
  const targets = new Map<Alias, YamlNode | undefined>();
  if (!doc.contents) return targets;
  const anchors = new Map<string, YamlNode>();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== "object") continue;
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (isAlias(node)) {
      targets.set(node, anchors.get(node.source));
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node as YamlNode);
    if (isMap(node) || isSeq(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
  return targets;
}

/** Each anchored node that an alias reads, with the first such alias. */
function sharedNodes(aliases: Map<Alias, YamlNode | undefined>): SharedNode[] {
  const out = new Map<YamlNode, SharedNode>();
  for (const [alias, target] of aliases) {
    if (!target?.range || !alias.range || out.has(target)) continue;
    out.set(target, { start: target.range[0], end: target.range[1], anchor: alias.source, alias: { start: alias.range[0], end: alias.range[1] } });
  }
  return [...out.values()];
}

function convert(node: YamlNode, path: PathSegment[], ctx: ConvertContext): ValueNode {
  // [start, end of the value, end of the node with trailing comments and line break]
  const [start, end] = ctx.at ? [ctx.at.start, ctx.at.end] : (node.range ?? [0, 0, 0]);
  if (ctx.depth > MAX_DEPTH) throw new TooDeep(start);
  if (ctx.at && --ctx.budget.nodes < 0) throw new BadAlias(tooManyNodes(), start, end);
  if (isAlias(node)) {
    // An alias stands for its anchor's value, and all of it is located where the alias is written.
    const target = ctx.aliases.get(node);
    if (!target) throw new BadAlias(`YAML syntax error: alias *${node.source} refers to no anchor before it in this document`, start, end);
    if (ctx.expanding.has(target)) throw new BadAlias(`YAML syntax error: alias *${node.source} refers to a node that contains it, which would repeat forever`, start, end);
    // refuse at once what would run out of budget, instead of building a million nodes first
    const size = expandedSize(target, ctx);
    if (size.nodes > ctx.budget.nodes) throw new BadAlias(tooManyNodes(), start, end);
    if (size.chars > ctx.budget.chars) throw new BadAlias(tooManyChars(node.source), start, end);
    ctx.expanding.add(target);
    const value = convert(target, path, { ...ctx, at: ctx.at ?? { start, end, source: node.source } });
    ctx.expanding.delete(target); // after a throw the document is given up, so no finally is needed
    return value;
  }
  const inner: ConvertContext = { ...ctx, depth: ctx.depth + 1 };
  if (isMap(node) || (isSeq(node) && node.tag === "tag:yaml.org,2002:omap")) return object(node.items as unknown[], start, end, path, inner);
  if (isSeq(node)) {
    const items = node.items.map((item, i) =>
      // a !!pairs item: a mapping of one key
      isPair(item) ? object([item], ...pairRange(item, start, inner), path.concat(i), { ...inner, depth: inner.depth + 1 }) : convert(item as YamlNode, path.concat(i), inner),
    );
    return { kind: "array", start, end, path, items };
  }
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === "string") {
      spend(ctx, v.length, start, end);
      return { kind: "string", start, end, path, value: v };
    }
    if (typeof v === "number") {
      if (!Number.isFinite(v) && !ctx.at) ctx.problems.push(nonFinite(ctx.source, start, end, path));
      return { kind: "number", start, end, path, value: v };
    }
    if (typeof v === "bigint") return { kind: "number", start, end, path, value: Number(v) };
    if (typeof v === "boolean") return { kind: "boolean", start, end, path, value: v };
    if (v === null || v === undefined) return { kind: "null", start, end, path, value: null };
    return { kind: "string", start, end, path, value: String(v) };
  }
  return { kind: "null", start, end, path, value: null };
}

/** Text repeated through an alias counts against the budget, so that a 1 MB string aliased 3,000 times is refused. */
function spend(ctx: ConvertContext, chars: number, start: number, end: number): void {
  if (!ctx.at) return;
  ctx.budget.chars -= chars;
  if (ctx.budget.chars < 0) {
    throw new BadAlias(tooManyChars(ctx.at.source), start, end);
  }
}

const tooManyNodes = () => `YAML document too large: aliases add more than ${thousands(MAX_NODES)} nodes`;
const tooManyChars = (alias: string) => `YAML document too large: aliases repeat more than ${thousands(MAX_ALIAS_CHARS)} characters of text (*${alias} among them)`;

interface Size {
  nodes: number;
  chars: number;
}

/** What converting a node would build (nodes, and characters of strings and keys), memoised per anchored node. */
function expandedSize(node: unknown, ctx: ConvertContext, memo = ctx.sizes, open = new Set<unknown>()): Size {
  if (!node || typeof node !== "object") return { nodes: 0, chars: 0 };
  const known = memo.get(node);
  if (known) return known;
  if (open.has(node)) return { nodes: 1, chars: 0 }; // a cycle: the conversion reports it
  open.add(node);
  let size: Size;
  if (isAlias(node)) {
    const target = ctx.aliases.get(node);
    size = target ? expandedSize(target, ctx, memo, open) : { nodes: 1, chars: 0 };
  } else if (isPair(node)) {
    const key = isScalar(node.key) ? String(node.key.value).length : 0;
    const value = expandedSize(node.value, ctx, memo, open);
    size = { nodes: value.nodes, chars: key + value.chars };
  } else if (isMap(node) || isSeq(node)) {
    size = { nodes: 1, chars: 0 };
    for (const item of node.items) {
      const s = expandedSize(item, ctx, memo, open);
      size.nodes += s.nodes;
      size.chars += s.chars;
    }
  } else size = { nodes: 1, chars: isScalar(node) && typeof node.value === "string" ? node.value.length : 0 };
  open.delete(node);
  if ((node as { anchor?: string }).anchor) memo.set(node, size);
  return size;
}

function pairRange(pair: Pair, fallback: number, ctx: ConvertContext): [number, number] {
  if (ctx.at) return [ctx.at.start, ctx.at.end];
  const key = (pair.key as YamlNode | null)?.range;
  const value = (pair.value as YamlNode | null)?.range;
  return [key?.[0] ?? value?.[0] ?? fallback, value?.[1] ?? key?.[1] ?? fallback];
}

/** A mapping (or a !!omap's pairs) as an object; merge keys (`<<`) bring in the members it does not set itself. */
function object(items: readonly unknown[], start: number, end: number, path: PathSegment[], ctx: ConvertContext): ValueNode {
  const members: Member[] = [];
  const merged: Member[] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    if (!isPair(item)) continue;
    const keyNode = item.key as YamlNode | null;
    const raw = keyNode && isScalar(keyNode) ? keyNode.value : keyNode;
    // with merge keys on, yaml gives `<<` as a symbol
    const key = typeof raw === "symbol" ? (raw.description ?? "") : raw === null || raw === undefined ? "" : String(raw);
    const [keyStart, keyEnd] = ctx.at ? [ctx.at.start, ctx.at.end] : (keyNode?.range ?? [start, start, start]);
    if (key === "<<" && item.value) {
      // a merge key: the members of the merged mappings, unless this mapping sets them itself
      for (const m of mergedMembers(item.value as YamlNode, path, ctx)) merged.push(m);
      continue;
    }
    spend(ctx, key.length, keyStart, keyEnd);
    const earlier = seen.get(key);
    if (earlier !== undefined && !ctx.at) ctx.problems.push(duplicateKey(ctx.source, key, earlier, keyStart, keyEnd, path));
    seen.set(key, keyStart);
    const valueNode = item.value as YamlNode | null;
    const value: ValueNode = valueNode ? convert(valueNode, path.concat(key), ctx) : { kind: "null", start: keyEnd, end: keyEnd, path: path.concat(key), value: null };
    members.push({ key, keyStart, keyEnd, value });
  }
  for (const m of merged) {
    if (seen.has(m.key)) continue;
    seen.set(m.key, m.keyStart);
    members.push(m);
  }
  return { kind: "object", start, end, path, members };
}

function mergedMembers(value: YamlNode, path: PathSegment[], ctx: ConvertContext): Member[] {
  const sources = isSeq(value) ? (value.items as YamlNode[]) : [value];
  const out: Member[] = [];
  const keys = new Set<string>();
  for (const source of sources) {
    const converted = convert(source, path, ctx);
    if (converted.kind !== "object") continue;
    for (const m of converted.members) {
      if (keys.has(m.key)) continue;
      keys.add(m.key);
      out.push(m);
    }
  }
  return out;
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/** Every `#` comment in the token tree, walked without recursion (deep input must not exhaust the stack). */
function collectComments(text: string): Comment[] {
  if (!text.includes("#")) return [];
  const out: Comment[] = [];
  const stack: unknown[] = Array.from(new Parser().parse(text)).reverse();
  while (stack.length > 0) {
    const token = stack.pop();
    if (!token || typeof token !== "object") continue;
    if (Array.isArray(token)) {
      for (let i = token.length - 1; i >= 0; i--) stack.push(token[i]);
      continue;
    }
    const t = token as { type?: string; offset?: number; source?: string };
    if (t.type === "comment" && typeof t.offset === "number" && typeof t.source === "string") {
      out.push({ text: t.source.replace(/^#/, "").trim(), start: t.offset, end: t.offset + t.source.length });
      continue;
    }
    const values = Object.values(token);
    for (let i = values.length - 1; i >= 0; i--) if (values[i] && typeof values[i] === "object") stack.push(values[i]);
  }
  return out.sort((a, b) => a.start - b.start);
}
