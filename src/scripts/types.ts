/** What the script checks hand to the rules: ShellCheck's findings, looked up by script text. */
import type { Severity } from "../diagnostic.js";

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

/** ShellCheck's findings by script text (a plain Map, so that it reaches worker threads); a script not in it was not checked. */
export type ShellcheckLookup = ReadonlyMap<string, readonly ShellFinding[]>;
