/**
 * The Bicep grammar (tree-sitter, WebAssembly), loaded on demand: only a run that meets a `.bicep` or
 * `.bicepparam` file pays for it. After `await prepareBicep()` the synchronous parsers can read Bicep.
 */
import type { Tree } from "web-tree-sitter";
import { Grammar, type ParseGaveUp } from "./tree-sitter-runtime.js";

export const BICEP = new Grammar("Bicep", "tree-sitter-bicep.wasm", "tree-sitter-bicep");

/** Loads the runtime and the grammar once (again after a parse broke them); later calls return at once. */
export const prepareBicep = (): Promise<void> => BICEP.prepare();

/** Whether a parse broke the loaded parser (an abort): prepareBicep() loads a new one. */
export const bicepParserBroken = (): boolean => BICEP.broken;

/** Bounds the WebAssembly memory of the next load (a parse beyond it aborts); drops the loaded parser. */
export const setBicepMemoryLimit = (bytes?: number): void => BICEP.setMemoryLimit(bytes);

/** Parses with the loaded parser, within a time budget (tree-sitter-runtime.ts). */
export const parseBicepTree = (text: string, budgetMs?: number): Tree | ParseGaveUp => BICEP.parse(text, budgetMs);

/** Whether a file name is Bicep (a template or a parameters file). */
export function isBicepName(name: string): boolean {
  return /\.bicep(?:param)?$/i.test(name);
}
