/**
 * web-tree-sitter's runtime, initialised once for every grammar (a second init would orphan the parsers
 * made before it). Grammars load on demand: only a run that meets a Bicep or Terraform file pays for one.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Language, Parser } from "web-tree-sitter";
import { nodeV8 } from "../util/builtins.js";

type TreeSitter = typeof import("web-tree-sitter");

let runtime: Promise<TreeSitter> | undefined;

/** A WebAssembly file beside this module when it was copied there (a bundled build), otherwise in its package. */
export function wasmFile(file: string, pkg: string): string {
  const beside = fileURLToPath(new URL(`./${file}`, import.meta.url));
  return existsSync(beside) ? beside : createRequire(import.meta.url).resolve(`${pkg}/${file}`);
}

function treeSitter(): Promise<TreeSitter> {
  runtime ??= (async () => {
    // the baseline compiler's code parses a template in milliseconds; optimizing hot functions afterwards cost a
    // short run more CPU (100-200 ms in the background) than it could ever save
    nodeV8().setFlagsFromString("--wasm-tiering-budget=1000000000");
    const ts = await import("web-tree-sitter");
    // the bytes, not paths: loading by path would make web-tree-sitter import() node:fs, which the code-cached bundle cannot
    await ts.Parser.init({ wasmBinary: readFileSync(wasmFile("web-tree-sitter.wasm", "web-tree-sitter")) });
    return ts;
  })().catch((e: unknown) => {
    runtime = undefined;
    throw e;
  });
  return runtime;
}

/** A parser for the grammar in this WebAssembly file. */
export async function grammarParser(grammarFile: string): Promise<Parser> {
  const ts = await treeSitter();
  const language: Language = await ts.Language.load(new Uint8Array(readFileSync(grammarFile)));
  const parser = new ts.Parser();
  parser.setLanguage(language);
  return parser;
}

/** A grammar loaded once, on demand: `prepare()` before the synchronous `parser()`. */
export interface LazyGrammar {
  prepare(): Promise<void>;
  parser(): Parser;
}

/** `name` is the language's name in messages. */
export function lazyGrammar(name: string, file: string, pkg: string): LazyGrammar {
  let parser: Parser | undefined;
  let loading: Promise<Parser> | undefined;
  return {
    async prepare() {
      if (parser) return;
      loading ??= grammarParser(wasmFile(file, pkg));
      try {
        parser = await loading;
      } catch (e) {
        loading = undefined;
        throw new Error(`cannot load the ${name} parser: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    parser() {
      if (!parser) throw new Error(`the ${name} parser is not loaded: prepare it before parsing ${name}`);
      return parser;
    },
  };
}
