import type { FileResult } from "../core/result.js";
import { redactUris } from "../util/redact.js";
import { azureDevops, github } from "./annotations.js";
import { json } from "./json.js";
import { junit } from "./junit.js";
import { pretty } from "./pretty.js";
import { sarif } from "./sarif.js";
import { stylish } from "./stylish.js";
import type { Formatter } from "./types.js";

/** Every format prints messages with the secrets of their URIs redacted (pretty's source excerpts too). */
const redacting =
  (format: Formatter): Formatter =>
  (results, context) =>
    format(results.map(withoutUriSecrets), context);

export const FORMATTERS: Record<string, Formatter> = Object.fromEntries(
  Object.entries({ stylish, pretty, json, sarif, junit, github, "azure-devops": azureDevops }).map(([name, format]) => [name, redacting(format)]),
);

/** The result itself when no message names a URI (most results): no copy. */
export function withoutUriSecrets(result: FileResult): FileResult {
  if (!result.diagnostics.some((d) => d.message.includes("://"))) return result;
  return { ...result, diagnostics: result.diagnostics.map((d) => (d.message.includes("://") ? { ...d, message: redactUris(d.message) } : d)) };
}
