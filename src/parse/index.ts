import { parseJson } from "./json.js";
import type { ParsedFile } from "./parsed.js";
import { parseYaml } from "./yaml.js";

export type InputFormat = "json" | "yaml";

/** JSON for .json/.jsonc, YAML for .yaml/.yml; anything else is sniffed from its first character. */
export function formatFor(name: string, text: string): InputFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return "yaml";
  if (lower.endsWith(".json") || lower.endsWith(".jsonc")) return "json";
  const first = text.trimStart()[0];
  return first === "{" || first === "[" || first === "/" || first === undefined ? "json" : "yaml";
}

export function parseText(text: string, format: InputFormat): ParsedFile {
  return format === "yaml" ? parseYaml(text) : parseJson(text);
}
