import { jsonText } from "./escape.js";
import { count, countAll } from "./summary.js";
import type { Formatter } from "./types.js";

/** Machine-readable: every finding with its file, range, severity, rule, message and JSON path. */
export const json: Formatter = (results, context) => {
  const files = results.map((r) => {
    const c = count(r.diagnostics);
    return { file: r.file, templates: r.templates, errorCount: c.error, warningCount: c.warning, infoCount: c.info, diagnostics: r.diagnostics, ...(r.output !== undefined ? { output: r.output } : {}) };
  });
  const c = countAll(results);
  // compact, as ESLint's: half the size of an indented report, and faster to write and to read (pipe it to `jq` to read it)
  return jsonText(`${JSON.stringify({ tool: "aib-lint", version: context.toolVersion, files, summary: { files: results.length, errors: c.error, warnings: c.warning, infos: c.info } })}\n`);
};
