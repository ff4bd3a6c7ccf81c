#!/usr/bin/env node
// Share of image-template values the checks see, over the ARM-JSON files of a folder (default ../shared/corpus):
// leaf values (strings, numbers, booleans) of each template checked vs left unknown, now (the evaluator,
// eval/stats.ts) and as the earlier resolver saw them (literals and [parameters('x')]/[variables('x')] chains
// to a scalar); and over its Bicep files, as the evaluator sees them (run the script of an older build to compare).
// Needs `npm run build`.   node scripts/value-coverage.mjs [folder] [--list]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { lintText } from "../dist/lint/index.js";
import { parseJson } from "../dist/parse/json.js";
import { findTemplates } from "../dist/find/templates.js";
import { isExpression } from "../dist/find/expressions.js";
import { resolveScope, trace } from "../dist/find/resolve.js";
import { prepareBicep } from "../dist/parse/bicep-loader.js";

const args = process.argv.slice(2);
const folder = args.find((a) => !a.startsWith("--")) ?? "../shared/corpus";
const list = args.includes("--list");

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (name.endsWith(".json") || name.endsWith(".bicep")) yield path;
  }
}

/** Leaves of the resource as written: a literal or an expression the earlier resolver turned into a scalar counts as checked. */
function before(found) {
  const scope = resolveScope(found, undefined);
  let checked = 0;
  let unknown = 0;
  const walk = (node) => {
    if (node.kind === "object") for (const m of node.members) walk(m.value);
    else if (node.kind === "array") for (const i of node.items) walk(i);
    else if (node.kind === "string" && isExpression(node.value)) {
      const value = found.deployment ? trace(node, scope, 0)?.value : undefined;
      if (value && ["string", "number", "boolean"].includes(value.kind)) checked++;
      else unknown++;
    } else if (node.kind !== "null") checked++;
  };
  walk(found.node);
  return { checked, unknown };
}

const total = { before: { checked: 0, unknown: 0 }, after: { checked: 0, unknown: 0 }, files: 0, templates: 0 };
const bicep = { checked: 0, unknown: 0, files: 0, templates: 0 };
await prepareBicep();
for (const path of files(folder)) {
  const text = readFileSync(path, "utf8");
  if (path.endsWith(".bicep")) {
    const result = lintText({ file: path, text }, { valueStats: true });
    if (result.templates.length === 0) continue;
    bicep.files++;
    const rows = [];
    for (const t of result.templates) {
      bicep.templates++;
      bicep.checked += t.values.checked;
      bicep.unknown += t.values.unknownCount;
      rows.push(share({ checked: t.values.checked, unknown: t.values.unknownCount }));
    }
    if (list) console.log(`${rows.join(", ")}  ${path}`);
    continue;
  }
  const parsed = parseJson(text.replace(/^\uFEFF/, ""));
  const root = parsed.documents[0]?.root;
  const found = findTemplates(root).filter((f) => f.shape === "arm-resource");
  if (found.length === 0) continue;
  const result = lintText({ file: path, text }, { valueStats: true });
  total.files++;
  const rows = [];
  for (const f of found) {
    const b = before(f);
    const summary = result.templates.find((t) => t.range.start.line === parsed.source.position(f.node.start).line);
    if (!summary) continue;
    total.templates++;
    total.before.checked += b.checked;
    total.before.unknown += b.unknown;
    total.after.checked += summary.values.checked;
    total.after.unknown += summary.values.unknownCount;
    rows.push(`${share(b)} → ${share({ checked: summary.values.checked, unknown: summary.values.unknownCount })}`);
  }
  if (list) console.log(`${rows.join(", ")}  ${path}`);
}

function share({ checked, unknown }) {
  const all = checked + unknown;
  return all === 0 ? "-" : `${((100 * checked) / all).toFixed(1)} %`;
}

console.log(`${total.files} ARM-JSON files, ${total.templates} image templates`);
console.log(`before: ${total.before.checked} of ${total.before.checked + total.before.unknown} values checked (${share(total.before)})`);
console.log(`after:  ${total.after.checked} of ${total.after.checked + total.after.unknown} values checked (${share(total.after)})`);
if (bicep.files > 0) console.log(`${bicep.files} Bicep files, ${bicep.templates} image templates: ${bicep.checked} of ${bicep.checked + bicep.unknown} values checked (${share(bicep)})`);
