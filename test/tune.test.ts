import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const tune = fileURLToPath(new URL("../dist/run/tune.js", import.meta.url));
const onLinux = process.platform === "linux" && existsSync("/proc/self/task");
if (!onLinux) console.warn("tune.test.ts: thread priorities are set on Linux only; skipped here");

/** Runs a module script in a fresh process; it prints JSON. */
function runScript(body: string): unknown {
  const script = `import { readdirSync, readFileSync } from "node:fs";
const nice = () => Object.fromEntries(readdirSync("/proc/self/task").map((t) => [t, Number(readFileSync(\`/proc/self/task/\${t}/stat\`, "utf8").replace(/^.*\\) /, "").split(" ")[16])]));
const tune = await import(${JSON.stringify(tune)});
${body}`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }));
}

describe.skipIf(!onLinux)("helper threads on a run over many files", () => {
  it("lowers every thread but the main one, which keeps its priority", () => {
    const out = runScript(`const before = nice();
const lowered = tune.yieldHelperThreads();
console.log(JSON.stringify({ lowered, pid: process.pid, before, nice: nice(), expected: tune.HELPER_NICE }));`) as { lowered: number; pid: number; before: Record<string, number>; nice: Record<string, number>; expected: number };
    const others = Object.entries(out.nice).filter(([tid]) => Number(tid) !== out.pid);
    expect(out.nice[String(out.pid)]).toBe(out.before[String(out.pid)]);
    expect(others.length).toBeGreaterThan(0);
    expect(out.lowered).toBe(others.length);
    for (const [, nice] of others) expect(nice).toBe(out.expected);
  });

  it("leaves every priority alone when a worker thread lints, or when other threads lint too", () => {
    const out = runScript(`const { Worker } = await import("node:worker_threads");
const before = nice();
tune.tuneForManyFiles(false);
await new Promise((done, fail) => {
  const w = new Worker(\`import(\${JSON.stringify(${JSON.stringify(tune)})}).then((t) => t.tuneForManyFiles(true))\`, { eval: true });
  w.on("exit", done).on("error", fail);
});
const after = nice();
console.log(JSON.stringify(Object.keys(before).map((t) => [before[t], after[t] ?? before[t]])));`) as [number, number][];
    expect(out.length).toBeGreaterThan(1);
    for (const [before, after] of out) expect(after).toBe(before);
  });
});
