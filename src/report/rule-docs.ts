import { homepage } from "../package-info.js";

/**
 * Where a rule's documentation lives (docs/rules.md), when package.json names the project's homepage;
 * undefined otherwise: a guessed URL would send code-scanning users nowhere.
 */
export function ruleHelpUri(id: string, configured = homepage()): string | undefined {
  const site = configured?.replace(/#.*$/, "").replace(/\/+$/, "");
  return site ? `${site}/blob/main/docs/rules.md#rule-${id}` : undefined;
}
