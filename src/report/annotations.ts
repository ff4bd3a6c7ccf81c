import type { Severity } from "../core/diagnostic.js";
import { displayText } from "./escape.js";
import type { Formatter } from "./types.js";

/** GitHub workflow-command escaping: data escapes %, CR, LF; property values also ':' and ','. */
export function githubData(text: string): string {
  return displayText(text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
}
export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

const GITHUB_LEVEL: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::<message>` per finding. */
export const github: Formatter = (results) =>
  results
    .flatMap((r) =>
      r.diagnostics.map((d) => {
        const props = [
          `file=${githubProperty(d.file)}`,
          `line=${d.range.start.line}`,
          `col=${d.range.start.column}`,
          `endLine=${d.range.end.line}`,
          `endColumn=${d.range.end.column}`,
          `title=${githubProperty(d.ruleId)}`,
        ];
        return `::${GITHUB_LEVEL[d.severity]} ${props.join(",")}::${githubData(d.message)}\n`;
      }),
    )
    .join("");

/** Azure Pipelines logging-command escaping: data escapes %, CR, LF; property values also ';' and ']'. */
export function azureData(text: string): string {
  return displayText(text.replace(/%/g, "%AZP25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
}
export function azureProperty(text: string): string {
  return azureData(text).replace(/;/g, "%3B").replace(/]/g, "%5D");
}

/**
 * `##vso[task.logissue type=error;sourcepath=…;linenumber=…;columnnumber=…;code=<rule>]<message>`;
 * logissue knows only errors and warnings, so notes are printed as plain log lines.
 */
export const azureDevops: Formatter = (results) =>
  results
    .flatMap((r) =>
      r.diagnostics.map((d) => {
        if (d.severity === "info") return `note: ${displayText(d.file)}:${d.range.start.line}:${d.range.start.column} ${displayText(d.message)} (${displayText(d.ruleId)})\n`;
        const props = [`type=${d.severity}`, `sourcepath=${azureProperty(d.file)}`, `linenumber=${d.range.start.line}`, `columnnumber=${d.range.start.column}`, `code=${azureProperty(d.ruleId)}`];
        return `##vso[task.logissue ${props.join(";")}]${azureData(d.message)}\n`;
      }),
    )
    .join("");
