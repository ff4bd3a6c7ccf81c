import { createScanner, parseTree, printParseErrorCode, SyntaxKind, visit, type Node as JsoncNode, type ParseError } from "jsonc-parser";
import type { PathSegment, ValueNode } from "./ast.js";
import { parseJsonFast } from "./json-fast.js";
import { duplicateKey, nonFinite, type Comment, type ParsedFile, type SyntaxProblem } from "./parsed.js";
import { Built, BuiltArray, BuiltLeaf, BuiltObject } from "./tree.js";
import { SourceText } from "../core/source.js";
import { quote } from "../util/text.js";


const MESSAGES: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "malformed number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' before this (is a comma missing at the end of the previous line?)",
  CloseBraceExpected: "expected '}' to close the object",
  CloseBracketExpected: "expected ']' to close the array",
  EndOfFileExpected: "expected the end of the file after the top-level value",
  InvalidCommentToken: "malformed comment",
  UnexpectedEndOfComment: "a block comment is not closed (missing '*/')",
  UnexpectedEndOfString: "a string is not closed (missing '\"')",
  UnexpectedEndOfNumber: "malformed number",
  InvalidUnicode: "malformed \\u escape in a string",
  InvalidEscapeCharacter: "invalid escape in a string (a Windows path needs '\\\\', e.g. \"C:\\\\Temp\")",
  InvalidCharacter: "a control character (tab or line break) inside a string must be escaped",
};

/** Parses JSON with the comments ARM templates allow; trailing commas are syntax errors. */
export function parseJson(text: string): ParsedFile {
  const source = new SourceText(text);
  // well-formed files (most) in one pass; anything unusual goes the full way below, which explains it
  const fast = parseJsonFast(text, source, MAX_DEPTH);
  if (fast) return { source, format: "json", comments: () => fast.comments, documents: [{ root: fast.root, problems: fast.problems }] };
  const comments = () => collectComments(text);
  const tooDeep = nestingOverflow(text, MAX_DEPTH);
  if (tooDeep !== undefined) return { source, format: "json", comments, documents: [{ root: undefined, fatal: nestingProblem(tooDeep), problems: [] }] };
  const errors: ParseError[] = [];
  const problems: SyntaxProblem[] = [];
  let root: ValueNode | undefined;
  try {
    root = build(text, errors, { source, problems });
  } catch (e) {
    // the guard above should make this unreachable; a stack overflow is still a nesting problem, never a crash
    if (!(e instanceof RangeError)) throw e;
    return { source, format: "json", comments, documents: [{ root: undefined, fatal: nestingProblem(0), problems: [] }] };
  }
  if (errors.length > 0) {
    const first = errors[0]!;
    // the parser's own tree, only to recognise a documentation fragment
    const tree = parseTree(text, [], { disallowComments: false, allowTrailingComma: false, allowEmptyContent: true });
    const code = printParseErrorCode(first.error);
    const fatal: SyntaxProblem = trailingComma(text, first.offset) ?? fragment(text, tree, first.offset) ?? truncated(text, source, first) ?? {
      ruleId: "syntax",
      message: `JSON syntax error: ${explain(code, text, first.offset, first.length)}`,
      start: first.offset,
      end: first.offset + Math.max(first.length, 1),
      pathSegments: [],
    };
    return { source, format: "json", comments, documents: [{ root: undefined, fatal, problems: [] }] };
  }
  return { source, format: "json", comments, documents: [{ root, problems }] };
}

/** The parser's complaint in words that point at the usual cause. */
function explain(code: string, text: string, offset: number, length: number): string {
  const token = text.slice(offset, offset + Math.max(length, 1));
  if (code === "InvalidSymbol" || code === "PropertyNameExpected" || code === "ValueExpected") {
    if (token.startsWith("'")) return "strings and property names need double quotes, not single quotes";
    if (/^[A-Za-z_$]/.test(token)) {
      const word = /^[\w$.-]+/.exec(text.slice(offset))![0];
      if (/^\s*:/.test(text.slice(offset + word.length))) return `the property name ${word} needs double quotes`;
      if (/^(?:tru|fals|nul|True|False|None|NULL|TRUE|FALSE|undefined)/.test(word)) return `${quote(word)} is not a JSON value; the bare words are true, false and null`;
      return `unexpected word ${quote(word)}: text values need double quotes`;
    }
    if (token.startsWith("<")) return "unexpected '<': a placeholder such as <minutes> must be replaced by a value (or quoted)";
    if (token.startsWith(".")) return "unexpected '.': an elision such as ... is not JSON";
  }
  if (code === "CommaExpected") {
    const before = text.slice(0, offset).trimEnd();
    const sameLine = !/[\r\n]/.test(text.slice(before.length, offset));
    return sameLine ? "expected ',' between the two values" : MESSAGES[code]!;
  }
  return MESSAGES[code] ?? code;
}

/** Templates nest about ten levels; far deeper input is not a template and would exhaust the stack. */
export const MAX_DEPTH = 200;

export function nestingProblem(offset: number): SyntaxProblem {
  return { ruleId: "syntax", message: `the document nests deeper than ${MAX_DEPTH} levels; it is not an image template`, start: offset, end: offset + 1, pathSegments: [] };
}

/**
 * Offset of the first bracket nested deeper than `limit`. It reads the parser's own tokens (a line comment
 * ends at CR too, a string at a raw line break), so it sees the nesting the parser would recurse into. A
 * closing bracket of the wrong kind does not close anything here: the count never falls below the parser's.
 */
function nestingOverflow(text: string, limit: number): number | undefined {
  if (!/[[{]/.test(text)) return undefined;
  const open: number[] = [];
  const scanner = createScanner(text, true);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      open.push(kind);
      if (open.length > limit) return scanner.getTokenOffset();
    } else if (kind === SyntaxKind.CloseBraceToken) {
      if (open[open.length - 1] === SyntaxKind.OpenBraceToken) open.pop();
    } else if (kind === SyntaxKind.CloseBracketToken) {
      if (open[open.length - 1] === SyntaxKind.OpenBracketToken) open.pop();
    }
  }
  return undefined;
}

/** `"identity": {...}` with no enclosing object: a snippet copied from the documentation. */
function fragment(text: string, tree: JsoncNode | undefined, offset: number): SyntaxProblem | undefined {
  if (tree?.type !== "string" || text.slice(tree.offset + tree.length).trimStart()[0] !== ":") return undefined;
  return {
    ruleId: "syntax",
    message: `JSON syntax error: the file starts with a property (${quote(String(tree.value))}: …) outside any object; it looks like a fragment of a template (wrap it in { })`,
    start: tree.offset,
    end: Math.max(offset, tree.offset + tree.length),
    pathSegments: [],
  };
}

/** The file stops before its brackets are closed (cut short by a copy or a download): name the innermost open one. */
function truncated(text: string, source: SourceText, first: ParseError): SyntaxProblem | undefined {
  const end = text.trimEnd().length;
  if (first.offset + first.length < end) return undefined;
  const open = openBrackets(text);
  const inner = open[open.length - 1];
  if (inner === undefined) return undefined;
  const what = text[inner] === "{" ? "object" : "array";
  const key = /"((?:[^"\\]|\\.)*)"\s*:\s*$/.exec(text.slice(Math.max(0, inner - 200), inner))?.[1];
  const parent = open.length > 1 ? /"((?:[^"\\]|\\.)*)"\s*:\s*$/.exec(text.slice(Math.max(0, open[open.length - 2]! - 200), open[open.length - 2]!))?.[1] : undefined;
  const name = key !== undefined ? `the ${quote(key)} ${what}` : parent !== undefined && text[open[open.length - 2]!] === "[" ? `an ${what} in ${quote(parent)}` : `the ${what}`;
  const more = open.length > 1 ? ` (${open.length - 1} enclosing ${open.length === 2 ? "level is" : "levels are"} open too)` : "";
  return {
    ruleId: "syntax",
    message: `JSON syntax error: the file ends ${printParseErrorCode(first.error) === "UnexpectedEndOfString" ? "inside a string that is not closed, " : ""}before ${name} opened at line ${source.position(inner).line} is closed${more}; is the file truncated?`,
    start: end,
    end,
    pathSegments: [],
  };
}

/** Offsets of the brackets still open at the end of the text, outermost first, by the parser's own tokens. */
function openBrackets(text: string): number[] {
  const stack: number[] = [];
  const scanner = createScanner(text, true);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) stack.push(scanner.getTokenOffset());
    else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) stack.pop();
  }
  return stack;
}

/** A `,` right before `]` or `}`: point at the comma, which is what has to go. */
function trailingComma(text: string, offset: number): SyntaxProblem | undefined {
  const close = text[offset];
  if (close !== "]" && close !== "}") return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  if (text[i] !== ",") return undefined;
  return { ruleId: "syntax", message: `JSON syntax error: trailing comma before '${close}' (JSON does not allow one)`, start: i, end: i + 1, pathSegments: [] };
}

interface ConvertContext {
  source: SourceText;
  problems: SyntaxProblem[];
}

type Frame = { node: BuiltObject; seen: Map<string, number>; key?: { key: string; keyStart: number; keyEnd: number } } | { node: BuiltArray };

/**
 * Builds the position-carrying tree straight from the parser's events (no intermediate tree of the
 * parser's own, which would double the memory a large file takes). Undefined on a syntax error.
 */
function build(text: string, errors: ParseError[], ctx: ConvertContext): ValueNode | undefined {
  let root: ValueNode | undefined;
  const stack: Frame[] = [];
  /** Where the next value goes. */
  const place = (node: ValueNode): void => {
    const top = stack[stack.length - 1];
    if (!top) root ??= node;
    else if (top.node.kind === "array") top.node.items.push(node);
    else if ("seen" in top && top.key) {
      const { key, keyStart, keyEnd } = top.key;
      top.node.members.push({ key, keyStart, keyEnd, value: node });
      top.key = undefined;
    }
  };
  /** The next value's parent and its key or index there. */
  const position = (): [Built | undefined, PathSegment | undefined] => {
    const top = stack[stack.length - 1];
    if (!top) return [undefined, undefined];
    if (top.node.kind === "array") return [top.node, top.node.items.length];
    return "seen" in top && top.key ? [top.node, top.key.key] : [undefined, undefined];
  };
  visit(
    text,
    {
      onObjectBegin(offset) {
        const node = new BuiltObject(offset, offset, ...position());
        place(node);
        stack.push({ node, seen: new Map() });
      },
      onObjectProperty(key, offset, length) {
        const top = stack[stack.length - 1];
        if (!top || !("seen" in top)) return;
        const earlier = top.seen.get(key);
        if (earlier !== undefined) ctx.problems.push(duplicateKey(ctx.source, key, earlier, offset, offset + length, top.node.path));
        top.seen.set(key, offset);
        top.key = { key, keyStart: offset, keyEnd: offset + length };
      },
      onObjectEnd(offset, length) {
        const top = stack.pop();
        if (top?.node.kind !== "object") return;
        top.node.end = offset + length;
        top.node.members = top.node.members.slice(); // exact size: an array grown by push keeps spare room
      },
      onArrayBegin(offset) {
        const node = new BuiltArray(offset, offset, ...position());
        place(node);
        stack.push({ node });
      },
      onArrayEnd(offset, length) {
        const top = stack.pop();
        if (top?.node.kind !== "array") return;
        top.node.end = offset + length;
        top.node.items = top.node.items.slice();
      },
      onLiteralValue(value: unknown, offset, length) {
        const start = offset;
        const end = offset + length;
        const at = position();
        const node = (
          typeof value === "string"
            ? new BuiltLeaf(value, start, end, ...at)
            : typeof value === "number"
              ? new BuiltLeaf(value, start, end, ...at)
              : typeof value === "boolean"
                ? new BuiltLeaf(value, start, end, ...at)
                : new BuiltLeaf(null, start, end, ...at)
        ) as ValueNode;
        if (typeof value === "number" && !Number.isFinite(value)) ctx.problems.push(nonFinite(ctx.source, start, end, node.path));
        place(node);
      },
      onError(error, offset, length) {
        errors.push({ error, offset, length });
      },
    },
    { disallowComments: false, allowTrailingComma: false, allowEmptyContent: true },
  );
  return errors.length > 0 ? undefined : root;
}

function collectComments(text: string): Comment[] {
  if (!text.includes("/")) return [];
  const out: Comment[] = [];
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) {
      const start = scanner.getTokenOffset();
      const end = start + scanner.getTokenLength();
      const raw = text.slice(start, end);
      const body = kind === SyntaxKind.LineCommentTrivia ? raw.slice(2) : raw.slice(2, raw.endsWith("*/") ? -2 : undefined);
      out.push({ text: body.trim(), start, end });
    }
  }
  return out;
}
