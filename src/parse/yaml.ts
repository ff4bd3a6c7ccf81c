import { isAlias, isMap, isScalar, isSeq, Parser, parseAllDocuments, type Document, type Node as YamlNode } from "yaml";
import type { Member, PathSegment, ValueNode } from "./ast.js";
import { duplicateKey, type Comment, type ParsedDocument, type ParsedFile, type SyntaxProblem } from "./parsed.js";
import { MAX_DEPTH, nestingProblem } from "./json.js";
import { SourceText } from "./source.js";

/** Parses a YAML stream; each document is linted on its own. */
export function parseYaml(text: string): ParsedFile {
  const source = new SourceText(text);
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, strict: false, merge: true });
  } catch {
    // the yaml library recurses; absurdly nested input exhausts the stack
    return { source, format: "yaml", documents: [{ root: undefined, fatal: nestingProblem(0), problems: [] }], comments: () => [] };
  }
  const list = Array.isArray(docs) ? docs : [];
  const documents: ParsedDocument[] = list.map((doc) => {
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
      const root = doc.contents ? convert(doc.contents as YamlNode, [], { source, problems, depth: 0, aliasDepth: 0, doc, budget: { nodes: MAX_NODES } }) : undefined;
      return { root, problems };
    } catch (e) {
      if (e instanceof TooDeep) return { root: undefined, fatal: nestingProblem(e.offset), problems: [] };
      if (e instanceof BadAlias) return { root: undefined, fatal: { ruleId: "syntax", message: e.message, start: e.start, end: e.end, pathSegments: [] }, problems: [] };
      throw e;
    }
  });
  return { source, format: "yaml", documents, comments: () => collectComments(text) };
}

interface ConvertContext {
  source: SourceText;
  problems: SyntaxProblem[];
  depth: number;
  aliasDepth: number;
  doc: Document;
  /** Nodes left to build: aliases can expand a small file exponentially ("billion laughs"). */
  budget: { nodes: number };
}

const MAX_NODES = 1_000_000;

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

const MAX_ALIAS_DEPTH = 64;

function convert(node: YamlNode, path: PathSegment[], ctx: ConvertContext): ValueNode {
  // [start, end of the value, end of the node with trailing comments and line break]
  const [start, end] = node.range ?? [0, 0, 0];
  if (ctx.depth > MAX_DEPTH) throw new TooDeep(start);
  if (--ctx.budget.nodes < 0) throw new BadAlias(`YAML document too large: aliases expand it beyond ${MAX_NODES.toLocaleString("en")} nodes`, start, end);
  ctx = { ...ctx, depth: ctx.depth + 1 };
  if (isAlias(node)) {
    // An alias stands for its anchor's value but is located where the alias is written.
    const target = ctx.aliasDepth < MAX_ALIAS_DEPTH ? (node.resolve(ctx.doc) as YamlNode | undefined) : undefined;
    if (!target) throw new BadAlias(`YAML syntax error: alias *${node.source} refers to no anchor before it in this document`, start, end);
    const value = convert(target, path, { ...ctx, aliasDepth: ctx.aliasDepth + 1 });
    return relocate(value, start, end);
  }
  if (isMap(node)) {
    const members: Member[] = [];
    const merged: Member[] = [];
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      const raw = keyNode && isScalar(keyNode) ? keyNode.value : keyNode;
      // with merge keys on, yaml gives `<<` as a symbol
      const key = typeof raw === "symbol" ? (raw.description ?? "") : raw === null || raw === undefined ? "" : String(raw);
      const [keyStart, keyEnd] = keyNode?.range ?? [start, start, start];
      if (key === "<<" && pair.value) {
        // a merge key: the members of the merged mappings, unless this mapping sets them itself
        for (const m of mergedMembers(pair.value as YamlNode, path, ctx)) merged.push(m);
        continue;
      }
      const earlier = seen.get(key);
      if (earlier !== undefined) ctx.problems.push(duplicateKey(ctx.source, key, earlier, keyStart, keyEnd, path));
      seen.set(key, keyStart);
      const valueNode = pair.value as YamlNode | null;
      const value: ValueNode = valueNode
        ? convert(valueNode, [...path, key], ctx)
        : { kind: "null", start: keyEnd, end: keyEnd, path: [...path, key], value: null };
      members.push({ key, keyStart, keyEnd, value });
    }
    for (const m of merged) if (!seen.has(m.key) && !members.some((x) => x.key === m.key)) members.push(m);
    return { kind: "object", start, end, path, members };
  }
  if (isSeq(node)) {
    return { kind: "array", start, end, path, items: node.items.map((item, i) => convert(item as YamlNode, [...path, i], ctx)) };
  }
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === "string") return { kind: "string", start, end, path, value: v };
    if (typeof v === "number") return { kind: "number", start, end, path, value: v };
    if (typeof v === "bigint") return { kind: "number", start, end, path, value: Number(v) };
    if (typeof v === "boolean") return { kind: "boolean", start, end, path, value: v };
    if (v === null || v === undefined) return { kind: "null", start, end, path, value: null };
    return { kind: "string", start, end, path, value: String(v) };
  }
  return { kind: "null", start, end, path, value: null };
}

function mergedMembers(value: YamlNode, path: PathSegment[], ctx: ConvertContext): Member[] {
  const sources = isSeq(value) ? (value.items as YamlNode[]) : [value];
  const out: Member[] = [];
  for (const source of sources) {
    const converted = convert(source, path, ctx);
    if (converted.kind === "object") for (const m of converted.members) if (!out.some((x) => x.key === m.key)) out.push(m);
  }
  return out;
}

function relocate(node: ValueNode, start: number, end: number): ValueNode {
  return { ...node, start, end };
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

function collectComments(text: string): Comment[] {
  if (!text.includes("#")) return [];
  const out: Comment[] = [];
  const visit = (token: unknown): void => {
    if (!token || typeof token !== "object") return;
    if (Array.isArray(token)) {
      for (const t of token) visit(t);
      return;
    }
    const t = token as { type?: string; offset?: number; source?: string };
    if (t.type === "comment" && typeof t.offset === "number" && typeof t.source === "string") {
      out.push({ text: t.source.replace(/^#/, "").trim(), start: t.offset, end: t.offset + t.source.length });
      return;
    }
    for (const value of Object.values(token)) if (value && typeof value === "object") visit(value);
  };
  for (const token of new Parser().parse(text)) visit(token);
  return out;
}
