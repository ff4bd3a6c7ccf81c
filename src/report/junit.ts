import type { Diagnostic } from "../diagnostic.js";
import type { FileResult } from "../lint.js";
import { displayText } from "./escape.js";
import type { Formatter } from "./types.js";

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot carry. */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

interface Case {
  name: string;
  findings: Diagnostic[];
}

/** Findings grouped by the template whose range holds them; the rest belong to the file itself. */
function cases(result: FileResult): Case[] {
  const templates: Case[] = result.templates.map((t) => ({ name: `template ${t.name}`, findings: [] }));
  const file: Case = { name: "file", findings: [] };
  for (const d of result.diagnostics) {
    const index = result.templates.findIndex((t) => inside(d, t.range));
    (index >= 0 ? templates[index]! : file).findings.push(d);
  }
  return file.findings.length || templates.length === 0 ? [file, ...templates] : templates;
}

function inside(d: Diagnostic, range: { start: { line: number; column: number }; end: { line: number; column: number } }): boolean {
  const { line, column } = d.range.start;
  const after = line > range.start.line || (line === range.start.line && column >= range.start.column);
  const before = line < range.end.line || (line === range.end.line && column <= range.end.column);
  return after && before;
}

/**
 * JUnit XML for Azure Pipelines' PublishTestResults and GitLab: a testsuite per file, a testcase per
 * template, a failure per error-level finding (warnings and notes go to system-out).
 */
export const junit: Formatter = (raw) => {
  // values from files are escaped first (a CI log shows this report when it goes to stdout); XML escaping follows
  const results = raw.map((r) => ({
    ...r,
    file: displayText(r.file),
    diagnostics: r.diagnostics.map((d) => ({ ...d, message: displayText(d.message), ruleId: displayText(d.ruleId), path: displayText(d.path) })),
    templates: r.templates.map((t) => ({ ...t, name: displayText(t.name) })),
  }));
  const perFile = results.map(cases);
  const suites = results.map((result, index) => {
    const list = perFile[index]!;
    const failures = result.diagnostics.filter((d) => d.severity === "error").length;
    const body = list.map((c) => {
      const errors = c.findings.filter((d) => d.severity === "error");
      const others = c.findings.filter((d) => d.severity !== "error");
      const lines = [`    <testcase name="${xml(c.name)}" classname="${xml(result.file)}">`];
      for (const d of errors) {
        const where = `${result.file}:${d.range.start.line}:${d.range.start.column}`;
        lines.push(`      <failure message="${xml(`${where} ${d.message}`)}" type="${xml(d.ruleId)}">${xml(`${where}\n${d.ruleId}: ${d.message}\npath: ${d.path}`)}</failure>`);
      }
      if (others.length) {
        const text = others.map((d) => `${result.file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.ruleId}: ${d.message}`).join("\n");
        lines.push(`      <system-out>${xml(text)}</system-out>`);
      }
      lines.push("    </testcase>");
      return lines.join("\n");
    });
    return [`  <testsuite name="${xml(result.file)}" tests="${list.length}" failures="${failures}" errors="0" skipped="0">`, ...body, "  </testsuite>"].join("\n");
  });
  const tests = perFile.reduce((n, list) => n + list.length, 0);
  const failures = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === "error").length, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="aib-lint" tests="${tests}" failures="${failures}" errors="0">\n${suites.join("\n")}${suites.length ? "\n" : ""}</testsuites>\n`;
};
