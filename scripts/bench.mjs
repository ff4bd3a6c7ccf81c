#!/usr/bin/env node
// `npm run bench` (after `npm run build`): speed and memory of the CLI as ratios against floors measured in
// the same run, on the same files: `node -e 0` for start-up, and a script that reads and JSON.parses the
// files for the corpus and the fleet. Runs alternate (floor, aib-lint, floor, …) and medians are compared,
// so load on a shared machine hits both sides alike. Exits 1 when a ratio misses its target.
// `npm run bench -- --quick` runs fewer rounds.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { floorScript, listFiles, measure as measureIn, MEASURES_CPU, median, writeFleet } from "./bench-inputs.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin/aib-lint.cjs");
const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 5 : 11;

/** Targets: aib-lint / floor, medians of alternating runs; memory in MB. */
export const TARGETS = { coldStart: 1.5, bicepColdStart: 2, terraformColdStart: 2, corpus: 3, fleet: 3, cachedFleet: 3, fleetRssMb: 150, bigRssFactor: 10 };

// ShellCheck is another program with its own cost (docs/checksums-and-scripts.md): measured apart from aib-lint
const NO_SHELLCHECK = "--no-shellcheck";

const measure = (args, options = {}) => measureIn(args, { cwd: root, ...options });

/** Alternates floor and subject runs; returns medians of each. `options.subjectEnv()` gives each subject run its environment. */
function compare(floorArgs, subjectArgs, options = {}) {
  const floor = [];
  const subject = [];
  const subjectOptions = () => (options.subjectEnv ? { ...options, env: options.subjectEnv() } : options);
  measure(floorArgs, options); // warm the file cache for both
  measure(subjectArgs, subjectOptions());
  for (let i = 0; i < (options.rounds ?? ROUNDS); i++) {
    floor.push(measure(floorArgs, options));
    subject.push(measure(subjectArgs, subjectOptions()));
  }
  const pick = (runs, key) => median(runs.map((r) => r[key]));
  return {
    floor: { wall: pick(floor, "wall"), cpu: pick(floor, "cpu"), rss: pick(floor, "rss") },
    subject: { wall: pick(subject, "wall"), cpu: pick(subject, "cpu"), rss: Math.max(...subject.map((r) => r.rss ?? 0)) },
  };
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

  // 1a. the same with no code cache, as on a fresh CI machine: an empty cache folder each run (aib-lint compiles, and saves its cache)
  let fresh = 0;
  record(
    "cold start, one template, no code cache vs node -e 0",
    compare(["-e", "0"], [bin, NO_SHELLCHECK, example], { subjectEnv: () => ({ ...process.env, XDG_CACHE_HOME: join(work, `fresh-cache-${fresh++}`) }) }),
    TARGETS.coldStart,
  );

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
  const fleetFiles = writeFleet(fleet, example);
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
  const base = JSON.parse(readFileSync(example, "utf8"));
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
console.log(`aib-lint bench (${ROUNDS} alternating rounds, medians; ${MEASURES_CPU ? "CPU from /usr/bin/time" : "wall only"})`);
for (const r of rows) {
  const s = r.result.subject;
  const f = r.result.floor;
  const times = f ? `aib-lint ${Math.round(s.wall)} ms (cpu ${Math.round(s.cpu ?? 0)}) / floor ${Math.round(f.wall)} ms (cpu ${Math.round(f.cpu ?? 0)})` : "";
  console.log(`${r.name.padEnd(width)}  ratio ${fmt(r.ratio)}${r.cpuRatio ? ` (cpu ${fmt(r.cpuRatio)})` : ""}  target ≤ ${r.target}  ${r.ok ? "ok" : "MISSED"}  ${times} ${r.extra}`);
}
process.exit(rows.every((r) => r.ok) ? 0 : 1);
