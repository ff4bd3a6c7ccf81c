import { Chalk, type ChalkInstance } from "chalk";
import type { Severity } from "../core/diagnostic.js";
import { plural } from "../util/text.js";
import { displayText } from "./escape.js";
import { countAll } from "./summary.js";
import type { Formatter } from "./types.js";

/** ESLint's stylish layout: a header per file, `line:col  severity  message  rule`, then a summary. */
export const stylish: Formatter = (results, context) => {
  const chalk = new Chalk({ level: context.color });
  const paint: Record<Severity, (s: string) => string> = { error: chalk.red, warning: chalk.yellow, info: chalk.blue };
  const lines: string[] = [];
  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    lines.push(chalk.underline(displayText(result.file)));
    const rows = result.diagnostics.map((d) => [`${d.file === result.file ? "" : `${displayText(d.file)}:`}${d.range.start.line}:${d.range.start.column}`, d.severity, displayText(d.message), displayText(d.ruleId)] as const);
    const posWidth = rows.reduce((w, r) => Math.max(w, r[0].length), 0);
    const sevWidth = rows.reduce((w, r) => Math.max(w, r[1].length), 0);
    for (const [pos, severity, message, rule] of rows) {
      lines.push(`  ${chalk.dim(pos.padEnd(posWidth))}  ${paint[severity](severity.padEnd(sevWidth))}  ${message}  ${chalk.dim(rule)}`);
    }
    lines.push("");
  }
  lines.push(summaryLine(results, chalk, context.hidden));
  return `${lines.join("\n")}\n`;
};

/** `✖ 3 problems (2 errors, 1 warning) in 1 file (1 template)`, or `✔ … no problems`. */
export function summaryLine(results: Parameters<Formatter>[0], chalk: ChalkInstance, hidden?: string): string {
  const counts = countAll(results);
  const total = counts.error + counts.warning + counts.info;
  const files = plural(results.length, "file");
  const templates = plural(results.reduce((n, r) => n + r.templates.length, 0), "template");
  if (total === 0 && hidden) return chalk.yellow.bold(`✖ ${files} checked (${templates}): ${hidden}`);
  if (total === 0) return chalk.green(`✔ ${files} checked (${templates}): no problems`);
  const summary = `✖ ${plural(total, "problem")} (${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}${counts.info ? `, ${plural(counts.info, "note")}` : ""}) in ${files} (${templates})`;
  return (counts.error ? chalk.red : counts.warning ? chalk.yellow : chalk.blue).bold(hidden ? `${summary}; ${hidden}` : summary);
}
