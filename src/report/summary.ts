import type { Diagnostic } from "../core/diagnostic.js";
import type { FileResult } from "../core/result.js";

export interface Counts {
  error: number;
  warning: number;
  info: number;
}

export function count(diagnostics: readonly Diagnostic[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

export function countAll(results: readonly FileResult[]): Counts {
  return count(results.flatMap((r) => r.diagnostics));
}
