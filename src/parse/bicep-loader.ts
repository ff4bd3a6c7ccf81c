/**
 * Loads the Bicep grammar (tree-sitter, WebAssembly) on demand: only a run that meets a `.bicep` or
 * `.bicepparam` file pays for it. After `await prepareBicep()` the synchronous parsers can read Bicep.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Parser, Tree } from "web-tree-sitter";
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

type TreeSitterModule = typeof import("web-tree-sitter");

/** The WebAssembly memory's upper bound (web-tree-sitter's own default): the size cap of parse/bicep.ts keeps a parse far below it. */
const DEFAULT_MEMORY_BYTES = 2 ** 31;
let memoryBytes = DEFAULT_MEMORY_BYTES;
let parser: Parser | undefined;
let loading: Promise<Parser> | undefined;
let broken = false;

/** Loads the runtime and the grammar once (again after a parse broke them); later calls return at once. */
export async function prepareBicep(): Promise<void> {
  if (parser) return;
  loading ??= load();
  try {
    parser = await loading;
    broken = false;
  } catch (e) {
    throw new Error(`cannot load the Bicep parser: ${errorText(e)}`);
  } finally {
    loading = undefined;
  }
}

/** Whether a parse broke the loaded parser (an abort): prepareBicep() loads a new one. */
export function bicepParserBroken(): boolean {
  return broken;
}

/** Bounds the WebAssembly memory of the next load (a parse beyond it aborts); drops the loaded parser. */
export function setBicepMemoryLimit(bytes = DEFAULT_MEMORY_BYTES): void {
  memoryBytes = bytes;
  parser = undefined;
}

async function load(): Promise<Parser> {
  const files = bicepWasmFiles();
  // the baseline compiler's code parses a template in milliseconds; optimizing hot functions afterwards cost a
  // short run more CPU (100-200 ms in the background) than it could ever save
  nodeV8().setFlagsFromString("--wasm-tiering-budget=1000000000");
  const { Parser: TreeSitter, Language } = freshRuntime();
  const pages = 65536;
  // the bytes, not paths: loading by path would make web-tree-sitter import() node:fs, which the code-cached bundle cannot;
  // an abort is told by the parse that failed, not printed
  await TreeSitter.init({
    wasmBinary: readFileSync(files.runtime),
    wasmMemory: new WebAssembly.Memory({ initial: 512, maximum: Math.max(512, Math.floor(memoryBytes / pages)) }),
    printErr: () => undefined,
  });
  const language = await Language.load(new Uint8Array(readFileSync(files.grammar)));
  const p = new TreeSitter();
  p.setLanguage(language);
  return p;
}

/**
 * A new instance of web-tree-sitter's JavaScript: its WebAssembly instance lives in module state, and one
 * that aborted (out of memory) is broken for good. The bundle keeps it in a sibling file.
 */
function freshRuntime(): TreeSitterModule {
  const require = createRequire(import.meta.url);
  const beside = fileURLToPath(new URL("./web-tree-sitter.cjs", import.meta.url));
  if (existsSync(beside)) {
    const loadSibling = (globalThis as { __aibLintLoad?: (file: string) => unknown }).__aibLintLoad;
    if (loadSibling) return loadSibling(beside) as TreeSitterModule;
  }
  const file = existsSync(beside) ? beside : require.resolve("web-tree-sitter");
  delete require.cache[file];
  return require(file) as TreeSitterModule;
}

/** Why a parse gave up: it ran out of its time budget. */
export interface ParseGaveUp {
  /** The offset (in characters) where the parser had met its first syntax error, or beyond; -1 when it had not told. */
  errorSeenAt: number;
  /** Where it was when it stopped. */
  stoppedAt: number;
}

/**
 * Tree-sitter's error recovery costs time quadratic in the number of errors (32,000 stray `}`: 18 s): a parse
 * that runs past its budget stops. Valid text parses at 0.5-1 µs a character, far inside it.
 */
export function parseBudgetMs(length: number): number {
  return 1000 + length / 200;
}

/** Parses with the loaded parser, within a time budget; a parse that breaks the runtime drops it (prepareBicep() loads a new one). */
export function parseBicepTree(text: string, budgetMs: number = parseBudgetMs(text.length)): Tree | ParseGaveUp {
  const p = bicepParser();
  const started = performance.now();
  let errorSeenAt = -1;
  let stoppedAt = 0;
  let tree: Tree | null;
  try {
    tree = p.parse(text, null, {
      progressCallback: (state) => {
        // web-tree-sitter reads the text as UTF-16: two bytes a character
        stoppedAt = Math.floor(state.currentOffset / 2);
        if (state.hasError && errorSeenAt < 0) errorSeenAt = stoppedAt;
        return performance.now() - started > budgetMs;
      },
    });
  } catch (e) {
    if (parser === p) {
      parser = undefined;
      broken = true;
    }
    throw new Error(`the Bicep parser broke on this file (${errorText(e)}); it is loaded again for the next one`);
  }
  if (tree) return tree;
  p.reset();
  const clamp = (offset: number) => Math.max(-1, Math.min(offset, text.length - 1));
  return { errorSeenAt: clamp(errorSeenAt), stoppedAt: clamp(stoppedAt) };
}

/** The loaded parser; `prepareBicep()` must have completed. */
function bicepParser(): Parser {
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
