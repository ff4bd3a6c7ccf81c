import { Chalk } from "chalk";
import type { Severity } from "../core/diagnostic.js";
import { redacted } from "../util/redact.js";
import { displayText } from "./escape.js";
import { summaryLine } from "./stylish.js";
import type { Formatter } from "./types.js";

/** Source characters shown before the finding's column and from it on; longer lines are clipped around it. */
const BEFORE = 60;
const AFTER = 100;

/** The quoted part of a source line, escaped, and where the caret starts and how wide it is within it. */
export function quoteLine(line: string, column: number, endColumn: number): { text: string; caretStart: number; caretWidth: number } {
  const start = Math.max(0, column - 1 - BEFORE);
  const end = Math.min(line.length, column - 1 + AFTER);
  const head = `${start > 0 ? "…" : ""}${displayText(line.slice(start, column - 1).replace(/\t/g, " "))}`;
  const marked = displayText(line.slice(column - 1, Math.min(endColumn - 1, end)).replace(/\t/g, " "));
  const tail = `${displayText(line.slice(Math.min(endColumn - 1, end), end).replace(/\t/g, " "))}${end < line.length ? "…" : ""}`;
  return { text: `${head}${marked}${tail}`, caretStart: head.length, caretWidth: Math.max(1, marked.length) };
}

/** actionlint-style: `file:line:col: severity: message [rule]`, then the source line with a caret under the value. */
export const pretty: Formatter = (results, context) => {
  const chalk = new Chalk({ level: context.color });
  const paint: Record<Severity, (s: string) => string> = { error: chalk.red, warning: chalk.yellow, info: chalk.blue };
  const blocks: string[] = [];
  for (const result of results) {
    const source = result.source;
    const file = displayText(result.file);
    for (const d of result.diagnostics) {
      const { line, column } = d.range.start;
      // a finding that stands in a parameters file: its own file, no quote from the template
      const own = d.file === result.file;
      const head = `${chalk.bold(`${own ? file : displayText(d.file)}:${line}:${column}:`)} ${paint[d.severity](`${d.severity}:`)} ${displayText(d.message)} ${chalk.dim(`[${displayText(d.ruleId)}]`)}`;
      if (!source || !own) {
        blocks.push(head);
        continue;
      }
      const raw = source.line(line);
      const endColumn = d.range.end.line === line ? Math.max(d.range.end.column, column + 1) : raw.length + 1;
      // the line as quoted never shows a URI's user info or query (a SAS token)
      const shown = redacted(raw);
      const quoted = quoteLine(shown.text, shown.at(column - 1) + 1, Math.max(shown.at(endColumn - 1), shown.at(column - 1) + 1) + 1);
      const gutter = String(line).length;
      const caret = `${" ".repeat(quoted.caretStart)}${paint[d.severity](`^${"~".repeat(quoted.caretWidth - 1)}`)}`;
      blocks.push([head, `${" ".repeat(gutter)} |`, `${chalk.dim(String(line))} | ${quoted.text}`, `${" ".repeat(gutter)} | ${caret}`].join("\n"));
    }
  }
  return `${blocks.join("\n\n")}${blocks.length ? "\n\n" : ""}${summaryLine(results, chalk, context.hidden)}\n`;
};
