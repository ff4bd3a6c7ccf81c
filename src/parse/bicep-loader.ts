/**
 * Loads the Bicep grammar (tree-sitter, WebAssembly) on demand: only a run that meets a `.bicep` or
 * `.bicepparam` file pays for it. After `await prepareBicep()` the synchronous parsers can read Bicep.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Parser } from "web-tree-sitter";
import { nodeV8 } from "../util/builtins.js";
import { errorText } from "../util/text.js";

export interface BicepWasmFiles {
  /** web-tree-sitter's runtime. */
  runtime: string;
  /** The Bicep grammar. */
  grammar: string;
}

/**
 * Where the two WebAssembly files are: beside this module when they were copied there (a bundled
 * build), otherwise in the installed packages.
 */
export function bicepWasmFiles(): BicepWasmFiles {
  const require = createRequire(import.meta.url);
  const find = (file: string, pkg: string): string => {
    const beside = fileURLToPath(new URL(`./${file}`, import.meta.url));
    return existsSync(beside) ? beside : require.resolve(`${pkg}/${file}`);
  };
  return { runtime: find("web-tree-sitter.wasm", "web-tree-sitter"), grammar: find("tree-sitter-bicep.wasm", "tree-sitter-bicep") };
}

let parser: Parser | undefined;
let loading: Promise<Parser> | undefined;

/** Loads the runtime and the grammar once; later calls return at once. */
export async function prepareBicep(): Promise<void> {
  if (parser) return;
  loading ??= load();
  try {
    parser = await loading;
  } catch (e) {
    loading = undefined;
    throw new Error(`cannot load the Bicep parser: ${errorText(e)}`);
  }
}

async function load(): Promise<Parser> {
  const files = bicepWasmFiles();
  // the baseline compiler's code parses a template in milliseconds; optimizing hot functions afterwards cost a
  // short run more CPU (100-200 ms in the background) than it could ever save
  nodeV8().setFlagsFromString("--wasm-tiering-budget=1000000000");
  const { Parser: TreeSitter, Language } = await import("web-tree-sitter");
  // the bytes, not paths: loading by path would make web-tree-sitter import() node:fs, which the code-cached bundle cannot
  await TreeSitter.init({ wasmBinary: readFileSync(files.runtime) });
  const language = await Language.load(new Uint8Array(readFileSync(files.grammar)));
  const p = new TreeSitter();
  p.setLanguage(language);
  return p;
}

/** The loaded parser; `prepareBicep()` must have completed. */
export function bicepParser(): Parser {
  if (!parser) throw new Error("the Bicep parser is not loaded: await prepareBicep() before parsing Bicep");
  return parser;
}

/** Whether a file name is Bicep (a template or a parameters file). */
export function isBicepName(name: string): boolean {
  return /\.bicep(?:param)?$/i.test(name);
}

/** Loads the Bicep parser when one of these file names is Bicep (`undefined`s are skipped). */
export async function prepareBicepFor(names: readonly (string | undefined)[]): Promise<void> {
  if (names.some((n) => n !== undefined && isBicepName(n))) await prepareBicep();
}
