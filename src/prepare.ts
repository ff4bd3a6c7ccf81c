/**
 * The checks that reach outside the template, run before lint: file hashes (disk, and the network when
 * asked) and ShellCheck. Their results go to the rules through LintOptions, so levels, suppressions,
 * formats and exit codes treat these findings like any other.
 */
import { relative, resolve } from "node:path";
import type { ChecksumResult } from "./checksums/types.js";
import { effectiveConfig, isIgnored } from "./config/resolve.js";
import type { Config } from "./config/types.js";
import type { FileResult } from "./lint.js";
import { readStdin, readText, type InputFile } from "./read/input.js";
import { scriptFileResult } from "./scripts/report.js";
import { stepUris, type UriMapping } from "./checksums/uris.js";
import { verifyChecksums } from "./checksums/verify.js";
import type { DownloadOptions } from "./checksums/fetch.js";
import type { ParameterValues } from "./find/resolve.js";
import { findTemplates } from "./find/templates.js";
import { formatFor, parseText } from "./parse/index.js";
import { inlineShellScripts } from "./scripts/collect.js";
import { runShellcheck, type ShellcheckOptions } from "./scripts/shellcheck.js";
import type { ShellcheckLookup, ShellFinding } from "./scripts/types.js";
import { errorText } from "./util/text.js";

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
  scriptFiles: Map<string, ShellFinding[]>;
  /** Lines for the user about what could not be checked (e.g. ShellCheck missing). */
  notes: string[];
}

/** Whether a file can hold work for this stage (others are not parsed again). */
function hasWork(text: string, options: PrepareOptions): boolean {
  const wantsScripts = options.shellcheck !== false && /inline/i.test(text);
  return wantsScripts || ((options.verifyChecksums || options.mappings.length > 0) && /(script|source)Uri/i.test(text));
}

export async function prepare(inputs: readonly { file: string; text: string }[], options: PrepareOptions): Promise<Prepared> {
  const uris = new Map<string, boolean>();
  const scripts: string[] = [];
  for (const input of inputs) {
    const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
    if (!hasWork(text, options)) continue;
    let documents;
    try {
      documents = parseText(text, formatFor(input.file, text)).documents;
    } catch {
      continue; // lint reports what cannot be parsed
    }
    for (const doc of documents) {
      if (doc.fatal) continue;
      for (const found of findTemplates(doc.root)) {
        for (const { uri, shell } of stepUris(found)) uris.set(uri, (uris.get(uri) ?? false) || shell);
        if (options.shellcheck !== false) scripts.push(...inlineShellScripts(found, options.parameters));
      }
    }
  }
  const checksums = await verifyChecksums(uris.keys(), { mappings: options.mappings, download: options.verifyChecksums, ...options.download });
  const prepared: Prepared = { checksums, scriptFiles: new Map(), notes: [] };
  if (options.shellcheck === false) return prepared;
  const localScripts = [...checksums].flatMap(([uri, r]) => (uris.get(uri) && "path" in r && r.path ? [r.path] : []));
  const run = await runShellcheck(scripts, [...new Set(localScripts)], options.shellcheckOptions);
  if (run.note) prepared.notes.push(run.note);
  if (run.scripts.size) prepared.shellcheck = run.scripts;
  prepared.scriptFiles = run.files;
  return prepared;
}

export interface RunPreparation {
  /** What the rules get (goes to worker threads: plain data only). */
  external: { checksums?: Map<string, ChecksumResult>; shellcheck?: ShellcheckLookup };
  /** Standard input as read here, so that lint does not read it again. */
  stdinRead?: { text: string } | { error: string };
  /** The files read here, by path as given, so that lint does not read them again. */
  texts?: Map<string, string>;
  notes: string[];
  /** Reports for local scripts that ShellCheck found something in. */
  scriptResults: FileResult[];
}

/** Reads the run's files (lint reads and reports them again; failures here are left to it) and prepares them. */
export async function prepareRun(
  files: readonly InputFile[],
  run: { cwd: string; config: Config; maxFileSize: number; stdin?: () => NodeJS.ReadableStream; stdinFilename?: string },
  options: PrepareOptions,
): Promise<RunPreparation> {
  const inputs: { file: string; text: string }[] = [];
  const texts = new Map<string, string>();
  let stdinRead: RunPreparation["stdinRead"];
  const none = { external: {}, notes: [], scriptResults: [] };
  if (options.shellcheck === false && !options.verifyChecksums && options.mappings.length === 0) return none;
  for (const input of files) {
    try {
      let text: string | undefined;
      if (input.path === "-") stdinRead = { text: (text = await readStdin(run.stdin?.(), run.maxFileSize)) };
      else if (!isIgnored(run.config, resolve(run.cwd, input.path))) texts.set(input.path, (text = readText(input.path, run.cwd, run.maxFileSize, "", input.walked)));
      if (text !== undefined && hasWork(text, options)) inputs.push({ file: input.path === "-" ? (run.stdinFilename ?? "<stdin>") : input.path, text });
    } catch (e) {
      if (input.path === "-") stdinRead = { error: errorText(e) };
    }
  }
  const prepared = await prepare(inputs, options);
  const scriptResults: FileResult[] = [];
  for (const [path, findings] of prepared.scriptFiles) {
    const result = scriptFileResult(relative(run.cwd, path) || path, path, findings, effectiveConfig(run.config, path).rules);
    if (result.diagnostics.length) scriptResults.push(result);
  }
  return {
    external: { checksums: prepared.checksums, ...(prepared.shellcheck ? { shellcheck: prepared.shellcheck } : {}) },
    ...(stdinRead ? { stdinRead } : {}),
    texts,
    notes: prepared.notes,
    scriptResults,
  };
}
