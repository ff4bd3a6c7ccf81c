/** What the script checks hand to the rules: ShellCheck's findings, looked up by script text. */
import type { Severity } from "../core/diagnostic.js";

export interface ShellFinding {
  /** 1-based, in the script as ShellCheck read it. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  /** ShellCheck's code, e.g. 2086 (shown as SC2086). */
  code: number;
  message: string;
}

/** A script ShellCheck did not check (too big, or ShellCheck failed, ran out of memory or time), and why. */
export interface Unchecked {
  unchecked: string;
}

/** ShellCheck's findings in one script, or why there are none to give. */
export type ShellcheckOutcome = readonly ShellFinding[] | Unchecked;

/** Outcomes by script text (a plain Map, so that it reaches worker threads); a script not in it was not given to ShellCheck (it is not installed, or was turned off). */
export type ShellcheckLookup = ReadonlyMap<string, ShellcheckOutcome>;

export function isUnchecked(outcome: ShellcheckOutcome): outcome is Unchecked {
  return !Array.isArray(outcome);
}

/** The finding for a script ShellCheck did not check: an unverified check is a warning, never a silent pass. */
export function notChecked(reason: string): string {
  return `not checked by ShellCheck: ${reason}`;
}
