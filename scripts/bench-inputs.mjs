// What the benches run and measure, shared by `npm run bench` (scripts/bench.mjs) and the paired A/B
// comparison of two builds (scripts/bench-ab.mjs): one run's wall time, CPU time and peak memory, the floor
// script, the file lists and the generated fleet.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
/** Whether CPU time and peak RSS are measured (they need /usr/bin/time, or Python for `precise`). */
export const MEASURES_CPU = TIME !== undefined;

/** wait4 gives the child's CPU time in microseconds, where /usr/bin/time prints hundredths of a second. */
const WAIT4 = `import os, sys, time
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, ru = os.wait4(pid, 0)
sys.stderr.write("\\n%f %f %d %d\\n" % ((time.perf_counter() - t) * 1000, (ru.ru_utime + ru.ru_stime) * 1000, ru.ru_maxrss, os.waitstatus_to_exitcode(status)))
`;
const PYTHON = spawnSync("python3", ["-c", "import os; os.wait4"]).status === 0 ? "python3" : undefined;

/**
 * Runs `node ...args` once: wall ms, CPU ms and peak RSS in MB (CPU and RSS need /usr/bin/time). `precise`:
 * timed by Python's wait4 when there is one (CPU to the microsecond; wall without the timer's own start).
 */
export function measure(args, options = {}) {
  const precise = options.precise && PYTHON;
  const start = process.hrtime.bigint();
  const command = precise ? [PYTHON, "-c", WAIT4, process.execPath, ...args] : TIME ? [TIME, "-f", "\n%U %S %M", process.execPath, ...args] : [process.execPath, ...args];
  const run = spawnSync(command[0], command.slice(1), { encoding: "utf8", maxBuffer: 1 << 30, cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "ignore", "pipe"] });
  let wall = Number(process.hrtime.bigint() - start) / 1e6;
  const last = precise || TIME ? run.stderr.trim().split("\n").at(-1).split(" ").map(Number) : [];
  const status = precise ? last[3] : run.status;
  if (status !== 0 && !(options.okStatus ?? [0]).includes(status)) throw new Error(`${args.join(" ").slice(0, 200)} exited ${status}: ${run.stderr.slice(0, 500)}`);
  if (precise) {
    wall = last[0];
    return { wall, cpu: last[1], rss: last[2] / 1024 };
  }
  return { wall, cpu: TIME ? (last[0] + last[1]) * 1000 : undefined, rss: TIME ? last[2] / 1024 : undefined };
}

/** The median of the values given (undefined ones left out). */
export const median = (values) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : undefined;
};

/** The floor script: read and JSON.parse every file named in a list file (what any JSON tool must do). */
export function floorScript(dir) {
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

/** The JSON and YAML files under a folder, sorted. */
export function listFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, out);
    else if (/\.(json|jsonc|ya?ml)$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** 10,000 templates made from `example` in 100 folders under `dir` (six inline steps each, one in 50 with an error); their paths. */
export function writeFleet(dir, example) {
  const base = JSON.parse(readFileSync(example, "utf8"));
  const files = [];
  for (let d = 0; d < 100; d++) {
    mkdirSync(join(dir, `team-${d}`), { recursive: true });
    for (let f = 0; f < 100; f++) {
      const i = d * 100 + f;
      const t = structuredClone(base);
      t.name = `golden-${i}`;
      t.properties.customize = Array.from({ length: 6 }, (_, k) => ({ type: "Shell", name: `step-${k}`, inline: [`echo ${i}-${k}`] }));
      if (i % 50 === 0) t.location = "southindia";
      const path = join(dir, `team-${d}`, `image-${f}.json`);
      writeFileSync(path, JSON.stringify(t, null, 2));
      files.push(path);
    }
  }
  return files;
}
