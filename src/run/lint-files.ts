/** Reads and lints a list of files in order: the CLI's loop, shared by the main thread and the workers. */
import { dirname, resolve } from "node:path";
import { effectiveConfig, isIgnored } from "../config/resolve.js";
import type { Config, EffectiveConfig } from "../config/types.js";
import { fixInput, type FixMode } from "./fix-input.js";
import { lintText, type LintOptions } from "../lint/index.js";
import { type FileResult } from "../core/result.js";
import { InputError, readStdin, readText, type InputFile } from "../read/input.js";
import { formatFor, parseText } from "../parse/index.js";
import type { ParsedFile } from "../parse/parsed.js";
import { hasWork, newPrepareMemo, prepare, type PrepareInput, type PrepareOptions } from "./prepare.js";
import type { ShellcheckOutcome } from "../scripts/types.js";
import { grammarFor, prepareGrammarsFor } from "../parse/grammars.js";
import type { ApiVersion } from "../model/versions.js";
import { MANY_FILES, tuneForManyFiles } from "./tune.js";
import { isTerraformName } from "../parse/terraform-loader.js";
import { isBicepName } from "../parse/bicep-loader.js";
import { bicepFileReads, bicepImports, readFiles, withFileReads } from "../read/file-reads.js";
import { moduleReader } from "../read/modules.js";
import { moduleValues, readTerraformModule, type TerraformModule } from "../read/terraform-module.js";
import { calledModuleFindings, type CalledFindings } from "./terraform-calls.js";
import { errorText, withoutBom } from "../util/text.js";

export interface RunSettings {
  cwd: string;
  config: Config;
  parameters?: LintOptions["parameters"];
  apiVersion?: ApiVersion;
  /** Count each template's values checked and unknown. */
  valueStats?: boolean;
  stdinFilename?: string;
  ignoreNonTemplates?: boolean;
  reportUnusedDisables: boolean;
  maxFileSize: number;
  /** Keep each file's text for formats that quote source lines (pretty); others need only the findings. */
  keepSource: boolean;
  stdin?: () => NodeJS.ReadableStream;
  /** --fix (write) or --fix-dry-run: the findings are those left after the fixes. */
  fixMode?: FixMode;
  /** File hashes and ShellCheck (src/prepare.ts), done batch by batch before those files are linted. */
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

/** `soleThread`: the main thread, linting every file itself (see tune.ts). */
export async function lintFiles(files: readonly InputFile[], settings: RunSettings, soleThread = false): Promise<LintRun> {
  // a worker thread loads the Bicep parser for its own share (a failure leaves those files to fail one by one)
  await prepareGrammarsFor(files.map((f) => (f.path === "-" ? settings.stdinFilename : f.path))).catch(() => undefined);
  // tells bin/aib-lint.cjs that this run's compiled code is worth keeping in its cache
  (globalThis as { __aibLintLinted?: boolean }).__aibLintLinted = true;
  if (files.length >= MANY_FILES) tuneForManyFiles(soleThread);
  const outcomes: FileOutcome[] = [];
  const notes: string[] = [];
  const memo = newPrepareMemo();
  const modules: TerraformOptions = new Map();
  const calls: ModuleCalls = { linted: new Set(files.map((f) => f.absolute ?? resolve(settings.cwd, f.path))), remote: [] };
  let next = 0;
  const readBatch = async (): Promise<Loaded[]> => {
    const batch: Loaded[] = [];
    let bytes = 0;
    while (next < files.length && batch.length < BATCH_FILES && bytes < BATCH_BYTES) {
      const input = files[next++]!;
      // a file is read synchronously: an await per file cost a promise and a microtask each
      const loaded = input.path === "-" ? await loadStdin(input, settings) : loadFile(input, settings);
      bytes += loaded.text?.length ?? 0;
      batch.push(loaded);
    }
    return batch;
  };
  for (;;) {
    const batch = await readBatch();
    if (batch.length === 0) break;
    let external: Pick<LintOptions, "checksums" | "shellcheck"> = {};
    if (settings.prepare) {
      const prepared = await prepare(parseForPreparation(batch, settings.prepare, settings.fixMode === undefined), settings.prepare, memo);
      notes.push(...prepared.notes);
      external = { checksums: prepared.checksums, ...(prepared.shellcheck ? { shellcheck: prepared.shellcheck } : {}) };
    }
    for (const loaded of batch) {
      // a file that broke its grammar's parser costs the files after it nothing: it is loaded again
      if (grammarFor(loaded.file)?.broken) await prepareGrammarsFor([loaded.file]).catch(() => undefined);
      const outcome = lintLoaded(loaded, settings, external, modules, calls);
      loaded.text = loaded.parsed = undefined; // let the batch go file by file
      if (outcome) outcomes.push(outcome);
    }
  }
  const [first] = calls.remote;
  if (first) notes.push(`${first.file}:${first.line}: module "${first.label}" (source "${first.source}")${calls.remote.length > 1 ? ` and ${calls.remote.length - 1} more module call(s)` : ""} not followed: only local modules ("./…") are linted with the inputs their caller passes`);
  return { outcomes, notes, scriptFiles: [...memo.scriptFiles] };
}

/** The run's files (findings of a called module that it lints on its own are not repeated) and the module calls not followed. */
interface ModuleCalls {
  linted: ReadonlySet<string>;
  remote: CalledFindings["remote"];
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

function loadFile(input: InputFile, settings: RunSettings): Loaded {
  const { cwd } = settings;
  const absolute = input.absolute ?? resolve(cwd, input.path);
  const loaded: Loaded = { input, file: input.path, absolute };
  if (isIgnored(settings.config, absolute)) return loaded;
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

/** The options of the last file: the files of a folder share their effective configuration, and so their options. */
let lastOptions: { effective: EffectiveConfig; settings: RunSettings; external: object; options: LintOptions } | undefined;

function lintOptions(effective: EffectiveConfig, settings: RunSettings, external: Pick<LintOptions, "checksums" | "shellcheck">): LintOptions {
  if (lastOptions?.effective === effective && lastOptions.settings === settings && lastOptions.external === external) return lastOptions.options;
  const apiVersion = settings.apiVersion ?? effective.apiVersion;
  const options: LintOptions = {
    rules: effective.rules,
    regions: effective.regions,
    reportUnusedDisables: settings.reportUnusedDisables,
    ...(settings.parameters ? { parameters: settings.parameters } : {}),
    ...(apiVersion ? { defaultApiVersion: apiVersion } : {}),
    ...(settings.valueStats ? { valueStats: true } : {}),
    readModule: moduleReader(settings.cwd, settings.maxFileSize),
    ...external,
  };
  lastOptions = { effective, settings, external, options };
  return options;
}

/** Lint options by Terraform module folder: the files of a folder share its variables files and provider version. */
type TerraformOptions = Map<string, { base: LintOptions; module: TerraformModule }>;

/** A Terraform file's options: the values of its folder's variables files, under --parameters, and the azapi version. */
function terraformOptions(base: LintOptions, absolute: string, settings: RunSettings, modules: TerraformOptions): LintOptions {
  const dir = dirname(absolute);
  let known = modules.get(dir);
  if (known?.base !== base) {
    known = { base, module: readTerraformModule(dir, settings.maxFileSize, settings.cwd) };
    modules.set(dir, known);
  }
  const { module } = known;
  const parameters = moduleValues(module, absolute, settings.parameters);
  return { ...base, ...(parameters ? { parameters } : {}), ...(module.azapi ? { azapi: module.azapi } : {}) };
}

/** A Bicep file's options: the texts of the local files it loads (loadTextContent, loadJsonContent) among the values. */
function bicepOptions(base: LintOptions, absolute: string, text: string, settings: RunSettings): LintOptions {
  const names = bicepFileReads(text);
  const imports = /^[ \t]*import\b/m.test(text) ? bicepImports(dirname(absolute), text, settings.maxFileSize, settings.cwd) : undefined;
  if (names.length === 0 && !imports?.size) return base;
  const reads = readFiles(dirname(absolute), names, settings.maxFileSize, settings.cwd);
  for (const [name, value] of imports ?? []) reads.set(name, value);
  const parameters = withFileReads(base.parameters, reads);
  return parameters === base.parameters ? base : { ...base, ...(parameters ? { parameters } : {}) };
}

/** One file, read and maybe parsed: undefined when the configuration ignores it. */
function lintLoaded(loaded: Loaded, settings: RunSettings, external: Pick<LintOptions, "checksums" | "shellcheck">, modules: TerraformOptions, calls: ModuleCalls): FileOutcome | undefined {
  const { config } = settings;
  const { input, file, absolute, text } = loaded;
  const isStdin = input.path === "-";
  try {
    if (loaded.error !== undefined) throw loaded.error;
    if (text === undefined) return undefined; // ignored by the configuration
    const common = lintOptions(effectiveConfig(config, absolute), settings, external);
    const options = absolute && isTerraformName(file) ? terraformOptions(common, absolute, settings, modules) : absolute && isBicepName(file) ? bicepOptions(common, absolute, text, settings) : common;
    const lintInput = { file, text, explicit: input.explicit && !settings.ignoreNonTemplates };
    // a link found by a walk or a glob may lead out of the folder: --fix writes through links the user named only
    const fixed = settings.fixMode ? fixInput(lintInput, options, settings.fixMode, isStdin ? undefined : absolute, { followLink: input.explicit }) : undefined;
    const result = fixed?.result ?? lintText(loaded.parsed ? { ...lintInput, parsed: loaded.parsed } : lintInput, options);
    if (absolute && isTerraformName(file) && /\bmodule\b/.test(text)) {
      // the image templates of the local modules this file calls, with the inputs it passes
      const called = calledModuleFindings({ file, absolute, text: withoutBom(text) }, options, settings.maxFileSize, settings.cwd, calls.linted);
      // a file whose templates are those of the modules it calls has templates
      if (called.templates) result.diagnostics = result.diagnostics.filter((d) => d.ruleId !== "no-template");
      result.diagnostics.push(...called.diagnostics);
      calls.remote.push(...called.remote);
    }
    if (!settings.keepSource) delete result.source;
    return {
      result,
      ...(fixed?.error ? { failure: { message: fixed.error, internal: false } } : {}),
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
