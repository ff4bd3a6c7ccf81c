import type { Diagnostic } from "../core/diagnostic.js";
import type { FileResult } from "../core/result.js";
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

interface Group {
  name: string;
  findings: Diagnostic[];
}

/**
 * Findings grouped by the template they are about: the one whose range holds them, or for a finding that
 * stands in another file (a parameters file, a variable's default elsewhere) the one whose path leads to
 * it; the rest belong to the file itself (a group only when it has any).
 */
function groups(result: FileResult): Group[] {
  const templates: Group[] = result.templates.map((t) => ({ name: `template ${t.name}`, findings: [] }));
  const file: Group = { name: "file", findings: [] };
  for (const d of result.diagnostics) {
    let index = d.file === result.file ? result.templates.findIndex((t) => inside(d, t.range)) : -1;
    if (index < 0) index = result.templates.findIndex((t) => t.path !== "$" && within(d.path, t.path));
    (index >= 0 ? templates[index]! : file).findings.push(d);
  }
  return file.findings.length ? [file, ...templates] : templates;
}

/** Whether a JSON path is `prefix` or below it. */
function within(path: string, prefix: string): boolean {
  return path === prefix || (path.startsWith(prefix) && (path[prefix.length] === "." || path[prefix.length] === "["));
}

function inside(d: Diagnostic, range: { start: { line: number; column: number }; end: { line: number; column: number } }): boolean {
  const { line, column } = d.range.start;
  const after = line > range.start.line || (line === range.start.line && column >= range.start.column);
  const before = line < range.end.line || (line === range.end.line && column <= range.end.column);
  return after && before;
}

/** A group's test cases: one failing case per error-level finding, or one passing case; warnings and notes go to the first case's system-out. */
function testcases(group: Group, file: string): { xml: string; failed: boolean }[] {
  const at = (d: Diagnostic) => `${d.file}:${d.range.start.line}:${d.range.start.column}`;
  const errors = group.findings.filter((d) => d.severity === "error");
  const others = group.findings.filter((d) => d.severity !== "error");
  const out = (errors.length ? errors : [undefined]).map((d) => {
    const where = d && d.file !== file ? `${d.file}:` : "";
    const name = d ? `${group.name}: ${d.ruleId} at ${where}${d.range.start.line}:${d.range.start.column}` : group.name;
    const lines = [`    <testcase name="${xml(name)}" classname="${xml(file)}">`];
    if (d) lines.push(`      <failure message="${xml(`${at(d)} ${d.message}`)}" type="${xml(d.ruleId)}">${xml(`${at(d)}\n${d.ruleId}: ${d.message}\npath: ${d.path}`)}</failure>`);
    return { lines, failed: d !== undefined };
  });
  if (others.length) out[0]!.lines.push(`      <system-out>${xml(others.map((d) => `${at(d)} ${d.severity} ${d.ruleId}: ${d.message}`).join("\n"))}</system-out>`);
  return out.map(({ lines, failed }) => ({ xml: [...lines, "    </testcase>"].join("\n"), failed }));
}

/**
 * JUnit XML for Azure Pipelines' PublishTestResults and GitLab: a testsuite per file that holds a template
 * or a finding (parameters files and other non-templates are no tests), a failing testcase per error-level
 * finding, as ESLint's JUnit formatter has, and a passing one per template without errors. Warnings and
 * notes go to system-out. So failures never exceed tests.
 */
export const junit: Formatter = (raw) => {
  // values from files are escaped first (a CI log shows this report when it goes to stdout); XML escaping follows
  const results = raw.map((r) => ({
    ...r,
    file: displayText(r.file),
    diagnostics: r.diagnostics.map((d) => ({ ...d, file: displayText(d.file), message: displayText(d.message), ruleId: displayText(d.ruleId), path: displayText(d.path) })),
    templates: r.templates.map((t) => ({ ...t, name: displayText(t.name) })),
  }));
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const result of results) {
    const cases = groups(result).flatMap((g) => testcases(g, result.file));
    if (cases.length === 0) continue;
    const failed = cases.filter((c) => c.failed).length;
    tests += cases.length;
    failures += failed;
    suites.push([`  <testsuite name="${xml(result.file)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0">`, ...cases.map((c) => c.xml), "  </testsuite>"].join("\n"));
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="aib-lint" tests="${tests}" failures="${failures}" errors="0">\n${suites.join("\n")}${suites.length ? "\n" : ""}</testsuites>\n`;
};
