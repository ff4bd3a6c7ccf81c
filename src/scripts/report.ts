/** ShellCheck's findings in a local script file (reached through a URI mapping), as a report entry of their own. */
import { applyLevels } from "../config/levels.js";
import type { RuleSetting } from "../config/types.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostic.js";
import type { FileResult } from "../lint.js";
import type { ShellFinding } from "./types.js";

export function scriptFileResult(file: string, findings: readonly ShellFinding[], levels: Readonly<Record<string, RuleSetting>>): FileResult {
  const diagnostics: Diagnostic[] = findings.map((f) => ({
    file,
    range: { start: { line: f.line, column: f.column }, end: { line: f.endLine, column: f.endColumn } },
    severity: f.severity,
    ruleId: "shellcheck",
    message: `SC${f.code}: ${f.message}`,
    path: "",
  }));
  const kept = applyLevels(diagnostics, levels).sort(compareDiagnostics);
  // no source: a report never quotes a script file, which the template's repository may not hold (its lines could be anyone's)
  return { file, diagnostics: kept, templates: [] };
}
