/** The fuzz test's seeded mutator and base texts, shared with the language server's robustness test. */
import { readFileSync } from "node:fs";
import { LINUX, WINDOWS } from "./helpers.js";

/** Deterministic mutations (seeded), so that a failure can be reproduced. */
export function mutator(seed: number) {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  const pieces = ['"', "{", "}", "[", "]", ",", ":", "\n", " ", "a", "\\", "\u0000", "<", "'", "#", "-", "&", "*", "[parameters('x')]", "<<: *a"];
  return (text: string): string => {
    let out = text;
    for (let m = 0, count = 1 + next(4); m < count; m++) {
      const i = next(out.length + 1);
      const op = next(3);
      out = op === 0 ? out.slice(0, i) + out.slice(i + 1 + next(6)) : op === 1 ? out.slice(0, i) + pieces[next(pieces.length)]! + out.slice(i) : out.slice(0, i) + out.slice(i, i + 20).toUpperCase() + out.slice(i + 20);
    }
    return out;
  };
}

export const FUZZ_BASES = [LINUX, WINDOWS, readFileSync(new URL("../fixtures/examples/broken.yaml", import.meta.url), "utf8")];

/** Every mutant the fuzz test lints: seeds 1-3, 100 rounds over each base. */
export function fuzzedTexts(): string[] {
  const out: string[] = [];
  for (const seed of [1, 2, 3]) {
    const mutate = mutator(seed);
    for (let k = 0; k < 100; k++) for (const base of FUZZ_BASES) out.push(mutate(base));
  }
  return out;
}
