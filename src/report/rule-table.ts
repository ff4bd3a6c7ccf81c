/** The rule catalogue as `aib-lint rules` prints it: an aligned table, or JSON for tooling. */
import { ruleHelpUri } from "./rule-docs.js";
import { CATALOG } from "../lint/catalog.js";

export function ruleTable(): string {
  const rows = CATALOG.map((r) => [r.id, r.severity, r.versions, `${r.description}${r.fixable ? " [fixable]" : ""}`] as const);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  return `${rows.map((row) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join("  ")).join("\n")}\n`;
}

export function ruleCatalogJson(): string {
  const rules = CATALOG.map((r) => ({
    id: r.id,
    severity: r.severity,
    versions: r.versions,
    stage: r.stage,
    description: r.description,
    docs: r.docs,
    helpUri: ruleHelpUri(r.id),
    ...(r.examples ? { examples: r.examples } : {}),
  }));
  return `${JSON.stringify(rules, null, 2)}\n`;
}
