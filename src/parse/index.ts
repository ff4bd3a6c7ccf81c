import { parseBicep } from "./bicep.js";
import { isBicepName } from "./bicep-loader.js";
import { conflictMarker } from "./conflict.js";
import { parseJson } from "./json.js";
import type { ParsedFile } from "./parsed.js";
import { parseYaml } from "./yaml.js";

export type InputFormat = "json" | "yaml" | "bicep";

/** JSON for .json/.jsonc, YAML for .yaml/.yml, Bicep for .bicep; anything else is sniffed from its first character. */
export function formatFor(name: string, text: string): InputFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return "yaml";
  if (lower.endsWith(".json") || lower.endsWith(".jsonc")) return "json";
  if (isBicepName(lower)) return "bicep";
  const first = text.trimStart()[0];
  return first === "{" || first === "[" || first === "/" || first === undefined ? "json" : "yaml";
}

/** Bicep needs `await prepareBicep()` (parse/bicep-loader.ts) first. */
export function parseText(text: string, format: InputFormat): ParsedFile {
  // YAML 1.2 breaks lines at a lone CR too; the yaml library does not. Same length, so offsets hold.
  const parsed = format === "yaml" ? parseYaml(text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text) : format === "bicep" ? parseBicep(text) : parseJson(text);
  // unparseable because of a merge conflict: say so, not what the parser stumbled on
  if (parsed.documents.some((d) => d.fatal)) {
    const conflict = conflictMarker(text, format === "yaml" ? "YAML" : format === "bicep" ? "Bicep" : "JSON");
    if (conflict) return { ...parsed, documents: [{ root: undefined, fatal: conflict, problems: [] }] };
  }
  return parsed;
}
