#!/usr/bin/env node
// `npm run bench` (after `npm run build`): speed and memory of the CLI as ratios against floors measured in
// the same run, on the same files: `node -e 0` for start-up, and a script that reads and JSON.parses the
// files for the corpus and the fleet. Runs alternate (floor, aib-lint, floor, …) and medians are compared,
// so load on a shared machine hits both sides alike. Exits 1 when a ratio misses its target.
// `npm run bench -- --quick` runs fewer rounds.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin/aib-lint.cjs");
const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 5 : 11;

/** Targets: aib-lint / floor, medians of alternating runs; memory in MB. */
export const TARGETS = { coldStart: 1.5, bicepColdStart: 2, terraformColdStart: 2, corpus: 3, fleet: 3, cachedFleet: 3, fleetRssMb: 150, bigRssFactor: 10 };

// ShellCheck is another program with its own cost (docs/checksums-and-scripts.md): measured apart from aib-lint
const NO_SHELLCHECK = "--no-shellcheck";
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** Runs a command once: wall ms, CPU ms and peak RSS in MB (CPU and RSS need /usr/bin/time). */
function measure(args, options = {}) {
  const start = process.hrtime.bigint();
  const command = TIME ? [TIME, "-f", "\n%U %S %M", process.execPath, ...args] : [process.execPath, ...args];
  const run = spawnSync(command[0], command.slice(1), { encoding: "utf8", maxBuffer: 1 << 30, cwd: options.cwd ?? root, stdio: ["ignore", "ignore", "pipe"] });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const last = TIME ? run.stderr.trim().split("\n").at(-1).split(" ").map(Number) : [];
  if (run.status !== 0 && !(options.okStatus ?? [0]).includes(run.status)) throw new Error(`${args.join(" ").slice(0, 200)} exited ${run.status}: ${run.stderr.slice(0, 500)}`);
  return { wall, cpu: TIME ? (last[0] + last[1]) * 1000 : undefined, rss: TIME ? last[2] / 1024 : undefined };
}

const median = (values) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : undefined;
};

/** Alternates floor and subject runs; returns medians of each. */
function compare(floorArgs, subjectArgs, options = {}) {
  const floor = [];
  const subject = [];
  measure(floorArgs, options); // warm the file cache for both
  measure(subjectArgs, options);
  for (let i = 0; i < (options.rounds ?? ROUNDS); i++) {
    floor.push(measure(floorArgs, options));
    subject.push(measure(subjectArgs, options));
  }
  const pick = (runs, key) => median(runs.map((r) => r[key]));
  return {
    floor: { wall: pick(floor, "wall"), cpu: pick(floor, "cpu"), rss: pick(floor, "rss") },
    subject: { wall: pick(subject, "wall"), cpu: pick(subject, "cpu"), rss: Math.max(...subject.map((r) => r.rss ?? 0)) },
  };
}

/** The floor script: read and JSON.parse every file named in a list file (what any JSON tool must do). */
function floorScript(dir) {
  const path = join(dir, "floor.cjs");
  writeFileSync(
    path,
    `const fs = require("fs");
const files = fs.readFileSync(process.argv[2], "utf8").split("\\n").filter(Boolean);
let parsed = 0;
for (const f of files) { try { JSON.parse(fs.readFileSync(f, "utf8")); parsed++; } catch {} }
if (parsed < 0) console.log(parsed);
`,
  );
  return path;
}

function listFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, out);
    else if (/\.(json|jsonc|ya?ml)$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

const rows = [];
function record(name, result, target, extra = "") {
  const ratio = result.subject.wall / result.floor.wall;
  const cpuRatio = result.subject.cpu && result.floor.cpu ? result.subject.cpu / result.floor.cpu : undefined;
  rows.push({ name, ratio, cpuRatio, target, ok: target === undefined || ratio <= target, result, extra });
}

const work = mkdtempSync(join(tmpdir(), "aib-lint-bench-"));
try {
  const floor = floorScript(work);
  const example = join(root, "fixtures/examples/linux-gallery.json");

  // 1. cold start on one template against `node -e 0`
  record("cold start, one template vs node -e 0", compare(["-e", "0"], [bin, NO_SHELLCHECK, example]), TARGETS.coldStart);

  // 1b. the same template in Bicep (the WebAssembly parser is loaded only for it) against it in JSON
  record("cold start, the template in Bicep vs in JSON", compare([bin, example], [bin, join(root, "fixtures/bicep/linux-gallery.bicep")]), TARGETS.bicepColdStart);

  // 1c. and in Terraform (azapi), whose grammar is loaded only for .tf files
  record("cold start, the template in Terraform vs in JSON", compare([bin, example], [bin, join(root, "fixtures/terraform/linux-gallery.tf")]), TARGETS.terraformColdStart);

  // 2. the public corpus, as one run over its files, against read + JSON.parse of the same files
  const corpusDir = join(root, "../shared/corpus");
  if (existsSync(corpusDir)) {
    const files = listFiles(corpusDir);
    const list = join(work, "corpus.txt");
    writeFileSync(list, files.join("\n"));
    record(`public corpus (${files.length} files) vs read + JSON.parse`, compare([floor, list], [bin, NO_SHELLCHECK, "-f", "json", ...files], { okStatus: [0, 1] }), TARGETS.corpus);
  } else console.log("public corpus not found at ../shared/corpus: its row is skipped");

  // 3. a fleet of 10,000 template files in 100 folders
  const fleet = join(work, "fleet");
  const base = JSON.parse(readFileSync(example, "utf8"));
  const fleetFiles = [];
  for (let d = 0; d < 100; d++) {
    mkdirSync(join(fleet, `team-${d}`), { recursive: true });
    for (let f = 0; f < 100; f++) {
      const i = d * 100 + f;
      const t = structuredClone(base);
      t.name = `golden-${i}`;
      t.properties.customize = Array.from({ length: 6 }, (_, k) => ({ type: "Shell", name: `step-${k}`, inline: [`echo ${i}-${k}`] }));
      if (i % 50 === 0) t.location = "southindia";
      const path = join(fleet, `team-${d}`, `image-${f}.json`);
      writeFileSync(path, JSON.stringify(t, null, 2));
      fleetFiles.push(path);
    }
  }
  const fleetList = join(work, "fleet.txt");
  writeFileSync(fleetList, fleetFiles.join("\n"));
  const fleetRun = compare([floor, fleetList], [bin, NO_SHELLCHECK, "-f", "json", fleet], { okStatus: [0, 1], rounds: quick ? 3 : ROUNDS });
  record("10,000 template files in 100 folders vs read + JSON.parse", fleetRun, TARGETS.fleet, `peak RSS ${Math.round(fleetRun.subject.rss ?? 0)} MB (target ≤ ${TARGETS.fleetRssMb})`);
  if (fleetRun.subject.rss !== undefined && fleetRun.subject.rss > TARGETS.fleetRssMb) rows.at(-1).ok = false;

  // 3b. the same fleet again with --cache, nothing changed (the first, warming run is compare's own)
  const cacheFile = join(work, "fleet.cache");
  record("the fleet again with --cache, unchanged, vs read + JSON.parse", compare([floor, fleetList], [bin, NO_SHELLCHECK, "-f", "json", "--cache", "--cache-location", cacheFile, fleet], { okStatus: [0, 1], rounds: quick ? 3 : ROUNDS }), TARGETS.cachedFleet);

  // 4. one big ARM template (~50 MB, 33,000 image templates): memory within 10× its size
  const big = join(work, "big.json");
  const one = JSON.stringify(base);
  const parts = [];
  for (let i = 0; i < 33000; i++) parts.push(one.replace(base.name, `t${i}`));
  writeFileSync(big, `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","resources":[${parts.join(",")}]}`);
  const size = statSync(big).size / 1024 / 1024;
  const bigRun = measure([bin, NO_SHELLCHECK, "-f", "json", big], { okStatus: [0, 1] });
  rows.push({
    name: `one ${size.toFixed(0)} MB ARM template, 33,000 templates: peak RSS / size`,
    ratio: bigRun.rss ? bigRun.rss / size : undefined,
    target: TARGETS.bigRssFactor,
    ok: bigRun.rss === undefined || bigRun.rss / size <= TARGETS.bigRssFactor,
    result: { subject: bigRun },
    extra: `${(bigRun.wall / 1000).toFixed(1)} s, ${Math.round(bigRun.rss ?? 0)} MB`,
  });

  // 5. the language server: a change to a 200-line template until its diagnostics arrive
  const { benchLsp, LSP_TARGET_MS, LSP_SHELLCHECK_TARGET_MS } = await import("./bench-lsp.mjs");
  const lsp = await benchLsp();
  rows.push({
    name: `language server: edit to diagnostics, ${lsp.lines}-line template (median of ${lsp.edits}), ms`,
    ratio: lsp.medianMs,
    target: LSP_TARGET_MS,
    ok: lsp.medianMs <= LSP_TARGET_MS,
    result: { subject: {} },
    extra: "",
  });
  // 5b. the same with a new script each edit: until ShellCheck's finding is published (when ShellCheck is installed)
  if (spawnSync("shellcheck", ["--version"]).status === 0) {
    const sc = await benchLsp({ shellcheck: true });
    rows.push({ name: `language server: edit to ShellCheck's findings (median of ${sc.edits}), ms`, ratio: sc.medianMs, target: LSP_SHELLCHECK_TARGET_MS, ok: sc.medianMs <= LSP_SHELLCHECK_TARGET_MS, result: { subject: {} }, extra: "" });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const fmt = (v) => (v === undefined ? "–" : v.toFixed(2));
const width = Math.max(...rows.map((r) => r.name.length));
console.log(`aib-lint bench (${ROUNDS} alternating rounds, medians; ${TIME ? "CPU from /usr/bin/time" : "wall only"})`);
for (const r of rows) {
  const s = r.result.subject;
  const f = r.result.floor;
  const times = f ? `aib-lint ${Math.round(s.wall)} ms (cpu ${Math.round(s.cpu ?? 0)}) / floor ${Math.round(f.wall)} ms (cpu ${Math.round(f.cpu ?? 0)})` : "";
  console.log(`${r.name.padEnd(width)}  ratio ${fmt(r.ratio)}${r.cpuRatio ? ` (cpu ${fmt(r.cpuRatio)})` : ""}  target ≤ ${r.target}  ${r.ok ? "ok" : "MISSED"}  ${times} ${r.extra}`);
}
process.exit(rows.every((r) => r.ok) ? 0 : 1);
