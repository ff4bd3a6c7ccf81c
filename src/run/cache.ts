/**
 * `--cache`: each file's result remembered by its content and everything else that decides it (the tool's
 * version, ShellCheck's, the configuration, the options, the parameters file), as ESLint's and Ruff's caches
 * do, so that a run over unchanged files reads and hashes them and lints none. Files whose result depends on
 * other files (Bicep, Terraform, templates that mapped scripts feed) are linted every time.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { FileResult } from "../core/result.js";
import { SourceText } from "../core/source.js";
import type { InputFile } from "../read/input.js";
import { readText } from "../read/input.js";
import { nodeCrypto } from "../util/builtins.js";
import { withoutBom } from "../util/text.js";
import type { FileOutcome } from "./lint-files.js";

/** The cache file's format; a file of another version is ignored. */
const FORMAT = 1;
/** At most this many entries are kept (the files of the latest runs). */
const MAX_ENTRIES = 100_000;

interface Entry {
  /** The file's content hash. */
  hash: string;
  result: Omit<FileResult, "source">;
}

interface CacheFile {
  format: number;
  /** The hash of everything besides a file's content that decides its result. */
  key: string;
  entries: Record<string, Entry>;
}

/** The default cache file, as ESLint's `.eslintcache`; a `--cache-location` that is a folder gets this name inside. */
export const DEFAULT_CACHE_FILE = ".aib-lint-cache";

export function cacheFilePath(location: string | undefined, cwd: string): string {
  const path = resolve(cwd, location ?? DEFAULT_CACHE_FILE);
  const isFolder = location !== undefined && (/[\\/]$/.test(location) || (existsSync(path) && statSync(path).isDirectory()));
  return isFolder ? join(path, DEFAULT_CACHE_FILE) : path;
}

export function hashText(text: string): string {
  return nodeCrypto().createHash("sha256").update(text).digest("hex");
}

/** Files whose result depends on their own text only (given the run's key). */
function cacheable(file: InputFile): boolean {
  return file.path !== "-" && /\.(?:json|jsonc|ya?ml)$/i.test(file.path);
}

export class ResultCache {
  private readonly entries: Record<string, Entry>;
  private readonly fresh: Record<string, Entry> = Object.create(null) as Record<string, Entry>;

  private constructor(
    private readonly path: string,
    private readonly key: string,
    loaded: CacheFile | undefined,
  ) {
    this.entries = loaded && loaded.format === FORMAT && loaded.key === key ? loaded.entries : (Object.create(null) as Record<string, Entry>);
  }

  /** The cache at `path` for runs of this key; an unreadable or foreign file counts as empty. */
  static open(path: string, key: string): ResultCache {
    let loaded: CacheFile | undefined;
    try {
      const data = JSON.parse(readFileSync(path, "utf8")) as CacheFile;
      if (data && typeof data === "object" && data.entries && typeof data.entries === "object") loaded = data;
    } catch {
      loaded = undefined; // no cache yet, or one that cannot be read: everything is linted
    }
    return new ResultCache(path, key, loaded);
  }

  /**
   * Splits the files into those whose remembered result still holds (their outcomes, in the files' order)
   * and those to lint. A file is read once here to hash it; the size limit holds as for lint.
   */
  split(files: readonly InputFile[], cwd: string, maxBytes: number, keepSource: boolean): { hits: Map<number, FileOutcome>; misses: InputFile[]; hashes: Map<string, string> } {
    const hits = new Map<number, FileOutcome>();
    const misses: InputFile[] = [];
    const hashes = new Map<string, string>();
    files.forEach((file, index) => {
      if (!cacheable(file)) {
        misses.push(file);
        return;
      }
      const absolute = file.absolute ?? resolve(cwd, file.path);
      let text: string;
      try {
        text = readText(file.path, cwd, maxBytes, "", file.walked, absolute);
      } catch {
        misses.push(file); // lint reports why it cannot be read
        return;
      }
      const hash = hashText(text);
      hashes.set(absolute, hash);
      const entry = this.entries[absolute];
      if (entry?.hash === hash && entry.result.file === file.path) {
        this.fresh[absolute] = entry;
        const result: FileResult = { ...entry.result, diagnostics: entry.result.diagnostics.map((d) => ({ ...d })) };
        if (keepSource) result.source = new SourceText(withoutBom(text));
        hits.set(index, { result });
      } else misses.push(file);
    });
    return { hits, misses, hashes };
  }

  /** Remembers the result of a file linted in this run (a failure is never remembered). */
  remember(absolute: string, hash: string, outcome: FileOutcome): void {
    if (outcome.failure || outcome.fixedText !== undefined) return;
    const { source: _source, output: _output, ...result } = outcome.result;
    this.fresh[absolute] = { hash, result };
  }

  /** Writes the entries of this run (and earlier ones up to the bound) atomically; a cache that cannot be written is left as it was. */
  save(): void {
    const entries = Object.assign(Object.create(null) as Record<string, Entry>, this.entries, this.fresh);
    const names = Object.keys(entries);
    for (const name of names.slice(0, Math.max(0, names.length - MAX_ENTRIES))) delete entries[name];
    const data: CacheFile = { format: FORMAT, key: this.key, entries };
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const fd = openSync(temporary, "w", 0o600);
      try {
        writeSync(fd, JSON.stringify(data));
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, this.path);
    } catch {
      // a cache is an optimisation: a run never fails for want of one
    }
  }
}
