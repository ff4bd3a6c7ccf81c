/** SARIF 2.1.0 `fixes` of a result: artifactChanges with replacements (deletedRegion + insertedContent). */
import type { Fix, TextEdit } from "../core/diagnostic.js";
import type { SourceText } from "../core/source.js";
import { sarifMessage } from "./escape.js";

function region(edit: TextEdit, source: SourceText | undefined): Record<string, number> {
  if (!source) return { charOffset: edit.start, charLength: edit.end - edit.start };
  const { start, end } = source.range(edit.start, edit.end);
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

export function sarifFixes(fixes: readonly Fix[] | undefined, source: SourceText | undefined, artifactLocation: Record<string, string>): { fixes?: unknown[] } {
  if (!fixes?.length) return {};
  return {
    fixes: fixes.map((fix) => ({
      description: { text: sarifMessage(fix.description) },
      artifactChanges: [{ artifactLocation, replacements: fix.edits.map((e) => ({ deletedRegion: region(e, source), insertedContent: { text: e.text } })) }],
    })),
  };
}
