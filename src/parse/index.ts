import { parseBicep } from "./bicep.js";
import { isBicepName } from "./bicep-loader.js";
import { conflictMarker } from "./conflict.js";
import { parseJson } from "./json.js";
import type { ParsedFile } from "./parsed.js";
import { parseTerraform } from "./terraform.js";
import { isTerraformName } from "./terraform-loader.js";
import { parseYaml } from "./yaml.js";

export type InputFormat = "json" | "yaml" | "bicep" | "terraform";

/** JSON for .json/.jsonc, YAML for .yaml/.yml, Bicep for .bicep, Terraform for .tf; anything else is sniffed from its first character. */
export function formatFor(name: string, text: string): InputFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return "yaml";
  if (lower.endsWith(".json") || lower.endsWith(".jsonc")) return "json";
  if (isBicepName(lower)) return "bicep";
  if (isTerraformName(lower)) return "terraform";
  const first = text.trimStart()[0];
  return first === "{" || first === "[" || first === "/" || first === undefined ? "json" : "yaml";
}

const FORMAT_NAMES: Record<InputFormat, string> = { json: "JSON", yaml: "YAML", bicep: "Bicep", terraform: "Terraform" };

/** Bicep and Terraform need `await prepareGrammarsFor(names)` (parse/grammars.ts) first. */
export function parseText(text: string, format: InputFormat): ParsedFile {
  // YAML 1.2 breaks lines at a lone CR too; the yaml library does not. Same length, so offsets hold.
  const parsed =
    format === "yaml" ? parseYaml(text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text) : format === "bicep" ? parseBicep(text) : format === "terraform" ? parseTerraform(text) : parseJson(text);
  // unparseable because of a merge conflict: say so, not what the parser stumbled on
  if (parsed.documents.some((d) => d.fatal)) {
    const conflict = conflictMarker(text, FORMAT_NAMES[format]);
    if (conflict) return { ...parsed, documents: [{ root: undefined, fatal: conflict, problems: [] }] };
  }
  return parsed;
}
