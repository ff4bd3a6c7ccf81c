import type { FileResult } from "../core/result.js";

export interface ReportContext {
  /** Paths in reports are relative to this folder. */
  cwd: string;
  /** Colour level for terminal formats: 0 none. */
  color: 0 | 1 | 2 | 3;
  toolVersion: string;
  /** Findings --quiet hides that still fail the run, for the summary line. */
  hidden?: string;
}

export type Formatter = (results: readonly FileResult[], context: ReportContext) => string;
