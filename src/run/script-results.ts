/** ShellCheck's findings in a local script file (reached through a URI mapping), or why it was not checked, as a report entry of their own. */
import { applyLevels } from "../lint/levels.js";
import type { RuleSetting } from "../core/rule-meta.js";
import { compareDiagnostics, type Diagnostic } from "../core/diagnostic.js";
import type { FileResult } from "../core/result.js";
import { isUnchecked, notChecked, type ShellcheckOutcome } from "../scripts/types.js";

export function scriptFileResult(file: string, outcome: ShellcheckOutcome, levels: Readonly<Record<string, RuleSetting>>): FileResult {
  const start = { line: 1, column: 1 };
  const findings = isUnchecked(outcome) ? [] : outcome;
  const diagnostics: Diagnostic[] = findings.map((f) => ({
    file,
    range: { start: { line: f.line, column: f.column }, end: { line: f.endLine, column: f.endColumn } },
    severity: f.severity,
    ruleId: "shellcheck",
    message: `SC${f.code}: ${f.message}`,
    path: "",
  }));
  if (isUnchecked(outcome)) diagnostics.push({ file, range: { start, end: start }, severity: "warning", ruleId: "shellcheck", message: notChecked(outcome.unchecked), path: "" });
  const kept = applyLevels(diagnostics, levels).sort(compareDiagnostics);
  // no source: a report never quotes a script file, which the template's repository may not hold (its lines could be anyone's)
  return { file, diagnostics: kept, templates: [] };
}

