/**
 * Loads the Bicep grammar (tree-sitter, WebAssembly) on demand: only a run that meets a `.bicep` or
 * `.bicepparam` file pays for it. After `await prepareBicep()` the synchronous parsers can read Bicep.
 */
import type { Parser } from "web-tree-sitter";
import { lazyGrammar } from "./tree-sitter-runtime.js";

const grammar = lazyGrammar("Bicep", "tree-sitter-bicep.wasm", "tree-sitter-bicep");

/** Loads the runtime and the grammar once; later calls return at once. */
export const prepareBicep = (): Promise<void> => grammar.prepare();

/** The loaded parser; `prepareBicep()` must have completed. */
export const bicepParser = (): Parser => grammar.parser();

/** Whether a file name is Bicep (a template or a parameters file). */
export function isBicepName(name: string): boolean {
  return /\.bicep(?:param)?$/i.test(name);
}

/** Loads the Bicep parser when one of these file names is Bicep (`undefined`s are skipped). */
export async function prepareBicepFor(names: readonly (string | undefined)[]): Promise<void> {
  if (names.some((n) => n !== undefined && isBicepName(n))) await prepareBicep();
}
