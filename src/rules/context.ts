import type { Report } from "./types.js";

/** Where a file's findings go: one per file, told which rule reports. */
export interface FindingSink {
  add(ruleId: string, report: Report): void;
}
