import { Chalk } from "chalk";
import type { Severity } from "../diagnostic.js";
import { summaryLine } from "./stylish.js";
import type { Formatter } from "./types.js";

/** actionlint-style: `file:line:col: severity: message [rule]`, then the source line with a caret under the value. */
export const pretty: Formatter = (results, context) => {
  const chalk = new Chalk({ level: context.color });
  const paint: Record<Severity, (s: string) => string> = { error: chalk.red, warning: chalk.yellow, info: chalk.blue };
  const blocks: string[] = [];
  for (const result of results) {
    const source = result.source;
    for (const d of result.diagnostics) {
      const { line, column } = d.range.start;
      const head = `${chalk.bold(`${result.file}:${line}:${column}:`)} ${paint[d.severity](`${d.severity}:`)} ${d.message} ${chalk.dim(`[${d.ruleId}]`)}`;
      if (!source) {
        blocks.push(head);
        continue;
      }
      const text = source.line(line).replace(/\t/g, " ");
      const gutter = String(line).length;
      const endColumn = d.range.end.line === line ? d.range.end.column : text.length + 1;
      const width = Math.max(1, Math.min(endColumn, text.length + 1) - column);
      const caret = `${" ".repeat(Math.max(0, column - 1))}${paint[d.severity](`^${"~".repeat(width - 1)}`)}`;
      blocks.push([head, `${" ".repeat(gutter)} |`, `${chalk.dim(String(line))} | ${text}`, `${" ".repeat(gutter)} | ${caret}`].join("\n"));
    }
  }
  return `${blocks.join("\n\n")}${blocks.length ? "\n\n" : ""}${summaryLine(results, chalk, context.hidden)}\n`;
};
