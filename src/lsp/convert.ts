/** aib-lint's diagnostics and fixes in LSP terms (0-based lines, UTF-16 characters, as aib-lint's columns). */
import type { Diagnostic as LspDiagnostic, Range as LspRange, TextEdit as LspTextEdit } from "vscode-languageserver/node.js";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import type { Diagnostic, Fix, Range, Related } from "../core/diagnostic.js";
import { ruleHelpUri } from "../report/rule-docs.js";

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

/** aib-lint reads the text after a byte-order mark; the editor's text may still hold one. */
export function bomLength(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

export function toLspRange(range: Range, bom = 0): LspRange {
  const shift = (line: number) => (line === 1 ? bom : 0);
  return {
    start: { line: range.start.line - 1, character: range.start.column - 1 + shift(range.start.line) },
    end: { line: range.end.line - 1, character: range.end.column - 1 + shift(range.end.line) },
  };
}

/** `site`: the configured homepage (package.json's by default); without one there is no link, never a guessed address. */
export function toLspDiagnostic(d: Diagnostic, uri: string, bom: number, site?: string): LspDiagnostic {
  const href = ruleHelpUri(d.ruleId, site);
  return {
    range: toLspRange(d.range, bom),
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    source: "aib-lint",
    message: d.message,
    ...(d.related?.length ? { relatedInformation: d.related.map((r) => ({ location: relatedLocation(r, uri, bom), message: r.message })) } : {}),
  };
}

/** A related place in another file named by its absolute path (a module the language server read) is in that file. */
function relatedLocation(r: Related, uri: string, bom: number): { uri: string; range: LspRange } {
  if (r.file && isAbsolute(r.file)) return { uri: pathToFileURL(r.file).href, range: toLspRange(r.range, 0) };
  return { uri, range: toLspRange(r.range, bom) };
}

export function toLspEdits(fix: Fix, document: TextDocument): LspTextEdit[] {
  const bom = bomLength(document.getText());
  return fix.edits.map((e) => ({ range: { start: document.positionAt(e.start + bom), end: document.positionAt(e.end + bom) }, newText: e.text }));
}

export function rangesOverlap(a: LspRange, b: LspRange): boolean {
  const before = (x: LspRange["start"], y: LspRange["start"]) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
