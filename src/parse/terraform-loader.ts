/** Loads the Terraform grammar (tree-sitter, WebAssembly) on demand; after `await prepareTerraform()` the parsers can read `.tf`. */
import type { Parser } from "web-tree-sitter";
import { lazyGrammar } from "./tree-sitter-runtime.js";

const grammar = lazyGrammar("Terraform", "tree-sitter-terraform.wasm", "@tree-sitter-grammars/tree-sitter-hcl");

export const prepareTerraform = (): Promise<void> => grammar.prepare();

/** The loaded parser; `prepareTerraform()` must have completed. */
export const terraformParser = (): Parser => grammar.parser();

/** Whether a file name is Terraform: a configuration (`.tf`) or a variables file (`.tfvars`). */
export function isTerraformName(name: string): boolean {
  return /\.(?:tf|tfvars)$/i.test(name);
}

/** Loads the Terraform parser when one of these file names is Terraform (`undefined`s are skipped). */
export async function prepareTerraformFor(names: readonly (string | undefined)[]): Promise<void> {
  if (names.some((n) => n !== undefined && isTerraformName(n))) await prepareTerraform();
}
