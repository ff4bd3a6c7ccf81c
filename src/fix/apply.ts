/** Applies the fixes of a set of findings to a text: non-overlapping fixes in one pass, conflicting ones left for the next. */
import type { Diagnostic, Fix, TextEdit } from "../diagnostic.js";

export interface Applied {
  output: string;
  /** The findings whose fix went in. */
  fixed: Diagnostic[];
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === b.start && (a.start === a.end || b.start === b.end)) return true; // two insertions, or an insertion and a replacement, at one point
  return a.start < b.end && b.start < a.end;
}

const same = (a: TextEdit, b: TextEdit): boolean => a.start === b.start && a.end === b.end && a.text === b.text;

/**
 * Each finding's first fix, in source order; a fix that overlaps one already taken is skipped whole
 * (a later pass sees it again), and an edit identical to one taken counts as done.
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): Applied {
  const candidates = diagnostics
    .map((d) => ({ d, fix: d.fixes?.[0] }))
    .filter((c): c is { d: Diagnostic; fix: Fix } => c.fix !== undefined && c.fix.edits.length > 0 && c.fix.edits.every((e) => valid(e, text.length)))
    .sort((a, b) => first(a.fix) - first(b.fix));
  const taken: TextEdit[] = [];
  const fixed: Diagnostic[] = [];
  for (const { d, fix } of candidates) {
    const fresh = fix.edits.filter((e) => !taken.some((t) => same(t, e)));
    if (fresh.some((e) => taken.some((t) => overlaps(t, e)) || fresh.some((o) => o !== e && overlaps(o, e)))) continue;
    taken.push(...fresh);
    fixed.push(d);
  }
  taken.sort((a, b) => a.start - b.start);
  let output = "";
  let at = 0;
  for (const e of taken) {
    output += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return { output: output + text.slice(at), fixed };
}

function valid(e: TextEdit, length: number): boolean {
  return Number.isInteger(e.start) && Number.isInteger(e.end) && 0 <= e.start && e.start <= e.end && e.end <= length;
}

function first(fix: Fix): number {
  return Math.min(...fix.edits.map((e) => e.start));
}
