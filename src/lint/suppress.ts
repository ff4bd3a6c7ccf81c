/**
 * Inline suppressions (`aib-lint-disable-next-line rule -- reason`, `aib-lint-disable rule` …
 * `aib-lint-enable rule` in JSONC and YAML comments) and, for strict JSON, the ARM resource's
 * `"metadata": {"aib-lint": {"disable": ["rule"]}}`. A suppression that suppresses nothing is reported.
 */
import type { Diagnostic } from "../core/diagnostic.js";
import type { ObjectNode, ValueNode } from "../parse/ast.js";
import { member } from "../parse/ast.js";
import type { Comment } from "../parse/parsed.js";
import type { SourceText } from "../core/source.js";
import { CATALOG, ruleMeta } from "./catalog.js";
import { closest, quote } from "../util/text.js";

interface Suppression {
  /** Rule ids; empty means every rule. */
  rules: string[];
  /** Inclusive line range it covers. */
  fromLine: number;
  toLine: number;
  /** Where the suppression is written, for the unused report. */
  at: { start: number; end: number };
  used: Set<string>;
  describe: string;
}

const DIRECTIVE = /^aib-lint-(disable-next-line|disable-line|disable|enable)\b(.*)$/;

/** `rule-a, rule-b -- reason` → the rule ids; the reason (after `--`) is for people. */
function parseRuleList(text: string): string[] {
  const list = text.split(/(?:^|\s)--(?:\s|$)/)[0]!;
  return list.split(/[\s,]+/).filter(Boolean);
}

/**
 * The lines [from, to] of each string value written over several lines (a YAML multi-line or block scalar, a
 * Bicep multi-line string) and of each span given as `verbatim` (JSON in a Terraform heredoc).
 */
export function multiLineStrings(roots: readonly (ValueNode | undefined)[], source: SourceText, verbatim: ReadonlyArray<{ start: number; end: number }> = []): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = verbatim.map((v) => ({ from: source.position(v.start).line, to: source.position(v.end).line }));
  const stack = roots.filter((r): r is ValueNode => r !== undefined);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === "object") for (const m of node.members) stack.push(m.value);
    else if (node.kind === "array") for (const item of node.items) stack.push(item);
    else if (node.kind === "string") {
      // a block scalar's range takes in the line break that ends it
      let end = node.end;
      while (end > node.start && (source.text[end - 1] === "\n" || source.text[end - 1] === "\r")) end--;
      const from = source.position(node.start).line;
      const to = source.position(end).line;
      if (to > from) out.push({ from, to });
    }
  }
  return out;
}

export function collectSuppressions(comments: readonly Comment[], source: SourceText, templates: readonly ObjectNode[], verbatim: ReadonlyArray<{ start: number; end: number }> = []): Suppression[] {
  const out: Suppression[] = [];
  const open = new Map<string, Suppression>();
  const lastLine = source.lineStarts.length;
  // a line suppression on the line where a multi-line string starts or ends covers all of it (no comment fits inside a string)
  let strings: { from: number; to: number }[] | undefined;
  const covered = (line: number): { fromLine: number; toLine: number } => {
    strings ??= multiLineStrings(templates, source, verbatim);
    let fromLine = line;
    let toLine = line;
    for (const s of strings) {
      if (s.from !== line && s.to !== line) continue;
      fromLine = Math.min(fromLine, s.from);
      toLine = Math.max(toLine, s.to);
    }
    return { fromLine, toLine };
  };
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const [, kind, rest] = match;
    const rules = parseRuleList(rest!);
    const line = source.position(comment.start).line;
    const at = { start: comment.start, end: comment.end };
    if (kind === "disable-next-line" || kind === "disable-line") {
      const target = kind === "disable-line" ? line : line + 1;
      out.push({ rules, ...covered(target), at, used: new Set(), describe: `aib-lint-${kind}` });
    } else if (kind === "disable") {
      const s: Suppression = { rules, fromLine: line, toLine: lastLine, at, used: new Set(), describe: "aib-lint-disable" };
      out.push(s);
      for (const r of rules.length ? rules : ["*"]) open.set(r, s);
    } else {
      for (const r of rules.length ? rules : [...open.keys()]) {
        const s = open.get(r);
        if (s) {
          s.toLine = line;
          open.delete(r);
        }
      }
    }
  }
  for (const template of templates) {
    const metadata = member(template, "metadata")?.value;
    const own = metadata?.kind === "object" ? member(metadata, "aib-lint")?.value : undefined;
    const disable = own?.kind === "object" ? member(own, "disable")?.value : undefined;
    if (disable?.kind !== "array" && disable?.kind !== "string") continue;
    const items = disable.kind === "array" ? disable.items : [disable];
    const rules = items.filter((i): i is Extract<ValueNode, { kind: "string" }> => i.kind === "string").flatMap((i) => parseRuleList(i.value));
    out.push({
      rules,
      fromLine: source.position(template.start).line,
      toLine: source.position(template.end).line,
      at: { start: disable.start, end: disable.end },
      used: new Set(),
      describe: "metadata aib-lint.disable",
    });
  }
  return out;
}

/** Drops suppressed diagnostics; returns the kept ones and a warning for each suppression left unused. */
export function applySuppressions(diagnostics: Diagnostic[], suppressions: Suppression[], source: SourceText, file: string, reportUnused: boolean): Diagnostic[] {
  if (suppressions.length === 0) return diagnostics;
  const kept = diagnostics.filter((d) => {
    // a finding that stands in a parameters file is suppressed where the template uses the value
    const line = d.file === file ? d.range.start.line : (d.related?.find((r) => r.file === file)?.range.start.line ?? -1);
    const by = suppressions.find((s) => line >= s.fromLine && line <= s.toLine && (s.rules.length === 0 || s.rules.includes(d.ruleId)));
    if (!by) return true;
    by.used.add(d.ruleId);
    return false;
  });
  for (const s of suppressions) {
    const range = source.range(s.at.start, s.at.end);
    // a misspelt rule id suppresses nothing it was meant to: always said, even with --no-report-unused-disables
    for (const r of s.rules.filter((id) => !ruleMeta(id))) {
      const suggestion = closest(r, CATALOG.map((m) => m.id));
      kept.push({ file, range, severity: "warning", ruleId: "unused-disable", message: `${s.describe}: ${quote(r)} is not a rule${suggestion ? `; did you mean "${suggestion}"?` : ""}`, path: "$" });
    }
    if (!reportUnused) continue;
    const unused = s.rules.length === 0 ? (s.used.size ? [] : ["(all rules)"]) : s.rules.filter((r) => !s.used.has(r) && ruleMeta(r));
    if (unused.length === 0) continue;
    kept.push({ file, range, severity: "warning", ruleId: "unused-disable", message: `${s.describe} ${unused.join(", ")} suppresses nothing here; remove it`, path: "$" });
  }
  return kept;
}
