import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import type { Severity } from "../diagnostic.js";
import { CATALOG } from "../rules/index.js";
import { ruleHelpUri } from "../rules/docs.js";
import { artifactUri } from "./paths.js";
import type { Formatter } from "./types.js";
import { sarifFixes } from "../fix/sarif.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/** SARIF 2.1.0 for code-scanning tools: every rule in tool.driver.rules, stable fingerprints. */
export const sarif: Formatter = (results, context) => {
  const ruleIndex = new Map(CATALOG.map((r, i) => [r.id, i]));
  const rules = CATALOG.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.description },
    fullDescription: { text: r.docs.replace(/\s*\n\s*/g, " ") },
    help: { text: r.docs, markdown: r.docs },
    helpUri: ruleHelpUri(r.id),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ["azure-image-builder", r.stage], versions: r.versions },
  }));
  const sarifResults = results.flatMap((result) => {
    const { uri, relative } = artifactUri(result.file, context.cwd);
    const seen = new Map<string, number>();
    return result.diagnostics.map((d) => {
      // rule, file and JSON path: stable when lines move (messages may name line numbers)
      const base = `${d.ruleId}|${uri}|${d.path}`;
      const occurrence = (seen.get(base) ?? 0) + 1;
      seen.set(base, occurrence);
      return {
        ruleId: d.ruleId,
        ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, ...(relative ? { uriBaseId: "%SRCROOT%" } : {}) },
              region: { startLine: d.range.start.line, startColumn: d.range.start.column, endLine: d.range.end.line, endColumn: d.range.end.column },
            },
            logicalLocations: [{ fullyQualifiedName: d.path, kind: "member" }],
          },
        ],
        ...(d.related?.length
          ? {
              relatedLocations: d.related.map((r, i) => ({
                id: i + 1,
                message: { text: r.message },
                physicalLocation: {
                  artifactLocation: { uri, ...(relative ? { uriBaseId: "%SRCROOT%" } : {}) },
                  region: { startLine: r.range.start.line, startColumn: r.range.start.column, endLine: r.range.end.line, endColumn: r.range.end.column },
                },
              })),
            }
          : {}),
        ...sarifFixes(d.fixes, result.source, { uri, ...(relative ? { uriBaseId: "%SRCROOT%" } : {}) }),
        partialFingerprints: { "aibLintFingerprint/v1": `${createHash("sha256").update(base).digest("hex").slice(0, 32)}:${occurrence}` },
      };
    });
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "aib-lint", version: context.toolVersion, semanticVersion: context.toolVersion, informationUri: ruleHelpUri(), rules } },
        originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToFileURL(context.cwd).href.replace(/\/?$/, "/")}` } },
        results: sarifResults,
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
