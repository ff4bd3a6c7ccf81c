/** ShellCheck's findings in a local script file (reached through a URI mapping), as a report entry of their own. */
import { readFileSync } from "node:fs";
import { applyLevels } from "../config/levels.js";
import type { RuleSetting } from "../config/types.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostic.js";
import type { FileResult } from "../lint.js";
import { SourceText } from "../parse/source.js";
import type { ShellFinding } from "./types.js";

export function scriptFileResult(file: string, path: string, findings: readonly ShellFinding[], levels: Readonly<Record<string, RuleSetting>>): FileResult {
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch {
    // the findings still carry their lines
  }
  const diagnostics: Diagnostic[] = findings.map((f) => ({
    file,
    range: { start: { line: f.line, column: f.column }, end: { line: f.endLine, column: f.endColumn } },
    severity: f.severity,
    ruleId: "shellcheck",
    message: `SC${f.code}: ${f.message}`,
    path: "",
  }));
  const kept = applyLevels(diagnostics, levels).sort(compareDiagnostics);
  return { file, diagnostics: kept, templates: [], source: new SourceText(text) };
}
