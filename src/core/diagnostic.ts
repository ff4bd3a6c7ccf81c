/** The one shape every stage reports problems in. Lines and columns are 1-based. */
/** A step of a JSON path: a member key or an array index. */
export type PathSegment = string | number;

export type Severity = "error" | "warning" | "info";

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Related {
  message: string;
  range: Range;
  /** Another file than the diagnostic's (a parameters file). */
  file?: string;
}

export interface Diagnostic {
  file: string;
  range: Range;
  severity: Severity;
  ruleId: string;
  message: string;
  /** JSON path of the offending value, e.g. `$.properties.customize[1].name`. */
  path: string;
  related?: Related[];
  /** Safe, meaning-preserving fixes (applied by --fix, offered by the language server). */
  fixes?: Fix[];
}

/** One replacement in the source text: offsets are UTF-16 indexes into the text as parsed (after a BOM). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  /** What the fix does, e.g. `rename "osDiskSizeGb" to "osDiskSizeGB"`. */
  description: string;
  edits: TextEdit[];
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compareText(a.file, b.file) || a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column || compareText(a.ruleId, b.ruleId);
}

/** By code unit, as folders are walked (not localeCompare, which loads ICU's collator). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A located span: a value node, or a member's key. */
export interface Located {
  start: number;
  end: number;
  path: PathSegment[];
}

export interface Report {
  at: Located;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. a warning-level variant). */
  severity?: Severity;
  related?: Related[];
  fixes?: Fix[];
}

