/** Hover: a property key's documentation for the template's API version, and the explanation of findings under the cursor. */
import type { Diagnostic } from "../core/diagnostic.js";
import { ruleMeta } from "../lint/catalog.js";
import type { ApiVersion } from "../model/versions.js";
import { locate, memberAt } from "./locate.js";
import { describeProperty, propertyAt } from "./property-docs.js";

/** Markdown for the cursor at `offset` (into the text after any byte-order mark), or undefined. */
export function hoverText(file: string, text: string, offset: number, findings: readonly Diagnostic[], defaultApiVersion?: ApiVersion): string | undefined {
  const parts: string[] = [];
  const property = propertyDocs(file, text, offset, defaultApiVersion);
  if (property) parts.push(property);
  const seen = new Set<string>();
  for (const d of findings) {
    if (seen.has(d.ruleId)) continue;
    seen.add(d.ruleId);
    const meta = ruleMeta(d.ruleId);
    if (meta) parts.push(`**aib-lint \`${meta.id}\`** (${d.severity}): ${meta.description}\n\n${meta.docs}`);
  }
  return parts.length ? parts.join("\n\n---\n\n") : undefined;
}

function propertyDocs(file: string, text: string, offset: number, defaultApiVersion?: ApiVersion): string | undefined {
  const { template } = locate(file, text, offset, defaultApiVersion);
  if (!template) return undefined;
  const hit = memberAt(template.node, offset);
  if (!hit?.onKey) return undefined;
  const path = hit.member.value.path.slice(template.node.path.length);
  const info = propertyAt(template.node, path);
  if (!info) return undefined;
  const origin = template.apiVersion.origin === "literal" ? "" : ` (apiVersion ${template.apiVersion.origin === "assumed" ? "assumed: best fit" : template.apiVersion.origin})`;
  return `${describeProperty(info, template.version)}\n\n_apiVersion ${template.version}${origin}_`;
}
