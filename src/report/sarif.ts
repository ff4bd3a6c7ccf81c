import { pathToFileURL } from "node:url";
import type { Diagnostic, Severity } from "../core/diagnostic.js";
import { homepage } from "../package-info.js";
import { nodeCrypto } from "../util/builtins.js";
import type { RuleMeta } from "../core/rule-meta.js";
import { CATALOG } from "../lint/catalog.js";
import { ruleHelpUri } from "./rule-docs.js";
import { jsonText, sarifMessage } from "./escape.js";
import { artifactUri } from "./paths.js";
import type { Formatter } from "./types.js";
import { sarifFixes } from "./sarif-fixes.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/** The rule's documentation for code scanning: its explanation and examples, as text and Markdown. */
function ruleHelp(r: RuleMeta): { text: string; markdown: string } {
  const text = [r.docs, ...(r.examples ? ["", `Bad: ${r.examples.bad}`, `Good: ${r.examples.good}`] : [])].join("\n");
  const markdown = [
    r.docs,
    ...(r.examples ? ["", "Bad:", "", "```", r.examples.bad, "```", "", "Good:", "", "```", r.examples.good, "```"] : []),
    ...(r.options ? ["", "Options:", ...Object.entries(r.options).map(([name, o]) => `- \`${name}\` (${o.type}): ${o.description}`)] : []),
  ].join("\n");
  return { text, markdown };
}

function region(range: Diagnostic["range"]) {
  return { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

/**
 * SARIF 2.1.0 for code-scanning tools: every rule in tool.driver.rules with its help, stable fingerprints.
 * Each result is serialised on its own (one line each), so a report of 100,000 findings is never one
 * object graph in memory.
 */
export const sarif: Formatter = (results, context) => {
  const ruleIndex = new Map(CATALOG.map((r, i) => [r.id, i]));
  const rules = CATALOG.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.description },
    fullDescription: { text: r.docs.replace(/\s*\n\s*/g, " ") },
    help: ruleHelp(r),
    ...(ruleHelpUri(r.id) ? { helpUri: ruleHelpUri(r.id) } : {}),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ["azure-image-builder", r.stage], versions: r.versions },
  }));
  const serialised: string[] = [];
  for (const result of results) {
    const { uri, relative } = artifactUri(result.file, context.cwd);
    const artifactLocation = { uri, ...(relative ? { uriBaseId: "%SRCROOT%" } : {}) };
    const seen = new Map<string, number>();
    for (const d of result.diagnostics) {
      // rule, file and JSON path: stable when lines move (messages may name line numbers)
      const base = `${d.ruleId}|${uri}|${d.path}`;
      const occurrence = (seen.get(base) ?? 0) + 1;
      seen.set(base, occurrence);
      // a finding on a value written in a parameters file stands there
      const own = d.file === result.file ? artifactLocation : relatedArtifact(d.file, context.cwd)!;
      const entry = {
        ruleId: d.ruleId,
        ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
        level: LEVEL[d.severity],
        message: { text: sarifMessage(d.message) },
        locations: [{ physicalLocation: { artifactLocation: own, region: region(d.range) }, logicalLocations: [{ fullyQualifiedName: d.path, kind: "member" }] }],
        ...(d.related?.length
          ? {
              relatedLocations: d.related.map((r, i) => ({
                id: i + 1,
                message: { text: sarifMessage(r.message) },
                physicalLocation: { artifactLocation: relatedArtifact(r.file, context.cwd) ?? own, region: region(r.range) },
              })),
            }
          : {}),
        ...sarifFixes(d.fixes, result.source, artifactLocation),
        partialFingerprints: { "aibLintFingerprint/v1": `${nodeCrypto().createHash("sha256").update(base).digest("hex").slice(0, 32)}:${occurrence}` },
      };
      serialised.push(jsonText(JSON.stringify(entry)));
    }
  }
  const site = homepage();
  const driver = { name: "aib-lint", version: context.toolVersion, semanticVersion: context.toolVersion, ...(site ? { informationUri: site } : {}), rules };
  const placeholder = "\u0000results\u0000";
  // what each template let the checks see: values checked, and those unknown before deployment with why
  const templates = results.flatMap((r) => r.templates.flatMap((tpl) => (tpl.values ? [{ file: artifactUri(r.file, context.cwd).uri, name: tpl.name, path: tpl.path, ...tpl.values }] : [])));
  const run = {
    tool: { driver },
    originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToFileURL(context.cwd).href.replace(/\/?$/, "/")}` } },
    results: placeholder,
    columnKind: "utf16CodeUnits",
    ...(templates.length ? { properties: { templates } } : {}),
  };
  const head = jsonText(JSON.stringify({ $schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0", runs: [run] }, null, 2));
  const list = serialised.length ? `[\n        ${serialised.join(",\n        ")}\n      ]` : "[]";
  return `${head.replace(JSON.stringify(placeholder), () => list)}\n`;
};

/** The artifact of a related location in another file (a parameters file). */
function relatedArtifact(file: string | undefined, cwd: string): { uri: string; uriBaseId?: string } | undefined {
  if (file === undefined) return undefined;
  const { uri, relative } = artifactUri(file, cwd);
  return { uri, ...(relative ? { uriBaseId: "%SRCROOT%" } : {}) };
}
