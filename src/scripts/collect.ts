/** The inline Shell scripts of a found template, as ShellCheck will read them. */
import { resolveScope, type ParameterValues } from "../find/resolve.js";
import { findSteps } from "../find/steps.js";
import type { FoundTemplate } from "../find/templates.js";
import { memberCI } from "../parse/ast.js";
import { inlineScript } from "./inline.js";

export function inlineShellScripts(found: FoundTemplate, parameters: ParameterValues | undefined): string[] {
  const scope = resolveScope(found, parameters);
  const out: string[] = [];
  for (const step of findSteps(found)) {
    const inline = memberCI(step.node, "inline")?.value;
    if (step.type?.toLowerCase() === "shell" && inline?.kind === "array" && inline.items.length > 0) out.push(inlineScript(inline.items, scope).text);
  }
  return out;
}
