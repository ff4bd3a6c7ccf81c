/** What linting a file gives every consumer: its findings, its templates, and its text for quoting. */
import type { Diagnostic, Range } from "./diagnostic.js";
import type { SourceText } from "./source.js";

export interface TemplateSummary {
  /** The template's literal name, or its JSON path. */
  name: string;
  path: string;
  range: Range;
  /** Its values checked, and those unknown before deployment with why (with LintOptions.valueStats). */
  values?: ValueStats;
}

export interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
  /** The image templates found. */
  templates: TemplateSummary[];
  /** The text with its line index, for formats that quote source lines. */
  source?: SourceText;
  /** The image templates linted through the modules the file calls, once per call. */
  modules?: number;
  /** With --fix or --fix-dry-run: the fixed text (with the file's BOM), when fixes changed it. */
  output?: string;
}

export interface ValueStats {
  /** Leaf values (strings, numbers, booleans) known and checked. */
  checked: number;
  /** Leaf values left unknown. */
  unknownCount: number;
  /** The first of them: where (relative to the resource) and why (`location: resourceGroup().location`). */
  unknown: { path: string; reason: string }[];
}
