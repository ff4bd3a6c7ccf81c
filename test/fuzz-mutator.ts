/** The fuzz test's mutants (seeds 1-3 over its base texts), for the language server's robustness test. */
import { readFileSync } from "node:fs";
import { LINUX, WINDOWS } from "./helpers.js";
import { mutator } from "./mutate.js";

const FUZZ_BASES = [LINUX, WINDOWS, readFileSync(new URL("../fixtures/examples/broken.yaml", import.meta.url), "utf8")];

/** Every mutant the fuzz test lints: seeds 1-3, 100 rounds over each base. */
export function fuzzedTexts(): string[] {
  const out: string[] = [];
  for (const seed of [1, 2, 3]) {
    const mutate = mutator(seed);
    for (let k = 0; k < 100; k++) for (const base of FUZZ_BASES) out.push(mutate(base));
  }
  return out;
}
