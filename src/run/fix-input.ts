/** --fix and --fix-dry-run for one input of the command line. */
import { lintText, type LintInput, type LintOptions } from "../lint/index.js";
import { type FileResult } from "../core/result.js";
import { InputError } from "../read/input.js";
import { readSource, writeSource, type WriteOptions } from "./fix-files.js";
import { fixText } from "./fix-loop.js";

export type FixMode = "write" | "dry-run";

/**
 * The findings left after fixing. A file (`path`) is read with its encoding and BOM and, in write
 * mode, rewritten when fixes changed it; standard input is fixed in memory (the caller prints `output`).
 * A file that is not rewritten (see writeSource) keeps its findings as they are, with the reason as `error`.
 */
export function fixInput(input: LintInput, options: LintOptions, mode: FixMode, path?: string, write: WriteOptions = { followLink: true }): { result: FileResult; error?: string } {
  if (path === undefined) return { result: fixText(input, options).result };
  const source = readSource(path);
  const outcome = fixText({ ...input, text: source.text }, options);
  if (mode === "write" && outcome.changed) {
    try {
      writeSource(path, outcome.output, source, write, input.file);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return { result: lintText({ ...input, text: source.text }, options), error: e.message };
    }
  }
  return { result: outcome.result };
}
