/** --fix and --fix-dry-run for one input of the command line. */
import type { FileResult, LintInput, LintOptions } from "../lint.js";
import { InputError } from "../read/input.js";
import { readSource, writeSource } from "./files.js";
import { fixText } from "./loop.js";

export type FixMode = "write" | "dry-run";

/**
 * The findings left after fixing. A file (`path`) is read with its encoding and BOM and, in write
 * mode, rewritten when fixes changed it; standard input is fixed in memory (the caller prints `output`).
 */
export function fixInput(input: LintInput, options: LintOptions, mode: FixMode, path?: string): FileResult {
  if (path === undefined) return fixText(input, options).result;
  const source = readSource(path);
  const outcome = fixText({ ...input, text: source.text }, options);
  if (mode === "write" && outcome.changed) {
    if (!source.lossless) throw new InputError(`${input.file} is not valid ${source.encoding === "utf8" ? "UTF-8" : "UTF-16"}; not rewritten`);
    writeSource(path, outcome.output, source.encoding);
  }
  return outcome.result;
}
