/**
 * Bicep front end: each `resource x 'Microsoft.VirtualMachineImages/imageTemplates@V' = {…}` becomes a
 * resource of an ARM deployment template, `{contentVersion, parameters, variables, resources}`, in the
 * located value tree the JSON and YAML parsers produce, every offset pointing into the Bicep text.
 * A reference to a `param` is `[parameters('p')]` and to a `var` `[variables('v')]`; other expressions are
 * the ARM expressions that mean the same (bicep-expression.ts), so the ARM evaluator reads them; one with no
 * counterpart is a string `[bicep: <source>]`, an ARM expression to every rule and an unknown value.
 */
import type { Node as TsNode, Tree } from "web-tree-sitter";
import type { Member, ObjectNode, PathSegment, StringNode, ValueNode } from "./ast.js";
import { parseBicepTree } from "./bicep-loader.js";
import { decodeMultiline, decodeString, patchForGrammar, unbalancedBracket } from "./bicep-text.js";
import { bicepArmExpression, loopVariables, type BicepNames } from "./bicep-expression.js";
import { MAX_DEPTH, nestingProblem } from "./json.js";
import { armDeployment } from "./lowered.js";
import { duplicateKey, type ModuleCall, type ParsedDocument, type ParsedFile, type SyntaxProblem } from "./parsed.js";
import { SourceText } from "../core/source.js";
import { unexpectedMessage, unexpectedToken, type ParseGaveUp } from "./tree-sitter-runtime.js";
import { thousands } from "../util/text.js";

const IMAGE_TEMPLATE_TYPES = new Set(["microsoft.virtualmachineimages/imagetemplates", "microsoft.virtualmachineimages"]);
const TRIGGER_TYPE = "microsoft.virtualmachineimages/imagetemplates/triggers";

/**
 * The largest Bicep text parsed: the parser's memory grows by some 230 bytes a character and aborts past
 * 2 GB (about 9 MB of text), and the tree read from a dense 1 MB adds as much again; an image template is a
 * few kilobytes.
 */
export const MAX_BICEP_CHARS = 1024 * 1024;

/** `budgetMs`: the parse's time budget (parseBudgetMs by default); `declarations`: params and vars are lowered also without a template (a file others import from). */
export function parseBicep(text: string, budgetMs?: number, declarations = false): ParsedFile {
  const source = new SourceText(text);
  const fatal = (problem: SyntaxProblem): ParsedDocument => ({ root: undefined, fatal: problem, problems: [] });
  const tooLarge = sizeProblem(text);
  if (tooLarge) return { source, format: "bicep", documents: [fatal(tooLarge)], comments: () => [] };
  const patched = patchForGrammar(text);
  const doc = withTree(source, patched.text, budgetMs, fatal, (tree): ParsedDocument => {
    const lowering = new Lowering(text, source, patched.spreads);
    const statements = topLevel(tree.rootNode);
    const resources = statements.filter((s) => s.node.type === "resource_declaration" && resourceType(text, s.node) !== undefined);
    const templates = resources.filter((s) => resourceType(text, s.node)!.kind === "template");
    const errors = [...syntaxErrors(text, tree.rootNode), ...swallowedResource(statements)].sort((a, b) => a.startIndex - b.startIndex);
    const inTemplate = errors.find((e) => templates.some((t) => e.startIndex >= t.node.startIndex && e.startIndex <= t.node.endIndex));
    if (inTemplate) return fatal(syntaxProblem(source, inTemplate));
    // a bracket Bicep's lexer finds unmatched is an error, whatever the grammar made of it (it does not judge type declarations)
    const unbalanced = errors.length > 0 || tree.rootNode.hasError ? unbalancedProblem(source) : undefined;
    const grammarError = errors[0] ? syntaxProblem(source, errors[0], templates.length > 0 ? "warning" : undefined) : undefined;
    if (templates.length === 0) {
      const first = unbalanced && (!grammarError || unbalanced.start <= grammarError.start) ? unbalanced : grammarError;
      if (first) return fatal(first);
    }
    try {
      const calls = statements.some((s) => s.node.type === "module_declaration");
      const root = lowering.deployment(statements, templates.length > 0 ? resources : [], calls || declarations);
      const modules = calls ? lowering.modules(statements) : [];
      const problems = lowering.problems;
      // outside the image templates an unmatched bracket is an error; what else the grammar calls one may be syntax
      // newer than the grammar: a warning. The templates are still checked
      const outside = unbalanced ?? grammarError;
      if (outside) problems.unshift(outside);
      return { root, problems, ...(modules.length > 0 ? { modules } : {}) };
    } catch (e) {
      if (e instanceof TooDeep) return fatal(deepProblem(e));
      throw e;
    }
  });
  return { source, format: "bicep", documents: [doc], comments: () => patched.comments };
}

export interface BicepParameters {
  source: SourceText;
  /** By lower-case name, as ARM parameter names are matched. */
  values: Map<string, ValueNode>;
  /** The first syntax error, if any. */
  fatal?: SyntaxProblem;
  /** Each `param` the file gives, with where its name is written. */
  names?: { name: string; start: number; end: number }[];
  /** The `using` line's target, with where the path is written. */
  using?: { path: string; start: number; end: number };
}

/** `using 'main.bicep'` at the start of a line (comments and strings before it are not Bicep statements). */
const USING = /^[ \t]*\/\/ing[ \t]+'([^'\r\n]*)'/m;

/** A `.bicepparam` file: `using 'main.bicep'` and `param x = value` lines (and `var`s they use). */
export function parseBicepParameters(text: string, budgetMs?: number): BicepParameters {
  const source = new SourceText(text);
  const values = new Map<string, ValueNode>();
  const fatal = (problem: SyntaxProblem): BicepParameters => ({ source, values, fatal: problem });
  const tooLarge = sizeProblem(text);
  if (tooLarge) return fatal(tooLarge);
  const patched = patchForGrammar(text, true);
  return withTree(source, patched.text, budgetMs, fatal, (tree) => {
    const errors = syntaxErrors(text, tree.rootNode);
    if (errors[0]) return fatal(syntaxProblem(source, errors[0]));
    const statements = topLevel(tree.rootNode).filter((s) => s.node.type === "variable_declaration");
    const lowering = new Lowering(text, source, patched.spreads);
    const declared = new Map<string, TsNode>();
    /** Parameters by lower case: ARM matches their names so, and a value for each goes to the template. */
    const params = new Map<string, TsNode>();
    for (const { node } of statements) {
      const id = name(text, node);
      const isParam = patched.params.has(node.startIndex);
      const earlier = declared.get(id) ?? (isParam ? params.get(id.toLowerCase()) : undefined);
      // Bicep: "the identifier is declared multiple times"
      if (earlier) {
        const first = name(text, earlier);
        const what = first === id ? `'${id}' is declared twice` : `'${id}' and '${first}' name the same parameter`;
        return fatal(atNode(named(node)[0] ?? node, `${what} (first at line ${source.position(earlier.startIndex).line}); Bicep rejects the file`));
      }
      declared.set(id, node);
      if (isParam) params.set(id.toLowerCase(), node);
    }
    const vars = new Map<string, ValueNode | null>();
    let chain = 0;
    // a parameters file's own variables are inlined: they mean nothing to the template's resolver
    lowering.resolveIdentifier = (id, path, at) => {
      const decl = declared.get(id);
      if (!decl || patched.params.has(decl.startIndex)) return undefined;
      if (!vars.has(id)) {
        if (chain >= MAX_DEPTH) throw new TooDeep(at, `variables refer to variables more than ${MAX_DEPTH} deep; aib-lint does not follow them`);
        vars.set(id, null); // a cycle reads as unresolved
        chain++;
        try {
          vars.set(id, lowering.declared(decl, ["variables", id]) ?? null);
        } finally {
          chain--;
        }
      }
      const value = vars.get(id);
      return value ? ({ ...value, kind: value.kind, path } as ValueNode) : undefined;
    };
    // in an expression, a variable of the file is its own expression, inlined: the template knows nothing of it
    const armVars = new Map<string, string | null>();
    lowering.armIdentifier = (id) => {
      const decl = declared.get(id);
      const value = decl && !patched.params.has(decl.startIndex) ? named(decl)[1] : undefined;
      if (!value) return undefined;
      if (!armVars.has(id)) {
        armVars.set(id, null); // a cycle has no value
        const arm = lowering.armOf(value);
        armVars.set(id, arm !== undefined && arm.length <= MAX_INLINED ? arm : null);
      }
      return armVars.get(id) ?? undefined;
    };
    try {
      for (const s of statements) {
        if (!patched.params.has(s.node.startIndex)) continue;
        const id = name(text, s.node);
        const value = lowering.declared(s.node, ["parameters", id]);
        if (value) values.set(id.toLowerCase(), value);
      }
    } catch (e) {
      if (e instanceof TooDeep) return fatal(deepProblem(e));
      throw e;
    }
    const names = statements.filter((s) => patched.params.has(s.node.startIndex)).map((s) => {
      const id = named(s.node)[0]!;
      return { name: slice(text, id), start: id.startIndex, end: id.endIndex };
    });
    // the grammar was given the `using` line as a comment
    const using = USING.exec(patched.text);
    const start = using ? using.index + using[0].length - using[1]!.length - 2 : 0;
    return { source, values, names, ...(using ? { using: { path: decodeString(using[1]!), start, end: start + using[1]!.length + 2 } } : {}) };
  });
}

/** The longest expression a parameters file's variable is inlined as (variables of variables double it at each step). */
const MAX_INLINED = 100_000;

function sizeProblem(text: string): SyntaxProblem | undefined {
  if (text.length <= MAX_BICEP_CHARS) return undefined;
  const size = thousands(text.length);
  return atOffset(0, `Bicep file too large: ${size} characters; aib-lint parses Bicep files of up to ${thousands(MAX_BICEP_CHARS)} (an image template is far smaller)`);
}

/** Parses within the time budget; a parse that runs out of it ends in its first syntax error. */
function withTree<T>(source: SourceText, patchedText: string, budgetMs: number | undefined, fatal: (problem: SyntaxProblem) => T, use: (tree: Tree) => T): T {
  const tree = parseBicepTree(patchedText, budgetMs);
  if ("stoppedAt" in tree) return fatal(gaveUpProblem(source, patchedText, tree));
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}

/** Text after the first error to parse again, to find that error when the whole file ran out of time. */
const AFTER_FIRST_ERROR = 1024;

/**
 * The first syntax error of a text whose parse gave up: the earlier of the first unmatched bracket and the
 * error of the text up to a little after where the parser met its first; else where it stopped.
 */
function gaveUpProblem(source: SourceText, patchedText: string, stopped: ParseGaveUp): SyntaxProblem {
  const found = [unbalancedProblem(source), stopped.errorSeenAt >= 0 ? firstErrorUpTo(source, patchedText, stopped.errorSeenAt) : undefined];
  const first = found.reduce<SyntaxProblem | undefined>((earliest, p) => (p && (!earliest || p.start < earliest.start) ? p : earliest), undefined);
  if (!first) return atOffset(Math.max(0, stopped.stoppedAt), "Bicep syntax errors: so many that the parser gave up on the file here");
  return { ...first, message: `${first.message} (with so many errors after it that the parser gave up on the file)` };
}

function firstErrorUpTo(source: SourceText, patchedText: string, errorSeenAt: number): SyntaxProblem | undefined {
  const prefix = parseBicepTree(patchedText.slice(0, errorSeenAt + AFTER_FIRST_ERROR));
  if ("stoppedAt" in prefix) return undefined;
  try {
    const first = syntaxErrors(source.text, prefix.rootNode)[0];
    return first && first.startIndex <= errorSeenAt ? syntaxProblem(source, first) : undefined;
  } finally {
    prefix.delete();
  }
}

function atOffset(start: number, message: string): SyntaxProblem {
  return { ruleId: "syntax", message, start, end: start + 1, pathSegments: [] };
}

function atNode(node: TsNode, message: string): SyntaxProblem {
  return { ruleId: "syntax", message, start: node.startIndex, end: Math.max(node.endIndex, node.startIndex + 1), pathSegments: [] };
}

/** A bracket Bicep's lexer finds unmatched, as an error. */
function unbalancedProblem(source: SourceText): SyntaxProblem | undefined {
  const found = unbalancedBracket(source.text);
  if (!found) return undefined;
  const opened = found.opener === undefined ? "" : ` opened at line ${source.position(found.opener).line}`;
  return atOffset(found.start, `Bicep syntax error: ${found.message}${opened}`);
}

/**
 * A resource declared inside another statement than a resource (where it is a child resource): the grammar
 * reads one into a `type`, `var` or `param` whose bracket is not closed where it should be, without an error.
 */
function swallowedResource(statements: Statement[]): TsNode[] {
  for (const { node } of statements) {
    if (node.type === "resource_declaration") continue;
    const inside = node.descendantsOfType("resource_declaration")[0];
    if (inside) return [inside];
  }
  return [];
}

interface Statement {
  node: TsNode;
  /** The decorators written just before it. */
  decorators?: TsNode;
}

function topLevel(root: TsNode): Statement[] {
  const out: Statement[] = [];
  let decorators: TsNode | undefined;
  for (const node of named(root)) {
    if (node.type === "decorators") decorators = node;
    else {
      out.push(decorators ? { node, decorators } : { node });
      decorators = undefined;
    }
  }
  return out;
}

/** Named children without comments. */
function named(node: TsNode): TsNode[] {
  return node.namedChildren.filter((c) => c.type !== "comment" && c.type !== "diagnostic_comment");
}

function slice(text: string, node: TsNode): string {
  return text.slice(node.startIndex, node.endIndex);
}

function name(text: string, declaration: TsNode): string {
  const id = named(declaration)[0];
  return id ? slice(text, id) : "";
}

/** The literal value of a string node, or undefined when it is interpolated. */
function literalString(text: string, node: TsNode): string | undefined {
  const raw = slice(text, node);
  if (raw.startsWith("'''")) return decodeMultiline(raw.slice(3, raw.length >= 6 && raw.endsWith("'''") ? -3 : undefined));
  if (node.namedChildren.some((c) => c.type === "interpolation")) return undefined;
  return decodeString(raw.slice(1, raw.length >= 2 && raw.endsWith("'") ? -1 : undefined));
}

interface ResourceType {
  kind: "template" | "trigger";
  /** The type without the version. */
  type: string;
  /** Where the `@` before the version is in the type string, or -1. */
  at: number;
}

/** An image template or a trigger; `nested` inside an image template, where a trigger's type may be `triggers`. */
function resourceType(text: string, resource: TsNode, nested = false): ResourceType | undefined {
  if (resource.children.some((c) => c.type === "existing")) return undefined; // deployed elsewhere
  const typeNode = named(resource)[1];
  if (typeNode?.type !== "string") return undefined;
  const type = literalString(text, typeNode);
  if (type === undefined) return undefined;
  const at = type.lastIndexOf("@");
  const base = at < 0 ? type : type.slice(0, at);
  const lower = base.toLowerCase();
  if (!nested && IMAGE_TEMPLATE_TYPES.has(lower)) return { kind: "template", type: base, at };
  if (lower === TRIGGER_TYPE || (nested && lower === "triggers")) return { kind: "trigger", type: base, at };
  return undefined;
}

/** Loop variables in scope: each one's ARM expression, or undefined where it has none (a resource loop's). */
type Locals = ReadonlyMap<string, string | undefined>;

/** The object a resource or module declares, inside its `[for …]` and `if (…)`; the loop's variables have no ARM reading. */
function declaredBody(text: string, body: TsNode): { object: TsNode | undefined; locals: Locals } {
  const locals = new Map<string, string | undefined>();
  let object: TsNode | undefined = body;
  if (object.type === "for_statement") {
    for (const v of loopVariables(text, object)) locals.set(v, undefined);
    object = object.childForFieldName("body") ?? undefined;
  }
  if (object?.type === "if_statement") object = named(object).find((c) => c.type === "object");
  return { object, locals };
}

class TooDeep extends Error {
  /** `why`: another reason than nesting. */
  constructor(
    readonly offset: number,
    readonly why?: string,
  ) {
    super("too deep");
  }
}

function deepProblem(e: TooDeep): SyntaxProblem {
  return e.why ? atOffset(e.offset, e.why) : nestingProblem(e.offset);
}

class Lowering {
  readonly problems: SyntaxProblem[] = [];
  private params = new Set<string>();
  private vars = new Set<string>();
  /** Names imported from local files (`import {a, b as c} from 'x.bicep'`) and namespaces (`import * as ns from …`), as read/file-reads.ts supplies them. */
  private imports = new Map<string, string>();
  /** Lowering a module call's `params`. */
  private loweringModuleParams = false;
  /** Literals written inside expressions, kept as variables so that their values keep their places. */
  private hoisted: Member[] | undefined;
  private namespaces = new Map<string, string>();
  /** Overrides how a name that is no local is read (a parameters file inlines its variables). */
  resolveIdentifier?: (id: string, path: PathSegment[], at: number) => ValueNode | undefined;
  /** With resolveIdentifier: a name's ARM expression in an expression (a parameters file's variable, inlined). */
  armIdentifier?: (id: string) => string | undefined;

  constructor(
    private readonly text: string,
    private readonly source: SourceText,
    private readonly spreads: ReadonlySet<number>,
  ) {}

  /** `declarations`: params and vars are lowered without templates too (for the values passed to modules). */
  deployment(statements: Statement[], templates: Statement[], declarations = false): ObjectNode {
    for (const { node } of statements) {
      if (node.type === "parameter_declaration") this.params.add(name(this.text, node));
      else if (node.type === "variable_declaration") this.vars.add(name(this.text, node));
      else if (node.type === "import_functionality") {
        const { names, namespace, path } = importOf(slice(this.text, node));
        for (const [local, exported] of names) this.imports.set(local, `variables(${armQuote(importedName(path, exported))})`);
        if (namespace) this.namespaces.set(namespace, path);
      }
    }
    const parameters: Member[] = [];
    const variables: Member[] = [];
    this.hoisted = variables;
    if (templates.length > 0 || declarations) {
      for (const s of statements) {
        if (s.node.type === "parameter_declaration") parameters.push(this.parameter(s));
        else if (s.node.type === "variable_declaration") {
          const id = name(this.text, s.node);
          const value = this.declared(s.node, ["variables", id]);
          if (value) variables.push(this.keyed(id, named(s.node)[0]!, value));
        }
      }
    }
    const resources: Member[] = [];
    for (const t of templates) {
      const resource = this.resource(t.node);
      if (resource) resources.push(this.keyed(String(resource.path[1]), named(t.node)[0]!, resource));
    }
    const end = this.text.length;
    return armDeployment(end, parameters, variables, resources);
  }

  /** Each `module` statement without syntax errors, with its `params` lowered (loop variables unknown). */
  modules(statements: Statement[]): ModuleCall[] {
    const out: ModuleCall[] = [];
    for (const { node } of statements) {
      if (node.type !== "module_declaration" || node.hasError) continue;
      const [id, pathNode, body] = named(node);
      const path = pathNode?.type === "string" ? literalString(this.text, pathNode) : undefined;
      if (!id || !pathNode || path === undefined || !body) continue;
      const { object, locals } = declaredBody(this.text, body);
      const moduleName = slice(this.text, id);
      const property = object?.type === "object" ? named(object).find((p) => p.type === "object_property" && slice(this.text, named(p)[0]!) === "params") : undefined;
      const paramsNode = property ? named(property)[1] : undefined;
      this.loweringModuleParams = true;
      let params: ValueNode | undefined;
      try {
        params = paramsNode ? this.value(paramsNode, ["modules", moduleName, "params"], locals, 0) : undefined;
      } finally {
        this.loweringModuleParams = false;
      }
      out.push({ name: moduleName, path, pathStart: pathNode.startIndex, pathEnd: pathNode.endIndex, ...(params?.kind === "object" ? { params } : {}) });
    }
    return out;
  }

  /** The value of a `var` or `param` declaration: the expression after `=`. */
  declared(declaration: TsNode, path: PathSegment[]): ValueNode | undefined {
    const parts = named(declaration);
    const value = declaration.type === "parameter_declaration" ? parts[2] : parts[1];
    return value ? this.value(value, path, new Map(), 0) : undefined;
  }

  private keyed(key: string, keyNode: TsNode, value: ValueNode): Member {
    return { key, keyStart: keyNode.startIndex, keyEnd: keyNode.endIndex, value };
  }

  /** `param p string = 'x'` as `"p": {"type": "string", "defaultValue": "x"}`. */
  private parameter({ node, decorators }: Statement): Member {
    const [id, type] = named(node);
    const key = slice(this.text, id!);
    const path: PathSegment[] = ["parameters", key];
    const secure = decorators !== undefined && /@\s*(?:sys\s*\.\s*)?secure\s*\(/.test(slice(this.text, decorators));
    // a nullable type (`string?`) is the type that may be null
    const typeText = type ? slice(this.text, type).replace(/\s*\?$/, "") : "";
    const members: Member[] = [];
    if (type) {
      const armType = secure ? `secure${typeText}` : typeText;
      members.push(this.keyed("type", type, { kind: "string", start: type.startIndex, end: type.endIndex, path: [...path, "type"], value: armType }));
    }
    const value = this.declared(node, [...path, "defaultValue"]);
    if (value) members.push({ key: "defaultValue", keyStart: value.start, keyEnd: value.start, value });
    return this.keyed(key, id!, { kind: "object", start: node.startIndex, end: node.endIndex, path, members });
  }

  private resource(declaration: TsNode, path: PathSegment[] = ["resources", name(this.text, declaration)], nested = false): ObjectNode | undefined {
    const [id, typeNode, body] = named(declaration);
    const found = resourceType(this.text, declaration, nested);
    if (!id || !typeNode || !body || !found) return undefined;
    const { object, locals } = declaredBody(this.text, body);
    if (object?.type !== "object") return undefined;
    const spread: { offset?: number } = {};
    const lowered = this.object(object, path, locals, 0, spread);
    if (lowered.kind !== "object") return undefined;
    if (spread.offset !== undefined) this.unknownFromSpread(lowered, spread.offset);
    if (found.kind === "trigger") this.parentByName(object, lowered);
    else {
      // triggers declared inside the template: its `resources`, as in ARM
      const children = named(object).flatMap((p) => named(p).filter((c) => c.type === "resource_declaration" && resourceType(this.text, c, true)));
      const items = children.flatMap((c, i) => this.resource(c, [...path, "resources", i], true) ?? []);
      if (items.length > 0) {
        const list: ValueNode = { kind: "array", start: items[0]!.start, end: items[items.length - 1]!.end, path: [...path, "resources"], items };
        lowered.members.push({ key: "resources", keyStart: list.start, keyEnd: list.start, value: list });
      }
    }
    // the type string holds the type and, after '@', the apiVersion
    const contentStart = typeNode.startIndex + 1;
    const members: Member[] = [this.keyed("type", typeNode, { kind: "string", start: typeNode.startIndex, end: typeNode.endIndex, path: [...path, "type"], value: found.type })];
    if (found.at >= 0) {
      const raw = slice(this.text, typeNode).slice(1, -1);
      const at = raw.lastIndexOf("@");
      const start = contentStart + at + 1;
      const version: StringNode = { kind: "string", start, end: start + raw.length - at - 1, path: [...path, "apiVersion"], value: raw.slice(at + 1) };
      members.push({ key: "apiVersion", keyStart: version.start, keyEnd: version.end, value: version });
    }
    return { kind: "object", start: declaration.startIndex, end: declaration.endIndex, path, members: [...members, ...lowered.members] };
  }

  /** What a spread in a resource body may bring is unknown: an expression where it is written, for each top-level key not set after it. */
  private unknownFromSpread(resource: ObjectNode, offset: number): void {
    for (const key of ["name", "location", "identity", "properties"]) {
      if (resource.members.some((m) => m.key === key)) continue;
      const value: StringNode = { kind: "string", start: offset, end: offset + 3, path: [...resource.path, key], value: "[bicep: ...]" };
      resource.members.push({ key, keyStart: offset, keyEnd: offset + 3, value });
    }
  }

  /** `parent: it` names the parent by its symbolic name, as `parent` does in a languageVersion 2.0 template. */
  private parentByName(object: TsNode, lowered: ObjectNode): void {
    const index = lowered.members.findIndex((m) => m.key === "parent");
    const property = named(object).find((p) => p.type === "object_property" && slice(this.text, named(p)[0]!) === "parent");
    const value = property ? named(property)[1] : undefined;
    const m = lowered.members[index];
    if (!m || value?.type !== "identifier") return;
    lowered.members[index] = { ...m, value: { kind: "string", start: value.startIndex, end: value.endIndex, path: m.value.path, value: slice(this.text, value) } };
  }

  private value(node: TsNode, path: PathSegment[], locals: Locals, depth: number): ValueNode {
    if (depth > MAX_DEPTH) throw new TooDeep(node.startIndex);
    const start = node.startIndex;
    const end = node.endIndex;
    switch (node.type) {
      case "string": {
        const value = literalString(this.text, node);
        return value === undefined ? this.expression(node, path, locals) : { kind: "string", start, end, path, value };
      }
      case "number":
        return { kind: "number", start, end, path, value: Number(slice(this.text, node)) };
      case "boolean":
        return { kind: "boolean", start, end, path, value: slice(this.text, node) === "true" };
      case "null":
        return { kind: "null", start, end, path, value: null };
      case "object":
        return this.object(node, path, locals, depth);
      case "array": {
        const items = named(node).filter((c) => c.type !== "decorators");
        if (items.some((i) => this.spreads.has(i.startIndex))) return this.expression(node, path, locals);
        return { kind: "array", start, end, path, items: items.map((item, i) => this.value(item, [...path, i], locals, depth + 1)) };
      }
      case "identifier": {
        const id = slice(this.text, node);
        if (!locals.has(id) && this.resolveIdentifier) return this.resolveIdentifier(id, path, start) ?? this.expression(node, path, locals);
        return this.expression(node, path, locals);
      }
      case "parenthesized_expression": {
        const inner = named(node);
        return inner.length === 1 ? this.value(inner[0]!, path, locals, depth + 1) : this.expression(node, path, locals);
      }
      case "unary_expression": {
        const argument = node.childForFieldName("argument");
        if (argument?.type === "number" && slice(this.text, node).trimStart().startsWith("-")) {
          return { kind: "number", start, end, path, value: -Number(slice(this.text, argument)) };
        }
        return this.expression(node, path, locals);
      }
      default:
        return this.expression(node, path, locals);
    }
  }

  /**
   * An object with a spread is an expression; a resource body (`spreadAt`) keeps what follows its last
   * spread, which wins over what the spread brings, and gets the offset of that spread.
   */
  private object(node: TsNode, path: PathSegment[], locals: Locals, depth: number, spreadAt?: { offset?: number }): ValueNode {
    let members: Member[] = [];
    let seen = new Map<string, number>();
    const loops: ValueNode[] = [];
    for (const property of named(node)) {
      if (property.type !== "object_property") continue; // decorators
      const [keyNode, valueNode] = named(property);
      if (!keyNode || keyNode.type === "resource_declaration") continue; // a nested child resource
      if (this.spreads.has(keyNode.startIndex)) {
        if (!spreadAt) return this.expression(node, path, locals);
        spreadAt.offset = keyNode.startIndex;
        members = [];
        seen = new Map();
        continue;
      }
      if (!valueNode) continue;
      const key = this.key(keyNode);
      const earlier = seen.get(key);
      if (earlier !== undefined) this.problems.push(duplicateKey(this.source, key, earlier, keyNode.startIndex, keyNode.endIndex, path));
      seen.set(key, keyNode.startIndex);
      // a module's params are values passed, not a resource's properties: a loop there is a map(), not a copy loop
      const loop = valueNode.type === "for_statement" && !this.loweringModuleParams ? this.copyLoop(key, keyNode, valueNode, [...path, "copy", loops.length], locals, depth + 1) : undefined;
      if (loop) loops.push(loop);
      else members.push(this.keyed(key, keyNode, this.value(valueNode, [...path, key], locals, depth + 1)));
    }
    if (loops.length > 0) {
      const list: ValueNode = { kind: "array", start: loops[0]!.start, end: loops[loops.length - 1]!.end, path: [...path, "copy"], items: loops };
      members.push({ key: "copy", keyStart: list.start, keyEnd: list.start, value: list });
    }
    return { kind: "object", start: node.startIndex, end: node.endIndex, path, members };
  }

  /**
   * `key: [for (s, i) in list: if (c) body]` as ARM's property loop `{"name": key, "count": "[length(list)]",
   * "input": body}`, `s` read as `list[copyIndex(key)]` and `i` as `copyIndex(key)`: the body keeps where
   * each of its values is written. A filter makes the list `filter(list, lambda('s', c))`.
   */
  private copyLoop(key: string, keyNode: TsNode, loop: TsNode, path: PathSegment[], locals: Locals, depth: number): ObjectNode | undefined {
    const variables = loopVariables(this.text, loop);
    const source = named(loop)[1];
    let body = loop.childForFieldName("body");
    let list = source && body && variables.length > 0 ? bicepArmExpression(this.text, source, this.names(locals)) : undefined;
    if (list === undefined || !body || this.resolveIdentifier) return undefined;
    if (body.type === "if_statement") {
      const [condition, then] = named(body);
      if (variables.length > 1 || !condition || !then) return undefined; // the index counts the items before the filter
      const inner = new Map(locals);
      inner.set(variables[0]!, `lambdaVariables('${variables[0]}')`);
      const test = bicepArmExpression(this.text, condition, this.names(inner));
      if (test === undefined) return undefined;
      list = `filter(${list}, lambda('${variables[0]}', ${test}))`;
      body = then;
    }
    const index = `copyIndex('${key.replace(/'/g, "''")}')`;
    const inner = new Map(locals);
    inner.set(variables[0]!, `${list}[${index}]`);
    if (variables[1]) inner.set(variables[1], index);
    const at = (value: string, node: TsNode, segment: string): Member => ({
      key: segment,
      keyStart: node.startIndex,
      keyEnd: node.startIndex,
      value: { kind: "string", start: node.startIndex, end: node.endIndex, path: [...path, segment], value },
    });
    const input = this.value(body, [...path, "input"], inner, depth + 1);
    return {
      kind: "object",
      start: loop.startIndex,
      end: loop.endIndex,
      path,
      members: [
        { ...at(key, keyNode, "name"), keyEnd: keyNode.endIndex },
        at(`[length(${list})]`, source!, "count"),
        { key: "input", keyStart: body.startIndex, keyEnd: body.startIndex, value: input },
      ],
    };
  }

  private key(node: TsNode): string {
    if (node.type === "string") return literalString(this.text, node) ?? expressionText(this.text, node);
    return slice(this.text, node).replace(/\?$/, "");
  }

  /** The ARM expression that means what the Bicep expression means, or `[bicep: <source>]` where there is none. */
  private expression(node: TsNode, path: PathSegment[], locals: Locals): StringNode {
    const arm = bicepArmExpression(this.text, node, this.names(locals));
    return { kind: "string", start: node.startIndex, end: node.endIndex, path, value: arm !== undefined ? `[${arm}]` : expressionText(this.text, node) };
  }

  /** An expression's ARM counterpart, with no loop variables in scope. */
  armOf(node: TsNode): string | undefined {
    return bicepArmExpression(this.text, node, this.names(new Map()));
  }

  /** A literal written inside an expression as a variable of its own, named by its place: findings on it stand there. */
  private hoist(node: TsNode): string | undefined {
    const name = `${HOISTED}${node.startIndex}-${node.endIndex}`;
    if (!this.hoisted!.some((m) => m.key === name)) {
      const value = this.value(node, ["variables", name], new Map(), 0);
      if (value.kind === "string" && value.value.startsWith("[")) return undefined; // computed: written inline
      this.hoisted!.push({ key: name, keyStart: node.startIndex, keyEnd: node.startIndex, value });
    }
    return `variables(${armQuote(name)})`;
  }

  /** The ARM reading of the names in scope: loop variables, then params and vars; resources and modules have none. */
  private names(locals: Locals): BicepNames {
    return {
      spreads: this.spreads,
      identifier: (id) => {
        if (locals.has(id)) return locals.get(id);
        if (this.resolveIdentifier) return this.armIdentifier?.(id);
        if (this.params.has(id)) return `parameters('${id}')`;
        if (this.vars.has(id)) return `variables('${id}')`;
        return this.imports.get(id);
      },
      ...(locals.size === 0 && this.hoisted ? { hoist: (node: TsNode) => this.hoist(node) } : {}),
      member: (namespace, property) => {
        const path = locals.has(namespace) || this.params.has(namespace) || this.vars.has(namespace) ? undefined : this.namespaces.get(namespace);
        return path === undefined ? undefined : `variables(${armQuote(importedName(path, property))})`;
      },
    };
  }
}

/** Variables named so hold a literal written inside a Bicep expression (never a Bicep name: it has a colon). */
export const HOISTED = "bicep:";

/** The variable an imported name reads (supplied by the run, read/file-reads.ts): `import:PATH#NAME`. */
export function importedName(path: string, name: string): string {
  return `import:${path}#${name}`;
}

function armQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `import {a, b as c} from 'x.bicep'` and `import * as ns from 'x.bicep'` of a local file (not a registry's). */
export function importOf(statement: string): { names: Map<string, string>; namespace?: string; path: string } {
  const names = new Map<string, string>();
  const m = /^import\s*(?:\{([^}]*)\}|\*\s*as\s+([A-Za-z_]\w*))\s*from\s*'([^'\\]*)'/.exec(statement);
  if (!m || /^(?:br|ts)[:/]/.test(m[3]!)) return { names, path: "" };
  for (const item of (m[1] ?? "").split(",")) {
    const parts = /^\s*([A-Za-z_]\w*)(?:\s+as\s+([A-Za-z_]\w*))?\s*$/.exec(item);
    if (parts) names.set(parts[2] ?? parts[1]!, parts[1]!);
  }
  return { names, ...(m[2] ? { namespace: m[2] } : {}), path: m[3]! };
}

/** `[bicep: <source>]`: an ARM expression to every rule, so never judged as a literal. */
function expressionText(text: string, node: TsNode): string {
  return `[bicep: ${slice(text, node).replace(/\s+/g, " ").trim()}]`;
}

/**
 * ERROR and MISSING nodes, outermost first, in text order, and single-quoted strings that run over a
 * line break (the grammar allows them, Bicep does not: an unclosed string); type annotations are not read.
 */
function syntaxErrors(text: string, root: TsNode): TsNode[] {
  if (!root.hasError) return [];
  const out: TsNode[] = [];
  const stack: TsNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isError || node.isMissing || (node.type === "string" && isUnclosedString(slice(text, node)))) {
      out.push(node);
      continue;
    }
    // a parameter's type is not ours to judge, and newer type syntax postdates the grammar
    if (node.type === "type" || node.type === "type_declaration") continue;
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

function isUnclosedString(raw: string): boolean {
  return !raw.startsWith("'''") && /[\r\n]/.test(raw);
}

const MISSING: Record<string, string> = {
  "}": "missing '}' to close the object",
  "]": "missing ']' to close the array",
  ")": "missing ')' to close the parenthesis",
  "'": "a string is not closed (missing ')",
  identifier: "a name is missing here",
  ":": "missing ':' between the property name and its value",
  "=": "missing '='",
};

function syntaxProblem(source: SourceText, node: TsNode, severity?: "warning"): SyntaxProblem {
  const { text } = source;
  let start = node.startIndex;
  let end = node.endIndex;
  let message: string;
  if (node.type === "string") {
    message = MISSING["'"]!;
    end = start + (/[\r\n]/.exec(slice(text, node))?.index ?? 1);
  } else if (node.isMissing) {
    message = MISSING[node.type] ?? `missing '${node.type}'`;
    const opened = node.parent;
    if ("}])".includes(node.type) && opened) message += ` opened at line ${source.position(opened.startIndex).line}`;
    // an unclosed string runs on to the next quote: point at where it starts
    if (node.type === "'" && opened?.type === "string") start = opened.startIndex;
  } else {
    const unexpected = unexpectedToken(text, node);
    ({ start, end } = unexpected);
    message = unexpected.token.startsWith('"') ? "Bicep strings are written in single quotes ('…'), not double quotes" : unexpectedMessage(unexpected.token);
  }
  const prefix = severity ? "Bicep syntax error outside the image template (the template is still checked)" : "Bicep syntax error";
  return {
    ruleId: "syntax",
    message: `${prefix}: ${message}`,
    start,
    end: Math.min(text.length, Math.max(end, start + 1)),
    pathSegments: [],
    ...(severity ? { severity } : {}),
  };
}
