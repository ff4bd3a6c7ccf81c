/**
 * The tree-sitter grammars (Bicep, Terraform) run as WebAssembly by web-tree-sitter, each loaded on demand:
 * only a run that meets such a file pays for its grammar. Each grammar has its own instance of the runtime,
 * so a parse that breaks one (an abort) costs only that grammar, which loads again; every parse has a time
 * budget, as tree-sitter's error recovery is quadratic in the number of errors.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Node, Parser, Tree } from "web-tree-sitter";
import { nodeV8 } from "../util/builtins.js";
import { errorText } from "../util/text.js";

type TreeSitterModule = typeof import("web-tree-sitter");

/** A WebAssembly file beside this module when it was copied there (a bundled build), otherwise in its package. */
export function wasmFile(file: string, pkg: string): string {
  const beside = fileURLToPath(new URL(`./${file}`, import.meta.url));
  return existsSync(beside) ? beside : createRequire(import.meta.url).resolve(`${pkg}/${file}`);
}

/** Why a parse gave up: it ran out of its time budget. */
export interface ParseGaveUp {
  /** The offset (in characters) where the parser had met its first syntax error, or beyond; -1 when it had not told. */
  errorSeenAt: number;
  /** Where it was when it stopped. */
  stoppedAt: number;
}

/**
 * Tree-sitter's error recovery costs time quadratic in the number of errors: a parse that runs past its
 * budget stops. Valid text parses far inside it.
 */
export function parseBudgetMs(length: number): number {
  return 1000 + length / 200;
}

/** The WebAssembly memory's upper bound (web-tree-sitter's own default): the formats' size caps keep a parse far below it. */
const DEFAULT_MEMORY_BYTES = 2 ** 31;

export class Grammar {
  private parser: Parser | undefined;
  private loading: Promise<Parser> | undefined;
  private memoryBytes = DEFAULT_MEMORY_BYTES;
  /** A parse broke the loaded parser (an abort): prepare() loads a new one. */
  broken = false;

  /** `name` is the language's name in messages. */
  constructor(
    readonly name: string,
    private readonly file: string,
    private readonly pkg: string,
  ) {}

  /** Loads the runtime and the grammar once (again after a parse broke them); later calls return at once. */
  async prepare(): Promise<void> {
    if (this.parser) return;
    this.loading ??= this.load();
    try {
      this.parser = await this.loading;
      this.broken = false;
    } catch (e) {
      throw new Error(`cannot load the ${this.name} parser: ${errorText(e)}`);
    } finally {
      this.loading = undefined;
    }
  }

  /** Bounds the WebAssembly memory of the next load (a parse beyond it aborts); drops the loaded parser. */
  setMemoryLimit(bytes = DEFAULT_MEMORY_BYTES): void {
    this.memoryBytes = bytes;
    this.parser = undefined;
  }

  /** Parses with the loaded parser, within a time budget; a parse that breaks the runtime drops it. */
  parse(text: string, budgetMs: number = parseBudgetMs(text.length)): Tree | ParseGaveUp {
    const p = this.parser;
    if (!p) throw new Error(`the ${this.name} parser is not loaded: prepare it before parsing ${this.name}`);
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
      if (this.parser === p) {
        this.parser = undefined;
        this.broken = true;
      }
      throw new Error(`the ${this.name} parser broke on this file (${errorText(e)}); it is loaded again for the next one`);
    }
    if (tree) return tree;
    p.reset();
    const clamp = (offset: number) => Math.max(-1, Math.min(offset, text.length - 1));
    return { errorSeenAt: clamp(errorSeenAt), stoppedAt: clamp(stoppedAt) };
  }

  private async load(): Promise<Parser> {
    // WebAssembly runs on V8's baseline code only: optimising it costs a short run more than it saves
    nodeV8().setFlagsFromString("--wasm-tiering-budget=1000000000");
    const { Parser: TreeSitter, Language } = freshRuntime();
    const pages = 65536;
    // the bytes, not paths: loading by path would make web-tree-sitter import() node:fs, which the code-cached bundle cannot;
    // an abort is told by the parse that failed, not printed
    await TreeSitter.init({
      wasmBinary: readFileSync(wasmFile("web-tree-sitter.wasm", "web-tree-sitter")),
      wasmMemory: new WebAssembly.Memory({ initial: 512, maximum: Math.max(512, Math.floor(this.memoryBytes / pages)) }),
      printErr: () => undefined,
    });
    const language = await Language.load(new Uint8Array(readFileSync(wasmFile(this.file, this.pkg))));
    const p = new TreeSitter();
    p.setLanguage(language);
    return p;
  }
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

/** Where an ERROR node's first token is, and the token (cut at white space), to say "unexpected …" of it. */
export function unexpectedToken(text: string, error: Node): { start: number; end: number; token: string } {
  let leaf = error;
  while (leaf.childCount > 0 && leaf.firstChild) leaf = leaf.firstChild;
  const start = leaf.startIndex;
  const end = leaf.endIndex;
  return { start, end, token: text.slice(start, Math.max(end, start + 1)).split(/\s/)[0] || text.slice(start, start + 1) };
}

/** "unexpected end of the file", or `unexpected "token"` cut at 40 characters. */
export function unexpectedMessage(token: string): string {
  return token === "" ? "unexpected end of the file" : `unexpected "${token.length > 40 ? `${token.slice(0, 40)}…` : token}"`;
}
