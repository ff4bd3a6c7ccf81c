/** Pieces of the lint command kept out of cli.ts: argument checks, searches that found nothing, the exit gate. */
import { SEVERITY_RANK, type Diagnostic, type Severity } from "./core/diagnostic.js";
import type { FileResult } from "./core/result.js";
import type { Searched } from "./read/input.js";
import { count, type Counts } from "./report/summary.js";
import { plural } from "./util/text.js";

/** `--stdin-filename` only names standard input, which is read when `-` is among the paths. */
export function stdinFilenameProblem(paths: readonly string[], stdinFilename: string | undefined): string | undefined {
  if (stdinFilename === undefined || paths.includes("-")) return undefined;
  return `--stdin-filename names standard input, which is read only when - is among the paths: add -, e.g. aib-lint --stdin-filename ${stdinFilename} -`;
}

/**
 * A directory or glob in which no template was found: a warning (rule no-template) on the path itself,
 * so that a wrong path in CI is noticed.
 */
export function emptySearches(searched: readonly Searched[], results: readonly FileResult[]): FileResult[] {
  const withTemplates = new Set(results.filter((r) => r.templates.length > 0).map((r) => r.file));
  const out: FileResult[] = [];
  for (const s of searched) {
    if (s.files.some((f) => withTemplates.has(f))) continue;
    const found = s.glob ? `${plural(s.files.length, "file")} ${s.files.length === 1 ? "matches" : "match"} ${s.path}` : `${plural(s.files.length, "JSON/YAML file")} under ${s.path}`;
    const message = s.files.length === 0 ? `no JSON/YAML files under ${s.path}` : `${found}, none holds an image template`;
    const diagnostic: Diagnostic = {
      file: s.path,
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      severity: "warning",
      ruleId: "no-template",
      message,
      path: "$",
    };
    out.push({ file: s.path, diagnostics: [diagnostic], templates: [] });
  }
  return out;
}

export interface Verdict {
  code: 0 | 1;
  /** Findings --quiet hides, when the run fails (the summary says so, never "no problems"). */
  hidden?: Counts;
  /** Why --max-warnings failed the run. */
  maxWarnings?: string;
}

/** The exit gate: every finding counts, shown or not. */
export function judge(results: readonly FileResult[], failLevel: Severity, maxWarnings: number | undefined, shownFrom: Severity): Verdict {
  const all = results.flatMap((r) => r.diagnostics);
  const counts = count(all);
  const isHidden = (d: Diagnostic) => SEVERITY_RANK[d.severity] < SEVERITY_RANK[shownFrom];
  let verdict: Verdict;
  let failing: Diagnostic[] = all.filter((d) => SEVERITY_RANK[d.severity] >= SEVERITY_RANK[failLevel]);
  if (failing.length > 0) verdict = { code: 1 };
  else if (maxWarnings !== undefined && counts.warning > maxWarnings) {
    failing = all.filter((d) => d.severity === "warning");
    verdict = { code: 1, maxWarnings: `${plural(counts.warning, "warning")} ${counts.warning === 1 ? "exceeds" : "exceed"} --max-warnings ${maxWarnings}` };
  } else return { code: 0 };
  // only the hidden findings that take part in failing the run are worth a word
  const hidden = failing.filter(isHidden);
  return hidden.length > 0 ? { ...verdict, hidden: count(hidden) } : verdict;
}

/** `2 warnings and 1 note hidden by --quiet fail the run` */
export function describeHidden(hidden: Counts): string {
  const parts = [hidden.error && plural(hidden.error, "error"), hidden.warning && plural(hidden.warning, "warning"), hidden.info && plural(hidden.info, "note")].filter(Boolean);
  const total = hidden.error + hidden.warning + hidden.info;
  return `${parts.join(" and ")} hidden by --quiet ${total === 1 ? "fails" : "fail"} the run`;
}
