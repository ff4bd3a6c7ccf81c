/** Reads and lints a list of files in order: the CLI's loop, shared by the main thread and the workers. */
import { resolve } from "node:path";
import { effectiveConfig, isIgnored } from "../config/resolve.js";
import type { Config } from "../config/types.js";
import { fixInput, type FixMode } from "../fix/cli.js";
import { lintText, type FileResult, type LintOptions } from "../lint.js";
import { InputError, readStdin, readText, type InputFile } from "../read/input.js";
import { prepareBicepFor } from "../parse/bicep-loader.js";
import type { ApiVersion } from "../schema/versions.js";
import { errorText } from "../util/text.js";

export interface RunSettings {
  cwd: string;
  config: Config;
  parameters?: LintOptions["parameters"];
  apiVersion?: ApiVersion;
  stdinFilename?: string;
  ignoreNonTemplates?: boolean;
  reportUnusedDisables: boolean;
  maxFileSize: number;
  /** Keep each file's text for formats that quote source lines (pretty); others need only the findings. */
  keepSource: boolean;
  stdin?: () => NodeJS.ReadableStream;
  /** --fix (write) or --fix-dry-run: the findings are those left after the fixes. */
  fixMode?: FixMode;
  /** File hashes and ShellCheck's findings, computed before lint (src/prepare.ts). */
  external?: Pick<LintOptions, "checksums" | "shellcheck">;
  /** Standard input already read by that stage. */
  stdinRead?: { text: string } | { error: string };
  /** Files already read by that stage, by path as given. */
  texts?: Map<string, string>;
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

async function stdinText(settings: RunSettings): Promise<string> {
  const read = settings.stdinRead;
  if (!read) return readStdin(settings.stdin?.(), settings.maxFileSize);
  if ("error" in read) throw new InputError(read.error);
  return read.text;
}

/** A text read before lint, handed over once (the map lets it go, so memory does not hold every file). */
function takeText(settings: RunSettings, path: string): string | undefined {
  const text = settings.texts?.get(path);
  if (text !== undefined) settings.texts!.delete(path);
  return text;
}

export async function lintFiles(files: readonly InputFile[], settings: RunSettings): Promise<FileOutcome[]> {
  // a worker thread loads the Bicep parser for its own share (a failure leaves those files to fail one by one)
  await prepareBicepFor(files.map((f) => (f.path === "-" ? settings.stdinFilename : f.path))).catch(() => undefined);
  const outcomes: FileOutcome[] = [];
  for (const input of files) {
    const outcome = await lintFile(input, settings);
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}

/** One file; undefined when the configuration ignores it. */
export async function lintFile(input: InputFile, settings: RunSettings): Promise<FileOutcome | undefined> {
  const { cwd, config } = settings;
  const isStdin = input.path === "-";
  const file = isStdin ? (settings.stdinFilename ?? "<stdin>") : input.path;
  try {
    const absolute = isStdin ? (settings.stdinFilename ? resolve(cwd, settings.stdinFilename) : undefined) : resolve(cwd, input.path);
    if (!isStdin && absolute && isIgnored(config, absolute)) return undefined;
    const text = isStdin ? await stdinText(settings) : (takeText(settings, input.path) ?? readText(input.path, cwd, settings.maxFileSize, "", input.walked));
    const effective = effectiveConfig(config, absolute);
    const apiVersion = settings.apiVersion ?? effective.apiVersion;
    const options: LintOptions = {
      rules: effective.rules,
      regions: effective.regions,
      reportUnusedDisables: settings.reportUnusedDisables,
      ...(settings.parameters ? { parameters: settings.parameters } : {}),
      ...(apiVersion ? { defaultApiVersion: apiVersion } : {}),
      ...settings.external,
    };
    const lintInput = { file, text, explicit: input.explicit && !settings.ignoreNonTemplates };
    const fixed = settings.fixMode ? fixInput(lintInput, options, settings.fixMode, isStdin ? undefined : resolve(cwd, input.path)) : undefined;
    const result = fixed?.result ?? lintText(lintInput, options);
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
