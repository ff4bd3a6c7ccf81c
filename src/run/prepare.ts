/**
 * The checks that reach outside the template, run before lint: file hashes (disk, and the network when
 * asked) and ShellCheck. Their results go to the rules through LintOptions, so levels, suppressions,
 * formats and exit codes treat these findings like any other.
 */
import { relative } from "node:path";
import type { ChecksumResult } from "../checksums/types.js";
import { effectiveConfig } from "../config/resolve.js";
import type { Config } from "../config/types.js";
import type { FileResult } from "../core/result.js";
import { scriptFileResult } from "./script-results.js";
import { stepUris, type UriMapping } from "../checksums/uris.js";
import { verifyChecksums } from "../checksums/verify.js";
import { DOWNLOAD_DEFAULTS, type DownloadOptions } from "../checksums/fetch.js";
import type { ParameterValues } from "../find/resolve.js";
import { findTemplates } from "../find/templates.js";
import { formatFor, parseText } from "../parse/index.js";
import type { ParsedFile } from "../parse/parsed.js";
import { inlineShellScripts } from "../scripts/collect.js";
import { runShellcheck, SHELLCHECK_TIMEOUT_MS, type ShellcheckOptions } from "../scripts/shellcheck.js";
import type { ShellcheckLookup, ShellcheckOutcome } from "../scripts/types.js";
import { withoutBom } from "../util/text.js";

export interface PrepareOptions {
  parameters?: ParameterValues;
  mappings: readonly UriMapping[];
  /** Download what no mapping covers (--verify-checksums). */
  verifyChecksums: boolean;
  /** Run ShellCheck (default true). */
  shellcheck?: boolean;
  shellcheckOptions?: ShellcheckOptions;
  download?: DownloadOptions;
}

export interface Prepared {
  checksums: Map<string, ChecksumResult>;
  shellcheck?: ShellcheckLookup;
  /** ShellCheck's findings in local scripts reached through a mapping, by absolute path. */
  scriptFiles: Map<string, ShellcheckOutcome>;
  /** Lines for the user about what could not be checked (e.g. ShellCheck missing). */
  notes: string[];
}

/** What the earlier batches of a run found: each URI is hashed and each script checked once per run. */
export interface PrepareMemo {
  checksums: Map<string, ChecksumResult>;
  scripts: Map<string, ShellcheckOutcome>;
  scriptFiles: Map<string, ShellcheckOutcome>;
  /** Why ShellCheck cannot run (missing, failing, out of time): it is not tried again. */
  shellcheckNote?: string;
  /** Why the scripts met after ShellCheck failed or ran out of time are not checked (unset when it is missing). */
  shellcheckGaveUp?: string;
  /** When the run's ShellCheck time is up (ms since the epoch). */
  deadline?: number;
  /** When the run's time for downloads is up (ms since the epoch). */
  downloadDeadline?: number;
}

export function newPrepareMemo(): PrepareMemo {
  return { checksums: new Map(), scripts: new Map(), scriptFiles: new Map() };
}

/** Whether this stage has anything to do in the run at all. */
export function wantsPreparation(options: PrepareOptions): boolean {
  return options.shellcheck !== false || options.verifyChecksums || options.mappings.length > 0;
}

/** Whether a file can hold work for this stage (others are not parsed for it). */
export function hasWork(text: string, options: PrepareOptions): boolean {
  // a regular expression over a large text runs interpreted at first: a lower-case copy is searched instead
  const lower = text.length > 65536 ? text.toLowerCase() : undefined;
  const has = (word: string, pattern: RegExp): boolean => (lower ? lower.includes(word) : pattern.test(text));
  const wantsScripts = options.shellcheck !== false && has("inline", /inline/i);
  return wantsScripts || ((options.verifyChecksums || options.mappings.length > 0) && (has("scripturi", /scriptUri/i) || has("sourceuri", /sourceUri/i)));
}

export interface PrepareInput {
  file: string;
  text: string;
  /** The text's documents when the caller parsed it already (lint then reuses them). */
  documents?: ParsedFile["documents"];
}

/** Hashes the files behind the inputs' URIs and runs ShellCheck on their inline scripts: what the memo does not hold yet. */
export async function prepare(inputs: readonly PrepareInput[], options: PrepareOptions, memo: PrepareMemo = newPrepareMemo()): Promise<Prepared> {
  const uris = new Map<string, boolean>();
  const scripts = new Set<string>();
  for (const input of inputs) {
    let documents = input.documents;
    if (!documents) {
      const text = withoutBom(input.text);
      if (!hasWork(text, options)) continue;
      try {
        documents = parseText(text, formatFor(input.file, text)).documents;
      } catch {
        continue; // lint reports what cannot be parsed
      }
    }
    for (const doc of documents) {
      if (doc.fatal) continue;
      for (const found of findTemplates(doc.root)) {
        for (const { uri, shell } of stepUris(found)) uris.set(uri, (uris.get(uri) ?? false) || shell);
        if (options.shellcheck !== false) for (const script of inlineShellScripts(found, options.parameters)) if (!memo.scripts.has(script)) scripts.add(script);
      }
    }
  }
  const fresh = [...uris.keys()].filter((uri) => !memo.checksums.has(uri));
  if (fresh.length) {
    memo.downloadDeadline ??= Date.now() + (options.download?.totalMs ?? DOWNLOAD_DEFAULTS.totalMs);
    const verified = await verifyChecksums(fresh, { mappings: options.mappings, download: options.verifyChecksums, ...options.download, deadline: memo.downloadDeadline });
    for (const [uri, result] of verified) memo.checksums.set(uri, result);
  }
  const notes: string[] = [];
  const localScripts = new Set<string>();
  for (const [uri, shell] of uris) {
    const r = memo.checksums.get(uri);
    if (shell && r && "path" in r && r.path && !memo.scriptFiles.has(r.path)) localScripts.add(r.path);
  }
  const gaveUp = memo.shellcheckGaveUp;
  if (options.shellcheck !== false && gaveUp) {
    // never a silent pass: each script says why it was not checked
    for (const script of scripts) memo.scripts.set(script, { unchecked: gaveUp });
    for (const path of localScripts) memo.scriptFiles.set(path, { unchecked: gaveUp });
  } else if (options.shellcheck !== false && !memo.shellcheckNote) {
    memo.deadline ??= Date.now() + (options.shellcheckOptions?.timeoutMs ?? SHELLCHECK_TIMEOUT_MS);
    const remaining = Math.max(1, memo.deadline - Date.now());
    const run = await runShellcheck([...scripts], [...localScripts], { ...options.shellcheckOptions, timeoutMs: remaining });
    if (run.note) notes.push((memo.shellcheckNote = run.note));
    if (run.gaveUp) memo.shellcheckGaveUp = run.gaveUp;
    for (const [text, outcome] of run.scripts) memo.scripts.set(text, outcome);
    for (const [path, outcome] of run.files) memo.scriptFiles.set(path, outcome);
  }
  return {
    checksums: memo.checksums,
    ...(memo.scripts.size ? { shellcheck: memo.scripts } : {}),
    scriptFiles: memo.scriptFiles,
    notes,
  };
}

/** Reports for local scripts that ShellCheck found something in, or could not check. */
export function scriptResults(scriptFiles: Iterable<[string, ShellcheckOutcome]>, cwd: string, config: Config): FileResult[] {
  const out: FileResult[] = [];
  for (const [path, outcome] of scriptFiles) {
    const result = scriptFileResult(relative(cwd, path) || path, outcome, effectiveConfig(config, path).rules);
    if (result.diagnostics.length) out.push(result);
  }
  return out;
}
