import type { PathSegment, ValueNode } from "./ast.js";
import type { SourceText } from "./source.js";

export interface SyntaxProblem {
  /** Rule id: `syntax` for unparseable text, `duplicate-key` for a repeated key. */
  ruleId: "syntax" | "duplicate-key";
  message: string;
  start: number;
  end: number;
  /** JSON path of the problem. */
  pathSegments: PathSegment[];
  /** The repeated key, for duplicate-key. */
  key?: string;
  /** Overrides the rule's default severity. */
  severity?: "warning";
}

/** One parsed document; a YAML stream holds several. */
export interface ParsedDocument {
  root: ValueNode | undefined;
  /** A problem that stops the document from being linted further. */
  fatal?: SyntaxProblem;
  problems: SyntaxProblem[];
}

export interface ParsedFile {
  source: SourceText;
  format: "json" | "yaml" | "bicep";
  documents: ParsedDocument[];
  /** Comments with their offsets, for inline suppressions; computed on demand. */
  comments: () => Comment[];
}

export interface Comment {
  /** The comment's text without its markers, trimmed. */
  text: string;
  start: number;
  end: number;
}

/** A key repeated in one object: the later value silently replaces the earlier one. */
export function duplicateKey(source: SourceText, key: string, earlier: number, start: number, end: number, path: PathSegment[]): SyntaxProblem {
  return {
    ruleId: "duplicate-key",
    key,
    message: `duplicate key "${key}": the value at line ${source.position(earlier).line} is silently replaced by this one`,
    start,
    end,
    pathSegments: [...path, key],
  };
}
