import { createScanner, parseTree, printParseErrorCode, SyntaxKind, type Node as JsoncNode, type ParseError } from "jsonc-parser";
import type { Member, PathSegment, ValueNode } from "./ast.js";
import { duplicateKey, type Comment, type ParsedFile, type SyntaxProblem } from "./parsed.js";
import { parseJsonFast } from "./json-fast.js";
import { SourceText } from "./source.js";


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
  const fast = parseJsonFast(text, source, MAX_DEPTH);
  if (fast) return { source, format: "json", comments: () => fast.comments, documents: [{ root: fast.root, problems: fast.problems }] };
  const comments = () => collectComments(text);
  const tooDeep = nestingOverflow(text, MAX_DEPTH);
  if (tooDeep !== undefined) return { source, format: "json", comments, documents: [{ root: undefined, fatal: nestingProblem(tooDeep), problems: [] }] };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: false, allowTrailingComma: false, allowEmptyContent: true });
  if (errors.length > 0) {
    const first = errors[0]!;
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
  const problems: SyntaxProblem[] = [];
  const root = tree ? convert(tree, [], { source, problems }) : undefined;
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
      if (/^(?:tru|fals|nul|True|False|None|NULL|TRUE|FALSE|undefined)/.test(word)) return `"${word}" is not a JSON value; the bare words are true, false and null`;
      return `unexpected word "${word}": text values need double quotes`;
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

/** Offset of the first bracket nested deeper than `limit` (the parser recurses), outside strings and comments. */
function nestingOverflow(text: string, limit: number): number | undefined {
  let depth = 0;
  let found: number | undefined;
  forEachBracket(text, (offset, open) => {
    depth += open ? 1 : -1;
    if (depth > limit) found = offset;
    return found !== undefined;
  });
  return found;
}

/** Calls `visit` for each bracket outside strings and comments, until it returns true. */
function forEachBracket(text: string, visit: (offset: number, open: boolean) => boolean | void): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if ((c === 123 || c === 91 || c === 125 || c === 93) && visit(i, c === 123 || c === 91)) return;
  }
}

/** `"identity": {...}` with no enclosing object: a snippet copied from the documentation. */
function fragment(text: string, tree: JsoncNode | undefined, offset: number): SyntaxProblem | undefined {
  if (tree?.type !== "string" || text.slice(tree.offset + tree.length).trimStart()[0] !== ":") return undefined;
  return {
    ruleId: "syntax",
    message: `JSON syntax error: the file starts with a property ("${String(tree.value)}": …) outside any object; it looks like a fragment of a template (wrap it in { })`,
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
  const name = key !== undefined ? `the "${key}" ${what}` : parent !== undefined && text[open[open.length - 2]!] === "[" ? `an ${what} in "${parent}"` : `the ${what}`;
  const more = open.length > 1 ? ` (${open.length - 1} enclosing ${open.length === 2 ? "level is" : "levels are"} open too)` : "";
  return {
    ruleId: "syntax",
    message: `JSON syntax error: the file ends ${printParseErrorCode(first.error) === "UnexpectedEndOfString" ? "inside a string that is not closed, " : ""}before ${name} opened at line ${source.position(inner).line} is closed${more}; is the file truncated?`,
    start: end,
    end,
    pathSegments: [],
  };
}

/** Offsets of the brackets still open at the end of the text, outermost first (strings and comments skipped). */
function openBrackets(text: string): number[] {
  const stack: number[] = [];
  forEachBracket(text, (offset, open) => {
    if (open) stack.push(offset);
    else stack.pop();
  });
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

function convert(node: JsoncNode, path: PathSegment[], ctx: ConvertContext): ValueNode {
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case "object": {
      const members: Member[] = [];
      const seen = new Map<string, number>();
      for (const prop of node.children ?? []) {
        const [keyNode, valueNode] = prop.children ?? [];
        if (!keyNode || !valueNode) continue;
        const key = String(keyNode.value);
        const keyStart = keyNode.offset;
        const keyEnd = keyNode.offset + keyNode.length;
        const earlier = seen.get(key);
        if (earlier !== undefined) ctx.problems.push(duplicateKey(ctx.source, key, earlier, keyStart, keyEnd, path));
        seen.set(key, keyStart);
        members.push({ key, keyStart, keyEnd, value: convert(valueNode, [...path, key], ctx) });
      }
      return { kind: "object", start, end, path, members };
    }
    case "array":
      return { kind: "array", start, end, path, items: (node.children ?? []).map((c, i) => convert(c, [...path, i], ctx)) };
    case "string":
      return { kind: "string", start, end, path, value: node.value as string };
    case "number":
      return { kind: "number", start, end, path, value: node.value as number };
    case "boolean":
      return { kind: "boolean", start, end, path, value: node.value as boolean };
    default:
      return { kind: "null", start, end, path, value: null };
  }
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
