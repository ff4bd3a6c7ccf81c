/** The Terraform grammar (tree-sitter, WebAssembly), loaded on demand; after `await prepareTerraform()` the parsers can read `.tf`. */
import type { Tree } from "web-tree-sitter";
import { Grammar, type ParseGaveUp } from "./tree-sitter-runtime.js";

export const TERRAFORM = new Grammar("Terraform", "tree-sitter-terraform.wasm", "@tree-sitter-grammars/tree-sitter-hcl");

export const prepareTerraform = (): Promise<void> => TERRAFORM.prepare();

/** Parses with the loaded parser, within a time budget (tree-sitter-runtime.ts). */
export const parseTerraformTree = (text: string, budgetMs?: number): Tree | ParseGaveUp => TERRAFORM.parse(text, budgetMs);

/** Whether a file name is Terraform: a configuration (`.tf`) or a variables file (`.tfvars`). */
export function isTerraformName(name: string): boolean {
  return /\.(?:tf|tfvars)$/i.test(name);
}
