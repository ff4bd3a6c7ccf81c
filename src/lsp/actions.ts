/** Code actions: each finding's fixes, and suppressions in the comment syntax the file allows. */
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit as LspTextEdit } from "vscode-languageserver/node.js";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic } from "../core/diagnostic.js";
import { multiLineStrings } from "../lint/suppress.js";
import { member, type ObjectNode } from "../parse/ast.js";
import { bomLength, toLspEdits } from "./convert.js";
import { locate } from "./locate.js";

/** How a suppression can be written: a line comment marker, or only the ARM resource's `metadata` (strict JSON). */
export type SuppressionSyntax = { comment: "//" | "#" } | { metadata: true };

/** YAML, Terraform and JSONC take comments; a `.json` file takes them only if it already has some (it may be read by strict parsers). */
export function suppressionSyntax(file: string, format: "json" | "yaml" | "bicep" | "terraform", hasComments: boolean): SuppressionSyntax {
  if (format === "yaml" || format === "terraform") return { comment: "#" };
  if (format === "bicep") return { comment: "//" };
  return file.toLowerCase().endsWith(".jsonc") || hasComments ? { comment: "//" } : { metadata: true };
}

export interface Finding {
  diagnostic: Diagnostic;
  lsp: LspDiagnostic;
}

export function codeActions(document: TextDocument, file: string, findings: readonly Finding[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const edit = (edits: LspTextEdit[]) => ({ changes: { [document.uri]: edits } });
  for (const { diagnostic, lsp } of findings) {
    const fixes = diagnostic.fixes ?? [];
    for (const fix of fixes) {
      actions.push({ title: fix.description, kind: "quickfix", diagnostics: [lsp], isPreferred: fixes.length === 1, edit: edit(toLspEdits(fix, document)) });
    }
  }
  const rules = [...new Map(findings.map((f) => [f.diagnostic.ruleId, f])).values()];
  if (rules.length === 0) return actions;
  const text = document.getText();
  const bom = bomLength(text);
  const parsedText = text.slice(bom);
  const located = locate(file, parsedText, 0);
  const syntax = suppressionSyntax(file, located.parsed.format, located.parsed.format === "json" && located.parsed.comments().length > 0);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  // (the parsed text's lines count from 1, the document's from 0; a byte-order mark adds no line)
  let strings: { from: number; to: number }[] | undefined;
  for (const { diagnostic, lsp } of rules) {
    const rule = diagnostic.ruleId;
    if ("comment" in syntax) {
      // inside a multi-line string the comment goes before the line where the string starts (a suppression there covers all of it)
      const findingLine = lsp.range.start.line + 1;
      strings ??= multiLineStrings(
        located.parsed.documents.map((d) => d.root),
        located.parsed.source,
        located.parsed.documents.flatMap((d) => d.verbatim ?? []),
      );
      const string = strings.find((s) => s.from < findingLine && findingLine <= s.to);
      const line = string ? string.from - 1 : lsp.range.start.line;
      const indent = /^[ \t]*/.exec(lineText(document, line))![0];
      actions.push({
        title: `Disable ${rule} for this line`,
        kind: "quickfix",
        diagnostics: [lsp],
        edit: edit([{ range: at(line, 0), newText: `${indent}${syntax.comment} aib-lint-disable-next-line ${rule}${eol}` }]),
      });
      actions.push({
        title: `Disable ${rule} for this file`,
        kind: "quickfix",
        diagnostics: [lsp],
        edit: edit([{ range: at(0, bom), newText: `${syntax.comment} aib-lint-disable ${rule}${eol}` }]),
      });
    } else {
      const offset = document.offsetAt(lsp.range.start) - bom;
      const template = locate(file, parsedText, offset).template?.node;
      const edits = template ? metadataEdits(template, rule, parsedText) : undefined;
      if (edits) {
        actions.push({
          title: `Disable ${rule} for this template (ARM "metadata": {"aib-lint": {"disable": […]}})`,
          kind: "quickfix",
          diagnostics: [lsp],
          edit: edit(edits.map((e) => ({ range: { start: document.positionAt(e.offset + bom), end: document.positionAt(e.offset + bom) }, newText: e.text }))),
        });
      }
    }
  }
  return actions;
}

function at(line: number, character: number) {
  return { start: { line, character }, end: { line, character } };
}

function lineText(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
}

/** Insertions that add `rule` to the template's `metadata.aib-lint.disable`, creating what is missing. */
export function metadataEdits(template: ObjectNode, rule: string, text: string): { offset: number; text: string }[] | undefined {
  const quoted = JSON.stringify(rule);
  const metadata = member(template, "metadata")?.value;
  if (!metadata) {
    const first = template.members[0];
    if (!first) return [{ offset: template.start + 1, text: `"metadata": {"aib-lint": {"disable": [${quoted}]}}` }];
    const lineStart = text.lastIndexOf("\n", first.keyStart - 1) + 1;
    const indent = text.slice(lineStart, first.keyStart);
    const sameLine = !/^[ \t]*$/.test(indent);
    return [{ offset: sameLine ? first.keyStart : lineStart, text: sameLine ? `"metadata": {"aib-lint": {"disable": [${quoted}]}}, ` : `${indent}"metadata": {"aib-lint": {"disable": [${quoted}]}},${text.includes("\r\n") ? "\r\n" : "\n"}` }];
  }
  if (metadata.kind !== "object") return undefined;
  const own = member(metadata, "aib-lint")?.value;
  if (!own) return [{ offset: metadata.start + 1, text: `"aib-lint": {"disable": [${quoted}]}${metadata.members.length ? ", " : ""}` }];
  if (own.kind !== "object") return undefined;
  const disable = member(own, "disable")?.value;
  if (!disable) return [{ offset: own.start + 1, text: `"disable": [${quoted}]${own.members.length ? ", " : ""}` }];
  if (disable.kind !== "array") return undefined;
  const last = disable.items[disable.items.length - 1];
  return [last ? { offset: last.end, text: `, ${quoted}` } : { offset: disable.start + 1, text: quoted }];
}
