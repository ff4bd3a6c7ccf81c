import type { PathSegment, ValueNode } from "./ast.js";
import type { SourceText } from "./source.js";
import { quote } from "../util/text.js";

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
  /** YAML: the anchored nodes that aliases read; a fix inside one would change the aliases' values too. */
  shared?: SharedNode[];
}

export interface SharedNode {
  start: number;
  end: number;
  anchor: string;
  /** Where the first alias that reads it is written. */
  alias: { start: number; end: number };
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
    message: `duplicate key ${quote(key)}: the value at line ${source.position(earlier).line} is silently replaced by this one`,
    start,
    end,
    pathSegments: [...path, key],
  };
}

/** A number that overflows a double (1e400) or YAML's .inf/.nan: JSON has no such value. */
export function nonFinite(source: SourceText, start: number, end: number, path: PathSegment[]): SyntaxProblem {
  const written = source.text.slice(start, Math.min(end, start + 100)).trim();
  return { ruleId: "syntax", message: `${quote(written)} is not a finite number: JSON has no infinity or NaN, so the service cannot read it`, start, end, pathSegments: [...path] };
}
