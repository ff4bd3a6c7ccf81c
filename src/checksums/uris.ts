/** The URIs a template pulls files from, and where --map-uri says they live on disk. */
import { join, resolve } from "node:path";
import { isExpression } from "../find/expressions.js";
import { findSteps } from "../find/steps.js";
import type { FoundTemplate } from "../find/templates.js";
import { memberCI } from "../parse/ast.js";
import { isWithin } from "../util/paths.js";
import { redactUris } from "../util/redact.js";
import { URI_KEYS } from "./types.js";


export interface StepUri {
  uri: string;
  /** Shell scripts are also given to ShellCheck when they are local. */
  shell: boolean;
}

export function stepUris(found: FoundTemplate): StepUri[] {
  const out: StepUri[] = [];
  for (const step of findSteps(found)) {
    const key = step.type ? URI_KEYS[step.type.toLowerCase()] : undefined;
    const value = key ? memberCI(step.node, key)?.value : undefined;
    if (value?.kind === "string" && /^https?:\/\//i.test(value.value) && !isExpression(value.value)) out.push({ uri: value.value, shell: step.type!.toLowerCase() === "shell" });
  }
  return out;
}

export interface UriMapping {
  prefix: string;
  /** Absolute folder. */
  dir: string;
}

/** Parses `PREFIX=DIR` (split at the last `=`; DIR relative to `base`). */
export function parseMapping(text: string, base: string): UriMapping | undefined {
  const at = text.lastIndexOf("=");
  if (at <= 0 || at === text.length - 1) return undefined;
  return { prefix: text.slice(0, at), dir: resolve(base, text.slice(at + 1)) };
}

/** The local path a URI maps to and its folder (longest prefix wins), an error when its name leaves the folder, or undefined when no prefix applies. */
export function mapUri(uri: string, mappings: readonly UriMapping[]): { path: string; dir: string } | { error: string } | undefined {
  const mapping = [...mappings].sort((a, b) => b.prefix.length - a.prefix.length).find((m) => uri.startsWith(m.prefix));
  if (!mapping) return undefined;
  let rest = uri.slice(mapping.prefix.length).replace(/[?#].*$/s, "");
  try {
    rest = decodeURIComponent(rest);
  } catch {
    return { error: `cannot decode the path in ${redactUris(uri)}` };
  }
  const path = join(mapping.dir, rest);
  if (!isWithin(mapping.dir, path)) return { error: `${redactUris(uri)} maps outside ${mapping.dir}` };
  return { path, dir: mapping.dir };
}
