/** The grammars some files need before they can be parsed: Bicep's and Terraform's, each loaded once, only when met. */
import { prepareBicepFor } from "./bicep-loader.js";
import { prepareTerraformFor } from "./terraform-loader.js";

/** Loads the parsers these file names need (`undefined`s are skipped). */
export async function prepareGrammarsFor(names: readonly (string | undefined)[]): Promise<void> {
  await Promise.all([prepareBicepFor(names), prepareTerraformFor(names)]);
}
