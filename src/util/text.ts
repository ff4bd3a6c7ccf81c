import { Remembered } from "./remembered.js";

/** Levenshtein distance, case-insensitive, for "did you mean" suggestions. */
export function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  let prev = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[t.length]!;
}

/** Longest word worth a "did you mean": names and values to correct are short; a megabyte string is not a typo. */
const MAX_SUGGEST_LENGTH = 200;

/** Suggestions made, per list of candidates: a typo repeats across the templates of a fleet. */
const suggested = new WeakMap<readonly string[], Remembered<string | undefined>>();

/** The candidate closest to `word`, if close enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > MAX_SUGGEST_LENGTH) return undefined;
  let known = suggested.get(candidates);
  if (!known) suggested.set(candidates, (known = new Remembered((w) => closestOf(w, candidates), 1024, MAX_SUGGEST_LENGTH)));
  return known.get(word);
}

function closestOf(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // the distance is at least the difference in length
    if (Math.abs(c.length - word.length) > Math.min(limit, bestDistance)) continue;
    const d = distance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** Longest value a message quotes; longer ones are cut with an ellipsis. */
export const MAX_QUOTED = 80;

/** A value from the file, cut to about 80 characters so that a message stays one readable line. */
export function clip(value: string, max = MAX_QUOTED): string {
  if (value.length <= max) return value;
  let cut = max - 1;
  const last = value.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--; // never split a surrogate pair
  return `${value.slice(0, cut)}…`;
}

/** A value from the file in double quotes, clipped. */
export function quote(value: string): string {
  return `"${clip(value)}"`;
}

/** An integer with thousands separated by commas (1,000), as toLocaleString("en-US") writes it without loading the locale data. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** A table lookup that never finds inherited members ("constructor", "__proto__"). */
export function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The message of a thrown value, whatever was thrown. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The text without a leading byte-order mark. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
