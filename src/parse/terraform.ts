/**
 * Terraform front end: each `resource "azapi_resource" "x" { type = "Microsoft.VirtualMachineImages/imageTemplates@V" … }`
 * becomes a resource of an ARM deployment template in the located value tree the other parsers produce,
 * every offset pointing into the `.tf` text. `variable` blocks become parameters (`var.x` is
 * `[parameters('x')]`), `locals` become variables (`local.x` is `[variables('x')]`), and expressions with an
 * ARM counterpart are written as ARM expressions (terraform-expression.ts), so one resolver reads every format;
 * the rest is `[terraform: <source>]`, an ARM expression to every rule, never judged as a literal.
 */
import type { Node as TsNode, Tree } from "web-tree-sitter";
import type { ArrayNode, Member, ObjectNode, PathSegment, StringNode, ValueNode } from "./ast.js";
import { MAX_DEPTH, nestingProblem, parseJson } from "./json.js";
import { armDeployment } from "./lowered.js";
import { unmatchedBracket } from "./terraform-text.js";
import { duplicateKey, type AzapiResource, type Comment, type ParsedDocument, type ParsedFile, type SyntaxProblem } from "./parsed.js";
import { SourceText } from "../core/source.js";
import { unexpectedMessage, unexpectedToken } from "./tree-sitter-runtime.js";
import { parseTerraformTree } from "./terraform-loader.js";
import { armExpression, decodeQuoted, heredocContent, isLiteralTemplate, literalTemplate, unknownText } from "./terraform-expression.js";
import { thousands } from "../util/text.js";

const IMAGE_TEMPLATE_TYPE = "microsoft.virtualmachineimages/imagetemplates";
const AZAPI_RESOURCES = new Set(["azapi_resource", "azapi_update_resource"]);

/** The largest Terraform text parsed: the grammar reads about a megabyte a second, and a module's files are small. */
export const MAX_TERRAFORM_CHARS = 1024 * 1024;

export function parseTerraform(text: string): ParsedFile {
  return lowerTerraform(text).parsed;
}

/** A `module "x" { source = "…" … }` block: where its source is, and the inputs it passes (lowered, by lower-case name). */
export interface ModuleCall {
  label: string;
  source: string;
  sourceAt: { start: number; end: number };
  inputs: Map<string, ValueNode>;
}

/** Arguments of a module block that are Terraform's own, not inputs of the module. */
const MODULE_META = new Set(["source", "version", "providers", "count", "for_each", "depends_on"]);

/** A `.tf` file lowered, with its module calls (their inputs' expressions refer to the file's own deployment). */
export function lowerTerraform(text: string): { parsed: ParsedFile; calls: ModuleCall[] } {
  const source = new SourceText(text);
  let calls: ModuleCall[] = [];
  const doc = withTree(source, (problem): ParsedDocument => ({ root: undefined, fatal: problem, problems: [] }), (tree): ParsedDocument => {
    const lowering = new Lowering(text, source);
    const error = syntaxFinding(source, tree.rootNode);
    if (error) return { root: undefined, fatal: error, problems: [] };
    try {
      const root = lowering.module(blocks(tree.rootNode));
      calls = lowering.calls;
      return { root, problems: lowering.problems, azapi: lowering.azapi, ...(lowering.verbatim.length > 0 ? { verbatim: lowering.verbatim } : {}) };
    } catch (e) {
      if (e instanceof TooDeep) return { root: undefined, fatal: nestingProblem(e.offset), problems: [] };
      throw e;
    }
  });
  return { parsed: { source, format: "terraform", documents: [doc], comments: () => collectComments(text) }, calls };
}

/** What a module file declares for the others: its variables' defaults and its locals, by lower-case name. */
export interface TerraformDeclarations {
  source: SourceText;
  /** Every variable declared, with a default or not. */
  declared: Set<string>;
  defaults: Map<string, ValueNode>;
  locals: Map<string, ValueNode>;
  /** The files its `file()` and `templatefile()` calls read, as the variables that stand for them (`file:x.sh`). */
  reads: Set<string>;
}

export function terraformDeclarations(text: string): TerraformDeclarations {
  const parsed = parseTerraform(text);
  const root = parsed.documents[0]?.root;
  const defaults = new Map<string, ValueNode>();
  const locals = new Map<string, ValueNode>();
  const declared = new Set<string>();
  const section = (key: string) => (root?.kind === "object" ? root.members.find((m) => m.key === key)?.value : undefined);
  const parameters = section("parameters");
  for (const m of parameters?.kind === "object" ? parameters.members : []) {
    declared.add(m.key.toLowerCase());
    const fallback = m.value.kind === "object" ? m.value.members.find((d) => d.key === "defaultValue") : undefined;
    if (fallback) defaults.set(m.key.toLowerCase(), fallback.value);
  }
  const variables = section("variables");
  for (const m of variables?.kind === "object" ? variables.members : []) locals.set(m.key.toLowerCase(), m.value);
  return { source: parsed.source, declared, defaults, locals, reads: fileReads(root) };
}

const FILE_READ = /variables\('((?:file|templatefile):(?:[^']|'')*)'\)/g;

/** The `file:…` and `templatefile:…` variables the lowered expressions of a module file refer to. */
function fileReads(root: ValueNode | undefined): Set<string> {
  const reads = new Set<string>();
  const stack = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === "object") for (const m of node.members) stack.push(m.value);
    else if (node.kind === "array") stack.push(...node.items);
    else if (node.kind === "string" && node.value.startsWith("[")) for (const match of node.value.matchAll(FILE_READ)) reads.add(match[1]!.replace(/''/g, "'"));
  }
  return reads;
}

export interface TerraformVariables {
  source: SourceText;
  /** By lower-case name, as the resolver matches parameter names. */
  values: Map<string, ValueNode>;
  fatal?: SyntaxProblem;
}

/** A `.tfvars` file: `name = value` lines. */
export function parseTfvars(text: string): TerraformVariables {
  const source = new SourceText(text);
  return withTree(source, (problem) => ({ source, values: new Map<string, ValueNode>(), fatal: problem }), (tree) => {
    const values = new Map<string, ValueNode>();
    const error = syntaxFinding(source, tree.rootNode);
    if (error) return { source, values, fatal: error };
    const lowering = new Lowering(text, source);
    try {
      for (const attribute of attributes(tree.rootNode)) {
        const id = slice(text, attribute.name);
        values.set(id.toLowerCase(), lowering.value(attribute.value, ["parameters", id], 0));
      }
    } catch (e) {
      if (e instanceof TooDeep) return { source, values, fatal: nestingProblem(e.offset) };
      throw e;
    }
    return { source, values };
  });
}

/** Parses within the size cap and the time budget; a text beyond either is one syntax finding. */
function withTree<T>(source: SourceText, fatal: (problem: SyntaxProblem) => T, use: (tree: Tree) => T): T {
  const { text } = source;
  if (text.length > MAX_TERRAFORM_CHARS) {
    const size = thousands(text.length);
    return fatal(atOffset(0, `Terraform file too large: ${size} characters; aib-lint parses Terraform files of up to ${thousands(MAX_TERRAFORM_CHARS)} (a module's file is far smaller)`));
  }
  const tree = parseTerraformTree(text);
  if ("stoppedAt" in tree) {
    const at = tree.errorSeenAt >= 0 ? tree.errorSeenAt : tree.stoppedAt;
    return fatal(atOffset(Math.max(0, at), "Terraform syntax errors: so many that the parser gave up on the file (the first is at or before this place)"));
  }
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}

class TooDeep extends Error {
  constructor(readonly offset: number) {
    super("too deep");
  }
}

/** Named children without comments. */
export function named(node: TsNode): TsNode[] {
  return node.namedChildren.filter((c) => c.type !== "comment");
}

export function slice(text: string, node: TsNode): string {
  return text.slice(node.startIndex, node.endIndex);
}

/** The `body` of a config file or a block. */
function bodyOf(node: TsNode): TsNode | undefined {
  return named(node).find((c) => c.type === "body");
}

function blocks(root: TsNode): TsNode[] {
  const body = bodyOf(root);
  return body ? named(body).filter((c) => c.type === "block") : [];
}

interface Attribute {
  node: TsNode;
  name: TsNode;
  /** The `expression` node. */
  value: TsNode;
}

function attributes(container: TsNode): Attribute[] {
  const body = container.type === "body" ? container : bodyOf(container);
  if (!body) return [];
  const out: Attribute[] = [];
  for (const c of named(body)) {
    if (c.type !== "attribute") continue;
    const [name, value] = named(c);
    if (name && value) out.push({ node: c, name, value });
  }
  return out;
}

/** A block's type and labels: `resource "azapi_resource" "x"` is ["resource", "azapi_resource", "x"]. */
function blockHeader(text: string, block: TsNode): string[] {
  const out: string[] = [];
  for (const c of named(block)) {
    if (c.type === "identifier") out.push(slice(text, c));
    else if (c.type === "string_lit") out.push(decodeQuoted(slice(text, c).slice(1, -1)));
    else break;
  }
  return out;
}

function innerBlocks(block: TsNode): TsNode[] {
  const body = bodyOf(block);
  return body ? named(body).filter((c) => c.type === "block") : [];
}

class Lowering {
  readonly problems: SyntaxProblem[] = [];
  /** JSON written in heredocs: no comment fits inside. */
  readonly verbatim: Array<{ start: number; end: number }> = [];
  readonly azapi = new Map<ObjectNode, AzapiResource>();
  readonly calls: ModuleCall[] = [];
  /** Objects and tuples written inside expressions, kept as variables so that their values keep their places. */
  private hoisted: Member[] | undefined;
  private fileKey: string | undefined;

  constructor(
    private readonly text: string,
    private readonly source: SourceText,
  ) {}

  module(top: TsNode[]): ObjectNode {
    const parameters: Member[] = [];
    const variables: Member[] = [];
    this.hoisted = variables;
    const resources: Member[] = [];
    for (const block of top) {
      const [kind, ...labels] = blockHeader(this.text, block);
      if (kind === "variable" && labels.length === 1) parameters.push(this.variable(block, labels[0]!));
      else if (kind === "locals") {
        for (const a of attributes(block)) {
          const id = slice(this.text, a.name);
          variables.push(this.keyed(id, a.name, this.value(a.value, ["variables", id], 0)));
        }
      } else if (kind === "module" && labels.length === 1) {
        const call = this.moduleCall(block, labels[0]!);
        if (call) this.calls.push(call);
      } else if (kind === "resource" && labels.length === 2 && AZAPI_RESOURCES.has(labels[0]!)) {
        const resource = this.resource(block, labels[0]!, labels[1]!);
        if (resource) resources.push(this.keyed(String(resource.path[1]), named(block)[2] ?? block, resource));
      }
    }
    return armDeployment(this.text.length, parameters, variables, resources);
  }

  /** A module block whose source is a literal string. */
  private moduleCall(block: TsNode, label: string): ModuleCall | undefined {
    const attrs = attributes(block);
    const sourceAttr = attrs.find((a) => slice(this.text, a.name) === "source");
    const string = sourceAttr ? stringLiteralNode(sourceAttr.value) : undefined;
    if (!string || !isLiteralTemplate(string)) return undefined;
    const inputs = new Map<string, ValueNode>();
    for (const a of attrs) {
      const id = slice(this.text, a.name);
      if (!MODULE_META.has(id)) inputs.set(id.toLowerCase(), this.value(a.value, ["modules", label, id], 0));
    }
    return { label, source: decodeQuoted(slice(this.text, string).slice(1, -1)), sourceAt: { start: string.startIndex, end: string.endIndex }, inputs };
  }

  /** `variable "x" { type = string, default = "a", sensitive = true }` as an ARM parameter. */
  private variable(block: TsNode, id: string): Member {
    const path: PathSegment[] = ["parameters", id];
    const members: Member[] = [];
    const attrs = new Map(attributes(block).map((a) => [slice(this.text, a.name), a] as const));
    const type = attrs.get("type");
    const sensitive = attrs.get("sensitive");
    const secure = sensitive !== undefined && slice(this.text, sensitive.value).trim() === "true";
    const armType = type ? armTypeOf(slice(this.text, type.value), secure) : undefined;
    if (type && armType) members.push(this.keyed("type", type.name, { kind: "string", start: type.value.startIndex, end: type.value.endIndex, path: [...path, "type"], value: armType }));
    const fallback = attrs.get("default");
    // a default of null means "no value": the caller must give one
    if (fallback && slice(this.text, fallback.value).trim() !== "null") {
      const value = this.value(fallback.value, [...path, "defaultValue"], 0);
      members.push({ key: "defaultValue", keyStart: value.start, keyEnd: value.start, value });
    }
    const label = named(block)[1] ?? block;
    return this.keyed(id, label, { kind: "object", start: block.startIndex, end: block.endIndex, path, members });
  }

  private resource(block: TsNode, kind: string, label: string): ObjectNode | undefined {
    const attrs = new Map(attributes(block).map((a) => [slice(this.text, a.name), a] as const));
    const typeAttr = attrs.get("type");
    const typeString = typeAttr ? stringLiteralNode(typeAttr.value) : undefined;
    if (!typeAttr || !typeString) return undefined;
    const raw = slice(this.text, typeString).slice(1, -1);
    if (!isLiteralTemplate(typeString)) return undefined;
    const type = decodeQuoted(raw);
    const at = type.lastIndexOf("@");
    if ((at < 0 ? type : type.slice(0, at)).toLowerCase() !== IMAGE_TEMPLATE_TYPE) return undefined;
    const path: PathSegment[] = ["resources", `${kind}.${label}`];
    const info: AzapiResource = { kind, address: `${kind}.${label}` };
    const contentStart = typeString.startIndex + 1;
    const members: Member[] = [this.keyed("type", typeAttr.name, { kind: "string", start: typeString.startIndex, end: typeString.endIndex, path: [...path, "type"], value: type.slice(0, at < 0 ? undefined : at) })];
    if (at >= 0) {
      const rawAt = raw.lastIndexOf("@");
      const start = contentStart + rawAt + 1;
      members.push({ key: "apiVersion", keyStart: start, keyEnd: contentStart + raw.length, value: { kind: "string", start, end: contentStart + raw.length, path: [...path, "apiVersion"], value: type.slice(at + 1) } });
    }
    for (const key of ["name", "location", "tags"]) {
      const a = attrs.get(key);
      if (a) members.push(this.keyed(key, a.name, this.value(a.value, [...path, key], 0)));
    }
    const validation = attrs.get("schema_validation_enabled");
    if (validation && slice(this.text, validation.value).trim() === "false") info.schemaValidationOff = { start: validation.node.startIndex, end: validation.node.endIndex };
    const identityBlock = innerBlocks(block).find((b) => blockHeader(this.text, b)[0] === "identity");
    if (identityBlock) {
      info.identityBlock = { start: identityBlock.startIndex, end: identityBlock.endIndex };
      members.push(this.keyed("identity", named(identityBlock)[0]!, this.identity(identityBlock, [...path, "identity"])));
    } else {
      // `dynamic "identity" { for_each = … }` makes the block, or not, from values only known at plan
      const dynamic = innerBlocks(block).find((b) => { const [kind, label] = blockHeader(this.text, b); return kind === "dynamic" && label === "identity"; });
      if (dynamic) members.push(this.keyed("identity", named(dynamic)[0]!, { kind: "string", start: dynamic.startIndex, end: dynamic.endIndex, path: [...path, "identity"], value: unknownText('dynamic "identity" block') }));
    }
    const body = attrs.get("body");
    if (body) {
      const lowered = this.body(body.value, path, info);
      if (lowered.kind === "object") {
        for (const m of lowered.members) {
          const existing = members.findIndex((x) => x.key === m.key);
          if (m.key === "identity") {
            info.identityInBody = { keyStart: m.keyStart, keyEnd: m.keyEnd };
            if (existing >= 0) continue; // the identity block is what azapi sends
          }
          if (existing >= 0) members.splice(existing, 1);
          members.push(m);
        }
      } else {
        // a body computed as a whole (`body = local.body`): its properties are that value's, when it is known
        const computed = lowered.kind === "string" && /^\[(?!terraform:)/.test(lowered.value) ? `[${lowered.value.slice(1, -1)}.properties]` : lowered.kind === "string" ? lowered.value : unknownText(slice(this.text, body.value));
        members.push(this.keyed("properties", body.name, { kind: "string", start: lowered.start, end: lowered.end, path: [...path, "properties"], value: computed }));
      }
    }
    const resource: ObjectNode = { kind: "object", start: block.startIndex, end: block.endIndex, path, members };
    this.azapi.set(resource, info);
    return resource;
  }

  /** The `identity` block: `type` and `identity_ids`, as ARM's `{type, userAssignedIdentities: {id: {}}}`. */
  private identity(block: TsNode, path: PathSegment[]): ObjectNode {
    const members: Member[] = [];
    for (const a of attributes(block)) {
      const key = slice(this.text, a.name);
      if (key === "type") members.push(this.keyed("type", a.name, this.value(a.value, [...path, "type"], 0)));
      else if (key === "identity_ids") {
        const ids = this.value(a.value, [...path, "userAssignedIdentities"], 0);
        if (ids.kind === "array") {
          const idMembers: Member[] = ids.items.map((item) => {
            const key = item.kind === "string" ? item.value : unknownText(slice(this.text, a.value));
            return { key, keyStart: item.start, keyEnd: item.end, value: { kind: "object", start: item.start, end: item.end, path: [...path, "userAssignedIdentities", key], members: [] } };
          });
          members.push(this.keyed("userAssignedIdentities", a.name, { kind: "object", start: ids.start, end: ids.end, path: [...path, "userAssignedIdentities"], members: idMembers }));
        } else members.push(this.keyed("userAssignedIdentities", a.name, ids));
      }
    }
    return { kind: "object", start: block.startIndex, end: block.endIndex, path, members };
  }

  /** `body = {…}`, `jsonencode({…})`, or JSON in a heredoc or string (positions are the JSON's own, inside the `.tf` text). */
  private body(expression: TsNode, path: PathSegment[], info: AzapiResource): ValueNode {
    const inner = unwrap(expression);
    const form = bodyForm(this.text, inner);
    if (form) info.bodyForm = { form, start: expression.startIndex, end: expression.endIndex };
    if (inner.type === "function_call") {
      const [fn, args] = named(inner);
      const list = args ? named(args).filter((c) => c.type === "expression") : [];
      if (fn && slice(this.text, fn) === "jsonencode" && list.length === 1) return this.value(list[0]!, path, 0);
      // jsondecode of JSON written out: an HCL object whose values stand where the JSON writes them
      if (fn && slice(this.text, fn) === "jsondecode" && list.length === 1) {
        info.bodyForm = { form: "object", start: expression.startIndex, end: expression.endIndex };
        const json = this.writtenJson(list[0]!, path);
        if (json) return json;
      }
    }
    return this.writtenJson(expression, path) ?? this.value(expression, path, 0);
  }

  /** JSON in a heredoc (its own positions) or in a quoted string (positions at the string); undefined for anything else. */
  private writtenJson(expression: TsNode, path: PathSegment[]): ValueNode | undefined {
    const content = heredocContent(this.text, unwrap(expression));
    if (content) return this.json(content.start, content.end, path, expression);
    const string = stringLiteralNode(expression);
    if (string && isLiteralTemplate(string)) {
      const decoded = decodeQuoted(slice(this.text, string).slice(1, -1));
      if (decoded.trimStart().startsWith("{")) return this.jsonAt(decoded, string, path);
    }
    return undefined;
  }

  /** JSON written between `start` and `end` of the `.tf` text; a `${…}` in it becomes an unknown value. */
  private json(start: number, end: number, path: PathSegment[], whole: TsNode): ValueNode {
    const heredoc = named(unwrap(whole))[0];
    const spans = (heredoc ? named(heredoc) : []).filter((c) => c.type === "template_interpolation" || c.type === "template_directive").map((c) => ({ start: c.startIndex, end: c.endIndex }));
    this.verbatim.push({ start: whole.startIndex, end: whole.endIndex });
    const masked = maskTemplates(this.text, start, end, spans);
    const interpolations = spans;
    const parsed = parseJson(masked);
    const doc = parsed.documents[0];
    if (!doc?.root || doc.fatal) {
      if (doc?.fatal) this.problems.push({ ...doc.fatal, message: doc.fatal.message, start: start + doc.fatal.start, end: start + doc.fatal.end });
      return this.expressionNode(whole, path);
    }
    for (const p of doc.problems) this.problems.push({ ...p, start: start + p.start, end: start + p.end, pathSegments: [...path, ...p.pathSegments] });
    return this.shift(doc.root, start, path, interpolations);
  }

  /** JSON in a quoted string: escapes make offsets differ, so every value stands at the string. */
  private jsonAt(decoded: string, string: TsNode, path: PathSegment[]): ValueNode {
    const parsed = parseJson(decoded);
    const doc = parsed.documents[0];
    if (!doc?.root || doc.fatal) return this.expressionNode(string, path);
    const pin = (node: ValueNode, p: PathSegment[]): ValueNode => {
      const at = { start: string.startIndex, end: string.endIndex, path: p };
      if (node.kind === "object") return { ...at, kind: "object", members: node.members.map((m) => ({ key: m.key, keyStart: at.start, keyEnd: at.end, value: pin(m.value, [...p, m.key]) })) };
      if (node.kind === "array") return { ...at, kind: "array", items: node.items.map((item, i) => pin(item, [...p, i])) };
      return { kind: node.kind, value: node.value, ...at } as ValueNode;
    };
    return pin(doc.root, path);
  }

  private shift(node: ValueNode, base: number, path: PathSegment[], interpolations: ReadonlyArray<{ start: number; end: number }>): ValueNode {
    const start = node.start + base;
    const end = node.end + base;
    switch (node.kind) {
      case "object":
        return { kind: "object", start, end, path, members: node.members.map((m) => ({ key: m.key, keyStart: m.keyStart + base, keyEnd: m.keyEnd + base, value: this.shift(m.value, base, [...path, m.key], interpolations) })) };
      case "array":
        return { kind: "array", start, end, path, items: node.items.map((item, i) => this.shift(item, base, [...path, i], interpolations)) };
      case "string":
        // a string holding a `${…}` is only known when the template is
        if (interpolations.some((i) => i.start >= start && i.end <= end)) return { kind: "string", start, end, path, value: unknownText(this.text.slice(start, end)) };
        return { kind: "string", start, end, path, value: node.value };
      default:
        // the JSON parser's leaf nodes keep `kind` on their prototype: copy it by name
        return { kind: node.kind, start, end, path, value: node.value } as ValueNode;
    }
  }

  /** An HCL expression as a located value: literals and collections as they are, the rest as an ARM expression. */
  value(expression: TsNode, path: PathSegment[], depth: number): ValueNode {
    if (depth > MAX_DEPTH) throw new TooDeep(expression.startIndex);
    const node = unwrap(expression);
    const start = expression.startIndex;
    const end = expression.endIndex;
    switch (node.type) {
      case "literal_value": {
        const literal = named(node)[0];
        if (literal?.type === "numeric_lit") return { kind: "number", start, end, path, value: Number(slice(this.text, literal)) };
        if (literal?.type === "bool_lit") return { kind: "boolean", start, end, path, value: slice(this.text, literal) === "true" };
        if (literal?.type === "null_lit") return { kind: "null", start, end, path, value: null };
        if (literal?.type === "string_lit") return { kind: "string", start, end, path, value: decodeQuoted(slice(this.text, literal).slice(1, -1)) };
        break;
      }
      case "template_expr": {
        const known = literalTemplate(this.text, node);
        if (known !== undefined) return { kind: "string", start, end, path, value: known };
        break;
      }
      case "collection_value": {
        const collection = named(node)[0];
        if (collection?.type === "tuple") return this.tuple(collection, path, depth);
        if (collection?.type === "object") {
          const object = this.object(collection, path, depth);
          if (object) return object;
        }
        break;
      }
      case "operation": {
        // a negative number is written as an operation
        const unary = named(node)[0];
        const operand = unary?.type === "unary_operation" ? named(unary)[0] : undefined;
        if (operand?.type === "literal_value" && slice(this.text, unary!).trimStart().startsWith("-") && named(operand)[0]?.type === "numeric_lit") {
          return { kind: "number", start, end, path, value: -Number(slice(this.text, operand)) };
        }
        break;
      }
    }
    return this.expressionNode(expression, path, depth);
  }

  private tuple(tuple: TsNode, path: PathSegment[], depth: number): ArrayNode {
    const items = named(tuple).filter((c) => c.type === "expression");
    return { kind: "array", start: tuple.startIndex, end: tuple.endIndex, path, items: items.map((item, i) => this.value(item, [...path, i], depth + 1)) };
  }

  /** An object whose keys are all known; undefined when a key is computed (`(var.k) = …`). */
  private object(object: TsNode, path: PathSegment[], depth: number): ObjectNode | undefined {
    const members: Member[] = [];
    const seen = new Map<string, number>();
    for (const elem of named(object)) {
      if (elem.type !== "object_elem") continue;
      const keyNode = elem.childForFieldName("key");
      const valueNode = elem.childForFieldName("val");
      if (!keyNode || !valueNode) continue;
      const key = objectKey(this.text, keyNode);
      if (key === undefined) return undefined;
      const earlier = seen.get(key);
      if (earlier !== undefined) this.problems.push(duplicateKey(this.source, key, earlier, keyNode.startIndex, keyNode.endIndex, path));
      seen.set(key, keyNode.startIndex);
      members.push(this.keyed(key, keyNode, this.value(valueNode, [...path, key], depth + 1)));
    }
    return { kind: "object", start: object.startIndex, end: object.endIndex, path, members };
  }

  private expressionNode(expression: TsNode, path: PathSegment[], depth = 0): StringNode {
    const arm = armExpression(this.text, expression, this.hoisted && ((collection) => this.hoist(collection, depth)));
    return { kind: "string", start: expression.startIndex, end: expression.endIndex, path, value: arm !== undefined ? `[${arm}]` : unknownText(slice(this.text, expression)) };
  }

  /** A collection inside an expression as a variable of its own (named by its place, unique across the module's files). */
  private hoist(collection: TsNode, depth: number): string | undefined {
    const name = `${HOISTED}${collection.startIndex}-${collection.endIndex}-${(this.fileKey ??= textKey(this.text))}`;
    const value = this.value(collection, ["variables", name], depth + 1);
    if (value.kind === "string") return undefined; // a computed key: written inline
    this.hoisted!.push({ key: name, keyStart: collection.startIndex, keyEnd: collection.startIndex, value });
    return `variables('${name}')`;
  }

  private keyed(key: string, keyNode: { startIndex: number; endIndex: number }, value: ValueNode): Member {
    return { key, keyStart: keyNode.startIndex, keyEnd: keyNode.endIndex, value };
  }
}

/** A file's text that is not known: a template with `${…}` in it. */
export const unknownFileText = (variable: string): string => unknownText(`${variable.replace(":", '("')}") with template sequences`);

/** Variables named so hold an object or tuple written inside a Terraform expression (never a Terraform name: it has a colon). */
export const HOISTED = "terraform:";

/** A short digest of a file's text, that tells the hoisted variables of one file from another's. */
function textKey(text: string): string {
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  return hash.toString(36);
}

/**
 * The JSON text with each `${…}` replaced by text of the same length that JSON reads: filler inside a
 * JSON string, a quoted filler string outside one, so that offsets stay those of the file.
 */
function maskTemplates(text: string, start: number, end: number, spans: ReadonlyArray<{ start: number; end: number }>): string {
  let out = "";
  let inString = false;
  let at = start;
  for (const span of spans) {
    const before = text.slice(at, span.start);
    out += before;
    for (let i = 0; i < before.length; i++) {
      if (before[i] === "\\" && inString) i++;
      else if (before[i] === '"') inString = !inString;
    }
    const width = span.end - span.start;
    out += inString ? "_".repeat(width) : `"${"_".repeat(Math.max(0, width - 2))}"`;
    at = span.end;
  }
  return out + text.slice(at, end);
}

/** An `expression` node's single meaningful child (parentheses removed). */
export function unwrap(expression: TsNode): TsNode {
  let node = expression;
  for (;;) {
    const parts = named(node);
    if (node.type === "expression" && parts.length === 1) node = parts[0]!;
    else return node;
  }
}

/** How a body is written, when that shows in the expression itself. */
function bodyForm(text: string, inner: TsNode): "object" | "string" | undefined {
  if (inner.type === "collection_value" && named(inner)[0]?.type === "object") return "object";
  if (inner.type === "template_expr" || (inner.type === "literal_value" && named(inner)[0]?.type === "string_lit")) return "string";
  if (inner.type === "function_call" && named(inner)[0] && slice(text, named(inner)[0]!) === "jsonencode") return "string";
  return undefined;
}

function stringLiteralNode(expression: TsNode): TsNode | undefined {
  const node = unwrap(expression);
  if (node.type === "literal_value" && named(node)[0]?.type === "string_lit") return named(node)[0];
  if (node.type === "template_expr" && named(node)[0]?.type === "quoted_template") return named(node)[0];
  return undefined;
}

/** An object key: a bare name or a string without interpolation; undefined when it is computed. */
function objectKey(text: string, keyNode: TsNode): string | undefined {
  const inner = unwrap(keyNode);
  if (inner.type === "variable_expr" && named(inner).length === 1) return slice(text, inner);
  const string = stringLiteralNode(keyNode);
  if (string && isLiteralTemplate(string)) return decodeQuoted(slice(text, string).slice(1, -1));
  return undefined;
}

/** A variable's type constraint as an ARM parameter type. */
function armTypeOf(type: string, secure: boolean): string | undefined {
  const base = type.trim().replace(/\(.*$/s, "").trim();
  const plain = base === "string" ? "string" : base === "number" ? "int" : base === "bool" ? "bool" : base === "list" || base === "set" || base === "tuple" ? "array" : base === "map" || base === "object" ? "object" : undefined;
  if (!plain) return undefined;
  if (secure && plain === "string") return "secureString";
  if (secure && plain === "object") return "secureObject";
  return plain;
}

/**
 * The syntax error to report: a bracket left unmatched (where it opens, or the closer that has no opener, if
 * that comes first) says more than where the grammar's recovery stumbled.
 */
function syntaxFinding(source: SourceText, root: TsNode): SyntaxProblem | undefined {
  const error = firstSyntaxError(root);
  if (!error) return undefined;
  const grammar = syntaxProblem(source, error);
  const bracket = unmatchedBracket(source.text);
  if (!bracket || (!bracket.message.includes("never closed") && bracket.start > grammar.start)) return grammar;
  return { ...grammar, message: `Terraform syntax error: ${bracket.message}`, start: bracket.start, end: bracket.start + 1 };
}

/** The outermost ERROR or MISSING node, first in the text. */
function firstSyntaxError(root: TsNode): TsNode | undefined {
  if (!root.hasError) return undefined;
  const stack: TsNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isError || node.isMissing) return node;
    if (!node.hasError) continue;
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return undefined;
}

function syntaxProblem(source: SourceText, node: TsNode): SyntaxProblem {
  const { text } = source;
  let start = node.startIndex;
  let end = node.endIndex;
  let message: string;
  if (node.isMissing) {
    const what = node.type.replace(/_/g, " ");
    message = `missing ${/^[^a-z]/.test(node.type) ? `'${node.type}'` : what}`;
    const opened = node.parent;
    if ((node.type === "}" || node.type === "]" || node.type === ")" || node.type === "block_end" || node.type === "object_end" || node.type === "tuple_end") && opened) {
      message += ` to close what opens at line ${source.position(opened.startIndex).line}`;
    }
  } else {
    const unexpected = unexpectedToken(text, node);
    ({ start, end } = unexpected);
    message = unexpectedMessage(unexpected.token);
  }
  return { ruleId: "syntax", message: `Terraform syntax error: ${message}`, start, end: Math.min(text.length, Math.max(end, start + 1)), pathSegments: [] };
}

function atOffset(start: number, message: string): SyntaxProblem {
  return { ruleId: "syntax", message, start, end: start + 1, pathSegments: [] };
}

/** `#`, `//` and `/* … *\/` comments, outside strings and heredocs. */
function collectComments(text: string): Comment[] {
  const out: Comment[] = [];
  withTree(new SourceText(text), () => undefined, (tree) => {
    const stack: TsNode[] = [tree.rootNode];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === "comment") {
        const raw = slice(text, node);
        const body = raw.startsWith("/*") ? raw.slice(2, raw.endsWith("*/") ? -2 : undefined) : raw.replace(/^(?:#|\/\/)/, "");
        out.push({ text: body.trim(), start: node.startIndex, end: node.endIndex });
        continue;
      }
      const children = node.namedChildren;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  });
  return out.sort((a, b) => a.start - b.start);
}

export type { TsNode };
