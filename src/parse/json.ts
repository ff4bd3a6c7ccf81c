import jsonc from "jsonc-parser";
import type { Node as JsoncNode, ParseError } from "jsonc-parser";
import { formatPath, type Member, type PathSegment, type ValueNode } from "./ast.js";
import type { Comment, ParsedFile, SyntaxProblem } from "./parsed.js";
import { SourceText } from "./source.js";

const { parseTree, createScanner, printParseErrorCode, SyntaxKind } = jsonc;

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
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: false, allowTrailingComma: false, allowEmptyContent: true });
  const comments = () => collectComments(text);
  if (errors.length > 0) {
    const first = errors[0]!;
    const code = printParseErrorCode(first.error);
    const fatal: SyntaxProblem = {
      ruleId: "syntax",
      message: `JSON syntax error: ${MESSAGES[code] ?? code}`,
      start: first.offset,
      end: first.offset + Math.max(first.length, 1),
      path: "$",
    };
    return { source, format: "json", comments, documents: [{ root: undefined, fatal, problems: [] }] };
  }
  const problems: SyntaxProblem[] = [];
  const root = tree ? convert(tree, [], { source, problems }) : undefined;
  return { source, format: "json", comments, documents: [{ root, problems }] };
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
        if (earlier !== undefined) {
          ctx.problems.push({
            ruleId: "duplicate-key",
            message: `duplicate key "${key}": the value at line ${ctx.source.position(earlier).line} is silently replaced by this one`,
            start: keyStart,
            end: keyEnd,
            path: formatPath([...path, key]),
          });
        }
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
