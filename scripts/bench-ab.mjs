#!/usr/bin/env node
// Paired comparison of two builds on the bench's workloads: `node scripts/bench-ab.mjs A B` where A and B are
// checkouts built with `npm run build` (folders holding bin/ and dist/). Each round runs A and B back to back
// (ABBA order: A first in one round, B first in the next), so that load on a shared machine hits both alike,
// and keeps B/A; a row prints the median of those ratios, a 95 % confidence interval of that median and the
// interquartile range of the ratios (the noise of one pair), for wall and CPU time (CPU from wait4 when Python
// is there). An interval that holds 0 % shows no difference the noise can tell apart.
//   --rounds N        rounds per row (default: 40 for the start-up rows, 20 for the corpus, 12 for the fleet)
//   --rows a,b,…      some of: cold, fresh, bicep, terraform, corpus, fleet (default: all)
//   --save FILE       appends each row's measurements to FILE, one JSON line per row
// Rows: cold = one template from V8's code cache; fresh = the same with an empty code cache each run, as on a
// fresh CI machine; bicep, terraform = the template in those languages; corpus = ../shared/corpus in one run;
// fleet = 10,000 generated templates in one run. Each build keeps its own code cache.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { listFiles, measure, MEASURES_CPU, median, writeFleet } from "./bench-inputs.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const roundsOption = option("--rounds");
const rowsOption = option("--rows");
const saveOption = option("--save");
if (args.length !== 2) {
  console.error("usage: node scripts/bench-ab.mjs A B [--rounds N] [--rows cold,fresh,bicep,terraform,corpus,fleet] [--save FILE]");
  process.exit(2);
}
const builds = args.map((dir) => resolve(dir));
for (const dir of builds) if (!existsSync(join(dir, "bin/aib-lint.cjs")) || !existsSync(join(dir, "dist/aib-lint.cjs"))) throw new Error(`${dir}: no bin/aib-lint.cjs or dist/aib-lint.cjs (npm run build)`);

const work = mkdtempSync(join(tmpdir(), "aib-lint-bench-ab-"));
const example = join(root, "fixtures/examples/linux-gallery.json");
const NO_SHELLCHECK = "--no-shellcheck";

/** The workloads: arguments after the CLI, rounds, and whether each run starts with an empty code cache. */
const ROWS = {
  cold: { name: "cold start, one template", args: () => [NO_SHELLCHECK, example], rounds: 40 },
  fresh: { name: "cold start, no code cache (fresh CI machine)", args: () => [NO_SHELLCHECK, example], rounds: 40, fresh: true },
  bicep: { name: "cold start, the template in Bicep", args: () => [NO_SHELLCHECK, join(root, "fixtures/bicep/linux-gallery.bicep")], rounds: 40 },
  terraform: { name: "cold start, the template in Terraform", args: () => [NO_SHELLCHECK, join(root, "fixtures/terraform/linux-gallery.tf")], rounds: 40 },
  corpus: { name: "public corpus, one run", args: () => [NO_SHELLCHECK, "-f", "json", ...listFiles(join(root, "../shared/corpus"))], rounds: 20, skip: () => !existsSync(join(root, "../shared/corpus")) },
  fleet: { name: "10,000 template files in 100 folders", args: () => [NO_SHELLCHECK, "-f", "json", (writeFleet(join(work, "fleet"), example), join(work, "fleet"))], rounds: 12 },
};
const chosen = rowsOption ? rowsOption.split(",") : Object.keys(ROWS);
for (const name of chosen) if (!ROWS[name]) throw new Error(`unknown row ${name}`);

/** Each build's own code cache, so that one never replaces the other's. */
const codeCaches = builds.map((_, i) => mkdtempSync(join(work, `code-cache-${i}-`)));

function run(side, rowArgs, row) {
  const cache = row.fresh ? mkdtempSync(join(work, "fresh-")) : codeCaches[side];
  try {
    return measure([join(builds[side], "bin/aib-lint.cjs"), ...rowArgs], { cwd: root, okStatus: [0, 1], precise: true, env: { ...process.env, XDG_CACHE_HOME: cache, AIB_LINT_NO_CACHE: "" } });
  } finally {
    if (row.fresh) rmSync(cache, { recursive: true, force: true });
  }
}

/** The report and exit code of one run: both builds should give the same. */
function output(side, rowArgs) {
  const r = spawnSync(process.execPath, [join(builds[side], "bin/aib-lint.cjs"), ...rowArgs], { cwd: root, encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, XDG_CACHE_HOME: codeCaches[side] } });
  return `${r.status} ${createHash("sha256").update(r.stdout).update(r.stderr).digest("hex")}`;
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
};
/** A 95 % confidence interval of the median from order statistics (no assumption about the distribution). */
const medianInterval = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const half = 0.98 * Math.sqrt(sorted.length);
  return [sorted[Math.max(0, Math.floor(sorted.length / 2 - half))], sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length / 2 + half))]];
};
const percent = (ratio) => `${ratio >= 1 ? "+" : ""}${((ratio - 1) * 100).toFixed(1)} %`;
const spread = (ratios) => {
  const [low, high] = medianInterval(ratios);
  return `${percent(median(ratios))} (95 % ${percent(low)} … ${percent(high)}; IQR ${percent(quantile(ratios, 0.25))} … ${percent(quantile(ratios, 0.75))})`;
};

console.log(`A = ${builds[0]}\nB = ${builds[1]}\nB/A per round: median (95 % interval of the median; interquartile range); ${MEASURES_CPU ? "wall and CPU" : "wall only"}`);
try {
  for (const name of chosen) {
    const row = ROWS[name];
    if (row.skip?.()) {
      console.log(`${name}: skipped`);
      continue;
    }
    const rowArgs = row.args();
    if (output(0, rowArgs) !== output(1, rowArgs)) console.log(`${name}: NOTE the two builds' reports differ`);
    run(0, rowArgs, row); // warm the file cache and each build's code cache
    run(1, rowArgs, row);
    const wall = [];
    const cpu = [];
    const times = [[], []];
    for (let i = 0; i < Number(roundsOption ?? row.rounds); i++) {
      const order = i % 2 === 0 ? [0, 1] : [1, 0];
      const pair = [];
      for (const side of order) pair[side] = run(side, rowArgs, row);
      times[0].push(pair[0].wall);
      times[1].push(pair[1].wall);
      wall.push(pair[1].wall / pair[0].wall);
      if (MEASURES_CPU) cpu.push(pair[1].cpu / pair[0].cpu);
    }
    if (saveOption) appendFileSync(saveOption, `${JSON.stringify({ row: name, a: builds[0], b: builds[1], wall, cpu, times })}\n`);
    const ms = (side) => `${Math.round(median(times[side]))} ms`;
    console.log(`${row.name.padEnd(46)} A ${ms(0).padStart(8)}  B ${ms(1).padStart(8)}  wall ${spread(wall)}${MEASURES_CPU ? `  cpu ${spread(cpu)}` : ""}  (${wall.length} rounds)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
