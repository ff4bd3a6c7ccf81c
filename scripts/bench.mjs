#!/usr/bin/env node
// Speed and memory of aib-lint on generated templates (after `npm run build`). Prints a table; exits 1
// when a target is missed, so it can gate a release. Figures depend on the machine: compare like with like.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { lintText } from "../dist/lint.js";

const example = JSON.parse(readFileSync(new URL("../fixtures/examples/linux-gallery.json", import.meta.url), "utf8"));
const TARGETS = { coldStartMs: 600, warmTemplateMs: 5, bigFileMs: 3000, peakRssMb: 400 };

function template(i) {
  const t = structuredClone(example);
  t.name = `golden-${i}`;
  t.properties.customize = Array.from({ length: 8 }, (_, k) => ({ type: "Shell", name: `step-${k}`, inline: [`echo ${i}-${k}`] }));
  if (i % 10 === 0) t.location = "southindia"; // some findings, too
  return t;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const rows = [];
const record = (name, value, unit, target) => rows.push({ name, value, unit, target, ok: target === undefined || value <= target });

// 1. cold start of the CLI on one file, median of 7; the same template in Bicep (the WebAssembly grammar is
// loaded only for it) within 2× the JSON figure. The runs take turns, so that the machine's load falls on both alike.
const bin = fileURLToPath(new URL("../bin/aib-lint.js", import.meta.url));
const exampleFile = fileURLToPath(new URL("../fixtures/examples/linux-gallery.json", import.meta.url));
const bicepFile = fileURLToPath(new URL("../fixtures/bicep/linux-gallery.bicep", import.meta.url));
const cold = { json: [], bicep: [] };
for (let i = 0; i < 7; i++) {
  for (const [kind, file] of [["json", exampleFile], ["bicep", bicepFile]]) {
    const start = performance.now();
    spawnSync(process.execPath, [bin, file], { encoding: "utf8" });
    cold[kind].push(performance.now() - start);
  }
}
record("CLI cold start, one template (median of 7)", Math.round(median(cold.json)), "ms", TARGETS.coldStartMs);
record("CLI cold start, the same template in Bicep (median of 7)", Math.round(median(cold.bicep)), "ms", Math.round(2 * median(cold.json)));

// 2. warm: many single-template files, in process
const texts = Array.from({ length: 1000 }, (_, i) => JSON.stringify(template(i), null, 2));
lintText({ file: "warmup.json", text: texts[0] });
let start = performance.now();
let findings = 0;
for (let i = 0; i < texts.length; i++) findings += lintText({ file: `t${i}.json`, text: texts[i] }).diagnostics.length;
const perTemplate = (performance.now() - start) / texts.length;
record("1,000 files of one template each, per file (warm)", Number(perTemplate.toFixed(2)), "ms", TARGETS.warmTemplateMs);

// 3. one big ARM deployment template holding 2,000 image templates (~7 MB)
const big = JSON.stringify({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", contentVersion: "1.0.0.0", resources: Array.from({ length: 2000 }, (_, i) => template(i)) }, null, 2);
start = performance.now();
const bigResult = lintText({ file: "big.json", text: big });
record(`one ${(big.length / 1e6).toFixed(1)} MB ARM template with 2,000 templates`, Math.round(performance.now() - start), "ms", TARGETS.bigFileMs);

// 4. the CLI on a directory of the 1,000 files
const dir = mkdtempSync(join(tmpdir(), "aib-lint-bench-"));
for (let i = 0; i < 1000; i++) writeFileSync(join(dir, `t${i}.json`), texts[i]);
start = performance.now();
const run = spawnSync(process.execPath, [bin, "--format", "json", dir], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
record("CLI on a directory of 1,000 files", Math.round(performance.now() - start), "ms");
rmSync(dir, { recursive: true, force: true });

const peak = process.resourceUsage().maxRSS / 1024;
record("peak memory of this process (all of the above)", Math.round(peak), "MB", TARGETS.peakRssMb);

const width = Math.max(...rows.map((r) => r.name.length));
for (const r of rows) console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(7)} ${r.unit}${r.target !== undefined ? `  (target ≤ ${r.target}) ${r.ok ? "ok" : "MISSED"}` : ""}`);
console.log(`findings: ${findings} in the 1,000 files, ${bigResult.diagnostics.length} in the big file; CLI exit ${run.status}`);
process.exit(rows.every((r) => r.ok) ? 0 : 1);
