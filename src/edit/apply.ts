/** Applies the fixes of a set of findings to a text: non-overlapping fixes in one pass, conflicting ones left for the next. */
import type { Diagnostic, Fix, TextEdit } from "../core/diagnostic.js";

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
 * The edits taken so far, sorted by start. They never overlap, so their starts strictly increase and an
 * edit can only overlap the taken edit just before its start or the first one at or after it.
 */
class TakenEdits {
  readonly edits: TextEdit[] = [];

  /** Index of the first taken edit starting at or after `start`. */
  private indexOf(start: number): number {
    const { edits } = this;
    // most fixes come in source order: after the last one is the usual answer
    if (edits.length === 0 || edits[edits.length - 1]!.start < start) return edits.length;
    let low = 0;
    let high = edits.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (edits[mid]!.start < start) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** "same" when an identical edit is taken, "clash" when the edit overlaps a taken one, else "free". */
  check(e: TextEdit): "same" | "clash" | "free" {
    const i = this.indexOf(e.start);
    const after = this.edits[i];
    if (after && same(after, e)) return "same";
    const before = this.edits[i - 1];
    return (before && overlaps(before, e)) || (after && overlaps(after, e)) ? "clash" : "free";
  }

  add(e: TextEdit): void {
    const i = this.indexOf(e.start);
    if (i === this.edits.length) this.edits.push(e);
    else this.edits.splice(i, 0, e);
  }
}

/**
 * Each finding's first fix, in source order; a fix that overlaps one already taken is skipped whole
 * (a later pass sees it again), and an edit identical to one taken counts as done. Linear in the
 * number of fixes when they come in source order (each is checked against its two neighbours).
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): Applied {
  const candidates = diagnostics
    .map((d) => ({ d, fix: d.fixes?.[0] }))
    .filter((c): c is { d: Diagnostic; fix: Fix } => c.fix !== undefined && c.fix.edits.length > 0 && c.fix.edits.every((e) => valid(e, text.length)))
    .map((c) => ({ ...c, edits: [...c.fix.edits].sort((a, b) => a.start - b.start || a.end - b.end) }))
    .sort((a, b) => a.edits[0]!.start - b.edits[0]!.start);
  const taken = new TakenEdits();
  const fixed: Diagnostic[] = [];
  for (const { d, edits } of candidates) {
    const fresh: TextEdit[] = [];
    let clash = false;
    for (const e of edits) {
      const state = taken.check(e);
      if (state === "same") continue;
      // a fix's own edits, sorted, may only overlap their neighbour
      if (state === "clash" || (fresh.length > 0 && overlaps(fresh[fresh.length - 1]!, e))) {
        clash = true;
        break;
      }
      fresh.push(e);
    }
    if (clash) continue;
    for (const e of fresh) taken.add(e);
    fixed.push(d);
  }
  const parts: string[] = [];
  let at = 0;
  for (const e of taken.edits) {
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return { output: parts.join(""), fixed };
}

function valid(e: TextEdit, length: number): boolean {
  return Number.isInteger(e.start) && Number.isInteger(e.end) && 0 <= e.start && e.start <= e.end && e.end <= length;
}
