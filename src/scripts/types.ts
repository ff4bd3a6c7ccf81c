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

/** ShellCheck's findings for a script text, or undefined when that script was not checked. */
export type ShellcheckLookup = (script: string) => readonly ShellFinding[] | undefined;
