import type { Position, Range } from "./diagnostic.js";

/** Source text with a line index, so that offsets turn into 1-based line and column. */
export class SourceText {
  private starts: number[] | undefined;
  /** Positions found by counting lines, without the index (positionOnce). */
  private counted = 0;

  constructor(readonly text: string) {}

  /** Offsets where lines start; built on first use (a clean file may never need it). */
  get lineStarts(): number[] {
    if (this.starts) return this.starts;
    const text = this.text;
    const starts = [0];
    if (!text.includes("\r")) {
      // LF only: the native search is many times faster than a loop over the characters
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
    }
    this.starts = starts;
    return starts;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    const lineStarts = this.lineStarts;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - lineStarts[lo]! + 1 };
  }

  /**
   * The same position, without building the line index for it when no finding has: a clean file needs one
   * position besides its start (its template's end), and counting its lines is cheaper than indexing them.
   * Only the first two are counted; after them the index is built.
   */
  positionOnce(offset: number): Position {
    const text = this.text;
    // a file with many templates (a one-line ARM file with thousands) is indexed: counting per template would be quadratic
    if (this.starts || this.counted >= 2 || text.includes("\r")) return this.position(offset);
    this.counted++;
    const o = Math.max(0, Math.min(offset, text.length));
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf("\n"); i >= 0 && i < o; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, column: o - lineStart + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** range() by positionOnce. */
  rangeOnce(start: number, end: number): Range {
    return { start: this.positionOnce(start), end: this.positionOnce(Math.max(start, end)) };
  }

  /** The text of a 1-based line, without its line break. */
  line(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return "";
    const next = this.lineStarts[line];
    return this.text.slice(start, next ?? this.text.length).replace(/\r?\n$|\r$/, "");
  }
}
