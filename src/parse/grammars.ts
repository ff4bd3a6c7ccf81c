/** The grammars some files need before they can be parsed: Bicep's and Terraform's, each loaded when first met (again after a parse broke it). */
import { BICEP, isBicepName } from "./bicep-loader.js";
import { isTerraformName, TERRAFORM } from "./terraform-loader.js";
import type { Grammar } from "./tree-sitter-runtime.js";

/** The grammar a file name needs, if any. */
export function grammarFor(name: string): Grammar | undefined {
  return isBicepName(name) ? BICEP : isTerraformName(name) ? TERRAFORM : undefined;
}

/** Loads the parsers these file names need (`undefined`s are skipped). */
export async function prepareGrammarsFor(names: readonly (string | undefined)[]): Promise<void> {
  const needed = new Set(names.flatMap((n) => (n === undefined ? [] : (grammarFor(n) ?? []))));
  await Promise.all([...needed].map((g) => g.prepare()));
}
