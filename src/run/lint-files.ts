/** Reads and lints a list of files in order, batch by batch, through one lint session: the CLI's loop, shared by the main thread and the workers. */
import { resolve } from "node:path";
import type { Config } from "../config/types.js";
import type { FileResult } from "../core/result.js";
import { InputError, readStdin, readText, type InputFile } from "../read/input.js";
import { formatFor, parseText } from "../parse/index.js";
import type { ParsedFile } from "../parse/parsed.js";
import type { ShellcheckOutcome } from "../scripts/types.js";
import type { FixMode } from "./fix-input.js";
import { hasWork, type PrepareInput, type PrepareOptions } from "./prepare.js";
import { LintSession, type External, type SessionSettings } from "./session.js";
import { errorText, withoutBom } from "../util/text.js";

export interface RunSettings extends SessionSettings {
  cwd: string;
  config: Config;
  stdinFilename?: string;
  ignoreNonTemplates?: boolean;
  /** Keep each file's text for formats that quote source lines (pretty); others need only the findings. */
  keepSource: boolean;
  stdin?: () => NodeJS.ReadableStream;
  /** --fix (write) or --fix-dry-run: the findings are those left after the fixes. */
  fixMode?: FixMode;
  /** File hashes and ShellCheck (run/prepare.ts), done batch by batch before those files are linted. */
  prepare?: PrepareOptions;
}

/** What lintFiles returns: each file's outcome, and what the checks outside the templates said. */
export interface LintRun {
  outcomes: FileOutcome[];
  /** Lines for the user (e.g. ShellCheck missing). */
  notes: string[];
  /** ShellCheck's findings in local scripts reached through a mapping, by absolute path. */
  scriptFiles: [string, ShellcheckOutcome][];
}

export interface FileOutcome {
  result: FileResult;
  /** Why the file could not be read or linted (exit 2); the result then holds one finding that says so. */
  failure?: { message: string; internal: boolean; stack?: string };
  /** Standard input fixed by --fix, for stdout. */
  fixedText?: string;
}

/** A file that could not be read or linted, as a result every format shows (never an empty, passing one). */
export function failedFile(file: string, ruleId: "read-error" | "internal-error", message: string): FileResult {
  const at = { line: 1, column: 1 };
  return { file, templates: [], diagnostics: [{ file, range: { start: at, end: at }, severity: "error", ruleId, message, path: "$" }] };
}

/** A batch holds at most this many files or bytes of text: its files are parsed once, for the checks outside the templates and for lint. */
const BATCH_FILES = 256;
const BATCH_BYTES = 16 * 1024 * 1024;

/** A file read (or not) for its batch. */
interface Loaded {
  input: InputFile;
  file: string;
  absolute: string | undefined;
  text?: string;
  /** Parsed here for the preparation; lint reuses it. */
  parsed?: ParsedFile;
  /** Why it could not be read. */
  error?: unknown;
}

export async function lintFiles(files: readonly InputFile[], settings: RunSettings): Promise<LintRun> {
  const { config } = settings;
  const session = new LintSession(settings, () => config);
  // a worker thread loads the Bicep parser for its own share (a failure leaves those files to fail one by one)
  await session.loadParsers(files.map((f) => (f.path === "-" ? settings.stdinFilename : f.path))).catch(() => undefined);
  // tells bin/aib-lint.cjs that this run's compiled code is worth keeping in its cache
  (globalThis as { __aibLintLinted?: boolean }).__aibLintLinted = true;
  const outcomes: FileOutcome[] = [];
  const notes: string[] = [];
  session.willLint(files.map((f) => f.absolute ?? resolve(settings.cwd, f.path)));
  let next = 0;
  const readBatch = async (): Promise<Loaded[]> => {
    const batch: Loaded[] = [];
    let bytes = 0;
    while (next < files.length && batch.length < BATCH_FILES && bytes < BATCH_BYTES) {
      const input = files[next++]!;
      // read synchronously: no promise per file
      const loaded = input.path === "-" ? await loadStdin(input, settings) : loadFile(session, input, settings);
      bytes += loaded.text?.length ?? 0;
      batch.push(loaded);
    }
    return batch;
  };
  for (;;) {
    const batch = await readBatch();
    if (batch.length === 0) break;
    let external: External = {};
    if (settings.prepare) {
      const prepared = await session.prepare(parseForPreparation(batch, settings.prepare, settings.fixMode === undefined), settings.prepare);
      notes.push(...prepared.notes);
      external = { checksums: prepared.checksums, ...(prepared.shellcheck ? { shellcheck: prepared.shellcheck } : {}) };
    }
    for (const loaded of batch) {
      // a file that broke its grammar's parser costs the files after it nothing: it is loaded again
      if (session.parserBroken(loaded.file)) await session.loadParsers([loaded.file]).catch(() => undefined);
      const outcome = lintLoaded(session, loaded, settings, external);
      loaded.text = loaded.parsed = undefined; // let the batch go file by file
      if (outcome) outcomes.push(outcome);
    }
  }
  const remote = session.remoteCalls;
  const [first] = remote;
  if (first) notes.push(`${first.file}:${first.line}: module "${first.label}" (source "${first.source}")${remote.length > 1 ? ` and ${remote.length - 1} more module call(s)` : ""} not followed: only local modules ("./…") are linted with the inputs their caller passes`);
  return { outcomes, notes, scriptFiles: [...session.scriptFiles] };
}

/** Parses the batch's files that can hold work for the preparation; lint then reuses the parse (but --fix reads and parses again). */
function parseForPreparation(batch: Loaded[], options: PrepareOptions, keep: boolean): PrepareInput[] {
  const inputs: PrepareInput[] = [];
  for (const loaded of batch) {
    if (loaded.text === undefined) continue;
    const text = withoutBom(loaded.text);
    if (!hasWork(text, options)) continue;
    let parsed: ParsedFile;
    try {
      parsed = parseText(text, formatFor(loaded.file, text));
    } catch {
      continue; // lint reports what cannot be parsed
    }
    if (keep) loaded.parsed = parsed;
    inputs.push({ file: loaded.file, text, documents: parsed.documents });
  }
  return inputs;
}

function loadFile(session: LintSession, input: InputFile, settings: RunSettings): Loaded {
  const { cwd } = settings;
  const absolute = input.absolute ?? resolve(cwd, input.path);
  const loaded: Loaded = { input, file: input.path, absolute };
  if (session.ignored(absolute)) return loaded;
  try {
    loaded.text = readText(input.path, cwd, settings.maxFileSize, "", input.walked, absolute);
  } catch (e) {
    loaded.error = e;
  }
  return loaded;
}

async function loadStdin(input: InputFile, settings: RunSettings): Promise<Loaded> {
  const { cwd, stdinFilename } = settings;
  const loaded: Loaded = { input, file: stdinFilename ?? "<stdin>", absolute: stdinFilename ? resolve(cwd, stdinFilename) : undefined };
  try {
    loaded.text = await readStdin(settings.stdin?.(), settings.maxFileSize);
  } catch (e) {
    loaded.error = e;
  }
  return loaded;
}

/** One file, read and maybe parsed: undefined when the configuration ignores it. */
function lintLoaded(session: LintSession, loaded: Loaded, settings: RunSettings, external: External): FileOutcome | undefined {
  const { input, file, absolute, text } = loaded;
  const isStdin = input.path === "-";
  try {
    if (loaded.error !== undefined) throw loaded.error;
    if (text === undefined) return undefined; // ignored by the configuration
    const sessionFile = { file, absolute, text, explicit: input.explicit && !settings.ignoreNonTemplates, ...(loaded.parsed ? { parsed: loaded.parsed } : {}) };
    const fixing = settings.fixMode ? { mode: settings.fixMode, path: isStdin ? undefined : absolute, followLink: input.explicit } : undefined;
    const { result, error } = session.lint(sessionFile, session.options(sessionFile, external), fixing);
    if (!settings.keepSource) delete result.source;
    return {
      result,
      ...(error ? { failure: { message: error, internal: false } } : {}),
      ...(isStdin && settings.fixMode === "write" ? { fixedText: result.output ?? text } : {}),
    };
  } catch (e) {
    // one file that cannot be read or linted does not cost the others their report, and is in it
    const internal = !(e instanceof InputError);
    const message = internal ? `internal error while linting ${file}: ${errorText(e)}` : errorText(e);
    const shown = internal ? `aib-lint failed on this file (${errorText(e)}); nothing in it was checked` : errorText(e);
    return {
      result: failedFile(file, internal ? "internal-error" : "read-error", shown),
      failure: { message, internal, ...(internal && e instanceof Error && e.stack ? { stack: e.stack } : {}) },
    };
  }
}
