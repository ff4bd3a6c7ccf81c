/** Fix, re-lint, repeat: a fix can reveal another (a property is only checked once its object's type is right). */
import type { Diagnostic } from "../core/diagnostic.js";
import { lintText, type LintInput, type LintOptions } from "../lint/index.js";
import { type FileResult } from "../core/result.js";
import { applyFixes } from "../edit/apply.js";

export const MAX_PASSES = 10;

export interface FixOutcome {
  /** The findings left in the fixed text, with `output` set when the text changed. */
  result: FileResult;
  /** The fixed text, with the input's BOM if it had one. */
  output: string;
  changed: boolean;
  passes: number;
  /** The findings whose fixes were applied, pass by pass (ranges in the text of their pass). */
  fixed: Diagnostic[];
  /** Fixes applied, by rule id. */
  fixedByRule: Record<string, number>;
}

const BOM = "\ufeff";

/** Findings that mean the text no longer parses as it did. */
const broken = (r: FileResult): number => r.diagnostics.filter((d: Diagnostic) => d.ruleId === "syntax" || d.ruleId === "duplicate-key").length;

export function fixText(given: LintInput, options: LintOptions = {}, maxPasses = MAX_PASSES): FixOutcome {
  // each pass parses its own text
  const { parsed: _parsed, ...input } = given;
  const bom = input.text.startsWith(BOM) ? BOM : "";
  let text = input.text.slice(bom.length);
  let result = lintText({ ...input, text }, options);
  const fixedByRule: Record<string, number> = {};
  const allFixed: Diagnostic[] = [];
  let passes = 0;
  while (passes < maxPasses) {
    const { output, fixed } = applyFixes(text, result.diagnostics);
    if (fixed.length === 0 || output === text) break;
    const next = lintText({ ...input, text: output }, options);
    if (broken(next) > broken(result)) break; // never trade a finding for a file that parses worse
    passes++;
    for (const d of fixed) fixedByRule[d.ruleId] = (fixedByRule[d.ruleId] ?? 0) + 1;
    for (const d of fixed) allFixed.push(d); // no spread: 100,000s of arguments overflow the stack
    text = output;
    result = next;
  }
  const changed = passes > 0;
  const output = bom + text;
  return { result: changed ? { ...result, output } : result, output, changed, passes, fixed: allFixed, fixedByRule };
}
