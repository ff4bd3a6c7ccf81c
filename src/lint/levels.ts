import { SEVERITY_RANK, type Diagnostic } from "../core/diagnostic.js";
import { ruleMeta } from "./catalog.js";
import type { RuleSetting } from "../core/rule-meta.js";

/** A configured level replaces the rule's default; a finding the rule itself reported lower keeps its level unless capped. */
export function applyLevels(diagnostics: Diagnostic[], levels: Readonly<Record<string, RuleSetting>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const level = levels[d.ruleId]?.level;
    if (level === undefined) out.push(d);
    else if (level !== "off") {
      const defaultSeverity = ruleMeta(d.ruleId)?.severity;
      const severity = d.severity === defaultSeverity || SEVERITY_RANK[d.severity] > SEVERITY_RANK[level] ? level : d.severity;
      out.push(severity === d.severity ? d : { ...d, severity });
    }
  }
  return out;
}
