#!/usr/bin/env node
/**
 * Hostile inputs at full size (issue 7, "Unbreakable"): each case builds its input in a temporary folder,
 * runs `node bin/aib-lint.cjs` on it under /usr/bin/time, and fails when the run exceeds its CPU time or memory
 * bound, exits with another code than expected, or prints a stack trace or an internal error.
 *
 *   npm run build && npm run stress            all cases
 *   STRESS_ONLY=H5,M1 npm run stress            some cases
 *   STRESS_SLOW=3 npm run stress                CPU-time bounds × 3 (a slow machine)
 *   STRESS_ROOT=../main npm run stress          another built checkout (before/after figures)
 *
 * Append cases to CASES: { id, what, build(dir) → args, expectExit, maxSeconds, maxRssMb, cwd?(dir) }; a case that
 * waits on something (a server) also bounds its wall time (maxWallSeconds) and may start it in `before`, and end it in `after`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "node:net";

// STRESS_ROOT=/path/to/other/checkout measures another build (a "before" figure)
const ROOT = resolve(process.env.STRESS_ROOT ?? resolve(dirname(fileURLToPath(import.meta.url)), ".."));
const BIN = join(ROOT, "bin", "aib-lint.js");
const GALLERY = JSON.parse(readFileSync(join(ROOT, "fixtures/examples/linux-gallery.json"), "utf8"));
const BROKEN = join(ROOT, "fixtures/examples/broken.yaml");
const BICEP_OK = () => readFileSync(join(ROOT, "fixtures/bicep/linux-gallery.bicep"), "utf8");
const TERRAFORM_OK = () => readFileSync(join(ROOT, "fixtures/terraform/linux-gallery.tf"), "utf8");
const HEAD = "type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2022-07-01\nlocation: westus2\n";

const clone = () => structuredClone(GALLERY);
const write = (dir, name, text) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
/** An ARM deployment of `count` copies of the gallery template, each with its own name. */
const arm = (count, edit = (t) => t) => {
  const text = JSON.stringify(edit(clone()));
  const parts = [];
  for (let i = 0; i < count; i++) parts.push(text.replace("ubuntu-2204-golden", `t${i}`));
  return `{"contentVersion":"1.0.0.0","resources":[${parts.join(",")}]}`;
};
/** The gallery template in an ARM deployment with these variables, its location given by `location`. */
const evalArm = (variables, location) => {
  const template = clone();
  template.location = location;
  return JSON.stringify({ contentVersion: "1.0.0.0", variables, resources: [template] });
};
const crComment = `//x\r${"[".repeat(5000)}${"]".repeat(5000)}`;
/** The gallery template with one inline Shell step of `lines` lines, each setting and reading its own variable (ShellCheck's memory grows with their square). */
const manyVariables = (lines) => {
  const t = clone();
  t.properties.customize = [{ type: "Shell", name: "vars", inline: Array.from({ length: lines }, (_, i) => `v${i}=x; echo "$v${i}"`) }];
  return JSON.stringify(t, null, 1);
};
/** A server on 127.0.0.1 that accepts connections and never answers (the kernel accepts them while this process waits on the run). */
const silent = { server: undefined, port: 0 };
const silentServer = {
  before: () =>
    new Promise((resolve) => {
      silent.server = createServer(() => undefined).listen(0, "127.0.0.1", 1024, () => resolve((silent.port = silent.server.address().port)));
    }),
  after: () => silent.server.close(),
};

export const CASES = [
  { id: "C3a", what: "//x<CR> comment before 5,000 [", build: (d) => [write(d, "cr.json", crComment)], expectExit: 1, maxSeconds: 5, maxRssMb: 150 },
  { id: "C3b", what: "raw newline in a string before 100,000 [", build: (d) => [write(d, "nl.json", `["a\n${"[".repeat(100000)}${"]".repeat(100000)}"]`)], expectExit: 1, maxSeconds: 5, maxRssMb: 150 },
  { id: "C3c", what: "the same as --config", build: (d) => ["--config", write(d, "cr.json", crComment), BROKEN], expectExit: 2, maxSeconds: 5, maxRssMb: 150 },
  { id: "C3d", what: "the same as --parameters", build: (d) => ["--parameters", write(d, "cr.json", crComment), BROKEN], expectExit: 2, maxSeconds: 5, maxRssMb: 150 },
  { id: "C4", what: "deep YAML with a suppression comment", build: (d) => [write(d, "c4.yaml", `# aib-lint-disable location\na: ${"[".repeat(3000)}${"]".repeat(3000)}\n`)], expectExit: 1, maxSeconds: 5, maxRssMb: 200 },
  { id: "U2", what: "YAML nested 100,000 deep", build: (d) => [write(d, "deep.yaml", `${HEAD}a: ${"[".repeat(100000)}${"]".repeat(100000)}\n`)], expectExit: 1, maxSeconds: 10, maxRssMb: 400 },
  {
    id: "C6",
    what: "a 1 MB string aliased 3,000 times",
    build: (d) => [write(d, "amp.yaml", `${HEAD}x-big: &b "${"a b".repeat(350000)}"\nproperties:\n  distribute:\n${"    - {type: VHD, runOutputName: *b}\n".repeat(3000)}`)],
    expectExit: 1,
    maxSeconds: 5,
    maxRssMb: 200,
  },
  {
    id: "H1a",
    what: "30,000 anchors and 30,000 aliases",
    build: (d) => {
      const n = 30000;
      const anchors = Array.from({ length: n }, (_, i) => `  - &a${i} v${i}\n`).join("");
      const aliases = Array.from({ length: n }, (_, i) => `  - *a${i}\n`).join("");
      return [write(d, "aq.yaml", `type: Microsoft.VirtualMachineImages/imageTemplates\na:\n${anchors}b:\n${aliases}`)];
    },
    expectExit: 1,
    maxSeconds: 10,
    maxRssMb: 300,
  },
  {
    id: "H1b",
    what: "a 50,000-item list before a billion-laughs block",
    build: (d) => {
      const laughs = ['a0: &a0 ["lol"' + ',"lol"'.repeat(8) + "]", ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(",")}]`)];
      return [write(d, "bf.yaml", `f: [${Array(50000).fill("1").join(",")}]\n${laughs.join("\n")}\n`)];
    },
    expectExit: 1,
    maxSeconds: 10,
    maxRssMb: 300,
  },
  {
    id: "H2",
    what: "secret rule on 'a.' × 250,000",
    build: (d) => {
      const t = clone();
      t.properties.distribute[0].artifactTags.x = "a.".repeat(250000);
      return [write(d, "userinfo.json", JSON.stringify(t))];
    },
    expectExit: 0,
    maxSeconds: 5,
    maxRssMb: 200,
  },
  {
    id: "H3",
    what: "restartTimeout of '1', 400,000 spaces, 'x'",
    build: (d) => {
      const t = clone();
      t.properties.source = { type: "PlatformImage", publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter", version: "latest" };
      t.properties.customize = [{ type: "WindowsRestart", restartTimeout: `1${" ".repeat(400000)}x` }];
      return [write(d, "restart.json", JSON.stringify(t))];
    },
    expectExit: 1,
    maxSeconds: 5,
    maxRssMb: 200,
  },
  {
    id: "H4",
    what: "backtracking globs in an auto-discovered configuration",
    build: (d) => {
      mkdirSync(join(d, "h4"));
      copyFileSync(BROKEN, join(d, "h4", `${"a".repeat(40)}.yaml`));
      writeFileSync(join(d, "h4", ".aib-lint.yaml"), 'ignore:\n  - "*a*a*a*a*a*a*a*a*a*a*a*a*c"\noverrides:\n  - files: ["*a*a*a*a*a*a*a*a*a*a*a*a*c"]\n    rules: { location: off }\n');
      return ["."];
    },
    cwd: (d) => join(d, "h4"),
    expectExit: 1,
    maxSeconds: 5,
    maxRssMb: 150,
  },
  {
    id: "CMD1",
    what: "Shell steps that nest or wrap without end: $( × 200,000, bash -c \" × 50,000, su, sudo, bash -c, if, x=( × 100,000, <<A × 50,000",
    build: (d) => {
      const t = clone();
      const items = ["$(".repeat(200000), 'bash -c "'.repeat(50000), "su ".repeat(100000), "cat <<A ".repeat(50000), "if true; then ".repeat(100000), "x=(".repeat(100000), "sudo ".repeat(100000), "bash -c ".repeat(100000)];
      t.properties.customize = items.map((item, i) => ({ type: "Shell", name: `s${i}`, inline: [item, "apt-get install nginx"] }));
      return ["--no-shellcheck", write(d, "cmd1.json", JSON.stringify(t))];
    },
    expectExit: 0,
    maxSeconds: 10,
    maxRssMb: 400,
  },
  {
    id: "CMD2",
    what: "PowerShell steps that nest and never close: { × 200,000, $( × 200,000, cmd /c × 50,000, [ × 200,000",
    build: (d) => {
      const t = clone();
      t.properties.source = { type: "PlatformImage", publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter", version: "latest" };
      const items = ["{ ".repeat(200000), "$(".repeat(200000), "cmd /c ".repeat(50000), "[ ".repeat(200000), "@(".repeat(200000)];
      t.properties.customize = items.map((item, i) => ({ type: "PowerShell", name: `p${i}`, inline: [item, "Restart-Computer"] }));
      return [write(d, "cmd2.json", JSON.stringify(t))];
    },
    expectExit: 0,
    maxSeconds: 10,
    maxRssMb: 400,
  },
  { id: "H5", what: "ARM file with 10,000 templates (16 MB)", build: (d) => [write(d, "arm10k.json", arm(10000))], expectExit: 0, maxSeconds: 20, maxRssMb: 400 },
  {
    id: "H6",
    what: "30 templates with a 1 MB location",
    build: (d) => {
      const t = clone();
      t.location = "w".repeat(1 << 20);
      const s = JSON.stringify(t);
      return [write(d, "longloc.json", `{"contentVersion":"1.0.0.0","resources":[${Array(30).fill(s).join(",")}]}`)];
    },
    expectExit: 1,
    maxSeconds: 10,
    maxRssMb: 400,
  },
  {
    id: "H7",
    what: "60,000 case variants of one key",
    build: (d) => {
      const name = "buildTimeoutInMinutes";
      const variants = new Set();
      // the bits of i decide the case of each letter: 60,000 distinct spellings
      for (let i = 1; variants.size < 60000; i++) variants.add([...name].map((c, k) => ((i >> k) & 1 ? c.toUpperCase() : c.toLowerCase())).join(""));
      variants.delete(name);
      const t = clone();
      t.properties = { ...Object.fromEntries([...variants].map((v) => [v, 90])), ...t.properties };
      return [write(d, "case.json", JSON.stringify(t))];
    },
    expectExit: 1,
    maxSeconds: 15,
    maxRssMb: 400,
  },
  {
    id: "M1",
    what: "100,000 SharedImage distributors (45 MB)",
    build: (d) => {
      const t = clone();
      const target = { ...t.properties.distribute[0], runOutputName: "same" };
      t.properties.distribute = Array(100000).fill(target);
      return [write(d, "dist100k.json", JSON.stringify(t))];
    },
    expectExit: 1,
    maxSeconds: 30,
    maxRssMb: 800, // 664 MB measured (1.78 GB before): the tree costs ~8 bytes per byte of JSON

  },
  { id: "BIG", what: "ARM file with 33,000 templates (52 MB)", build: (d) => [write(d, "arm33k.json", arm(33000))], expectExit: 0, maxSeconds: 60, maxRssMb: 520 }, // issue 7: under 10× the input
  ...[25000, 50000, 100000, 250000].map((n) => ({
    id: `FX${n / 1000}`,
    what: `--fix of ${n.toLocaleString("en")} customizer types written "shell"`,
    build: (d) => {
      const t = clone();
      t.properties.customize = Array.from({ length: n }, (_, i) => ({ type: "shell", name: `s${i}`, scriptUri: `https://e.org/${i}.sh` }));
      return ["--no-config", "--no-shellcheck", "--fix", write(d, `fix${n / 1000}k.json`, JSON.stringify(t))];
    },
    expectExit: 0,
    // round 3 (H4): quadratic before (4.8 / 18 / 82 s); 1.0 / 1.7 / 2.9 s and 200 / 310 / 490 MB measured
    maxSeconds: n / 20000 + 2,
    maxRssMb: n / 200 + 200,
  })),
  {
    id: "SC1",
    what: "one inline step of 5,000 lines with 5,000 variables (24 GB of ShellCheck before)",
    build: (d) => [write(d, "vars5000.json", manyVariables(5000))],
    expectExit: 0, // a warning: not given to ShellCheck, over its 2,000 lines
    maxSeconds: 5,
    maxRssMb: 200,
  },
  {
    id: "SC2",
    what: "one inline step of 1,500 lines with 1,500 variables: ShellCheck runs out of its 2 GB",
    build: (d) => [write(d, "vars1500.json", manyVariables(1500))],
    expectExit: 0, // a warning: ShellCheck ran out of memory
    maxSeconds: 60,
    maxRssMb: 2100,
  },
  {
    id: "NET1",
    what: "--verify-checksums, 1,000 URIs on a server that never answers",
    ...silentServer,
    build: (d) => {
      const t = clone();
      t.properties.customize = Array.from({ length: 1000 }, (_, i) => ({ type: "File", name: `f${i}`, sourceUri: `http://127.0.0.1:${silent.port}/${i}`, destination: `/tmp/${i}` }));
      return ["--verify-checksums", "--no-shellcheck", write(d, "silent.json", JSON.stringify(t))];
    },
    expectExit: 0, // warnings: each URI unverified
    maxSeconds: 10,
    maxWallSeconds: 40, // one 30 s deadline for all downloads (about 42 minutes before)
    maxRssMb: 300,
  },
  {
    id: "W3",
    what: "buildTimeoutInMinutes: 1e400",
    build: (d) => [write(d, "inf.json", JSON.stringify(clone()).replace(/"buildTimeoutInMinutes": ?\d+/, '"buildTimeoutInMinutes": 1e400'))],
    expectExit: 1,
    maxSeconds: 5,
    maxRssMb: 150,
  },
  // round 3: Bicep's parser (tree-sitter) recovers from errors in time quadratic in their number, and its memory aborts past 2 GB
  { id: "R3H2a", what: "32,000 '}' before a Bicep template", build: (d) => [write(d, "uc.bicep", `${"}".repeat(32000)}\n${BICEP_OK()}`)], expectExit: 1, maxSeconds: 5, maxRssMb: 250 },
  { id: "R3H2b", what: "100,000 '/*' before a Bicep template (400 KB)", build: (d) => [write(d, "mc.bicep", `${"/*".repeat(100000)}*/\n${BICEP_OK()}`)], expectExit: 1, maxSeconds: 6, maxRssMb: 300 },
  { id: "R3H2c", what: "25,000 lines of 'var a = 1' and '}' in Bicep", build: (d) => [write(d, "lines.bicep", `${BICEP_OK()}${"var a = 1\n}\n".repeat(12500)}`)], expectExit: 1, maxSeconds: 6, maxRssMb: 300 },
  {
    id: "R3H2d",
    what: "a .bicepparam of 40,000 '}' (--parameters)",
    build: (d) => ["--parameters", write(d, "h.bicepparam", `${"}".repeat(40000)}\nusing 'x.bicep'\nparam loc = 'germanynorth'\n`), write(d, "t.bicep", BICEP_OK())],
    expectExit: 2,
    maxSeconds: 5,
    maxRssMb: 250,
  },
  {
    id: "R3C1",
    what: "a 12 MB .bicep, then a broken one (still linted)",
    build: (d) => [write(d, "big.bicep", `var x = [${"1 ".repeat(6000000)}]\n${BICEP_OK()}`), write(d, "small.bicep", readFileSync(join(ROOT, "fixtures/bicep/broken.bicep"), "utf8"))],
    expectExit: 1,
    maxSeconds: 5,
    maxRssMb: 250,
  },
  {
    id: "R3C1b",
    what: "a dense .bicep just under the 1 MB cap (an array of 520,000 numbers)",
    build: (d) => [write(d, "dense.bicep", `var x = [${"1 ".repeat(520000)}]\n${BICEP_OK()}`)],
    expectExit: 0,
    maxSeconds: 8,
    maxRssMb: 800, // 580 MB measured: the parser's memory (~230 bytes a character) and the tree read from it
  },
  {
    id: "R3C2",
    what: "a .bicepparam whose variables chain 2,000 deep",
    build: (d) => {
      const chain = Array.from({ length: 2000 }, (_, i) => `var v${i} = v${i + 1}\n`).join("");
      return ["--parameters", write(d, "p.bicepparam", `using 'p.bicep'\n${chain}var v2000 = 'germanynorth'\nparam loc = v0\n`), write(d, "p.bicep", `param loc string = 'westeurope'\n${BICEP_OK()}`)];
    },
    expectExit: 2,
    maxSeconds: 5,
    maxRssMb: 250,
  },
  // the evaluator's bounds: each ends in an unknown value, never a hang or a stack overflow
  {
    id: "E1",
    what: "location from the end of 3,000 chained variables",
    build: (d) => [write(d, "chain.json", evalArm({ v0: "westus2", ...Object.fromEntries(Array.from({ length: 2999 }, (_, i) => [`v${i + 1}`, `[variables('v${i}')]`])) }, "[variables('v2999')]"))],
    expectExit: 0,
    maxSeconds: 5,
    maxRssMb: 200,
  },
  {
    id: "E2",
    what: "copy loops and range() over 2^31 items",
    build: (d) => [write(d, "loop.json", evalArm({ copy: [{ name: "big", count: 2 ** 31, input: "x" }], r: "[range(0, 2147483648)]" }, "[concat(variables('big'), variables('r'))[0]]"))],
    expectExit: 0,
    maxSeconds: 5,
    maxRssMb: 200,
  },
  {
    id: "E3",
    what: "union of huge objects, doubled 30 times",
    build: (d) => [
      write(
        d,
        "union.json",
        evalArm(
          { u0: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])), ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`u${i + 1}`, `[union(variables('u${i}'), variables('u${i}'), createObject('n${i}', string(variables('u${i}'))))]`])) },
          "[concat(resourceGroup().location, string(length(variables('u30'))))]",
        ),
      ),
    ],
    expectExit: 0,
    maxSeconds: 10,
    maxRssMb: 400,
  },
  // Terraform: the same bounds as Bicep's (size cap, parse time budget, evaluation limits)
  { id: "TF1", what: "32,000 '}' before a Terraform template", build: (d) => [write(d, "uc.tf", `${"}".repeat(32000)}\n${TERRAFORM_OK()}`)], expectExit: 1, maxSeconds: 5, maxRssMb: 250 },
  {
    id: "TF2",
    what: "a 12 MB .tf, then a broken one (still linted)",
    build: (d) => [write(d, "big.tf", `locals {\n  x = [${"1, ".repeat(4000000)}]\n}\n${TERRAFORM_OK()}`), write(d, "small.tf", readFileSync(join(ROOT, "fixtures/terraform/broken.tf"), "utf8"))],
    expectExit: 1,
    maxSeconds: 5,
    maxRssMb: 250,
  },
  {
    id: "TF3",
    what: "a location from the end of 3,000 chained locals, and a for expression over 2^31 items",
    build: (d) => {
      const chain = Array.from({ length: 3000 }, (_, i) => `  l${i + 1} = local.l${i}\n`).join("");
      const text = TERRAFORM_OK().replace('location  = "westeurope"', "location  = local.l3000").replace('team = "platform"', 'team = "platform"\n    n = length([for i in range(2147483648) : i])');
      return [write(d, "chain.tf", `locals {\n  l0 = "westeurope"\n${chain}}\n${text}`)];
    },
    expectExit: 0,
    maxSeconds: 10,
    maxRssMb: 300,
  },
];

/** What must never be printed: a JavaScript stack frame, an internal error, V8's own texts. */
const BROKEN_OUTPUT = [/^\s+at .+:\d+:\d+\)?$/m, /internal error/i, /Maximum call stack/, /Invalid string length/, /heap out of memory/i];

function runCase(c, dir) {
  const args = c.build(dir);
  const sizeMb = args.filter((a) => existsSync(a) && statSync(a).isFile()).reduce((sum, a) => sum + statSync(a).size / 1e6, 0);
  const out = join(dir, "out.txt");
  const slow = Number(process.env.STRESS_SLOW ?? 1) || 1;
  const limit = c.maxSeconds * slow;
  const started = Date.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", "timeout", "-s", "KILL", String(Math.ceil(limit * 6 + 10)), process.execPath, BIN, ...args], {
    cwd: c.cwd ? c.cwd(dir) : dir,
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: "1" },
  });
  writeFileSync(out, r.stdout ?? "");
  const stderr = (r.stderr ?? "").toString();
  const timing = stderr.trim().split("\n").pop() ?? "";
  const [wall, user, system, kb] = timing.split(" ").map(Number);
  // CPU time, not wall time: other work on a shared machine must not fail a case (the wall clock is shown too)
  const seconds = (user ?? NaN) + (system ?? NaN);
  const childStderr = stderr.slice(0, stderr.lastIndexOf(timing));
  const text = `${(r.stdout ?? "").toString()}\n${childStderr}`;
  const exit = r.status === null ? `signal ${r.signal}` : /Command exited with non-zero status (\d+)/.exec(childStderr)?.[1] ?? String(r.status);
  const rssMb = (kb ?? 0) / 1024;
  const problems = [];
  if (String(exit) !== String(c.expectExit)) problems.push(`exit ${exit}, expected ${c.expectExit}`);
  if (!(seconds <= limit)) problems.push(`${Number.isNaN(seconds) ? `killed after ${(Date.now() - started) / 1000}` : seconds.toFixed(1)}s of CPU > ${limit}s`);
  if (!(rssMb <= c.maxRssMb)) problems.push(`${rssMb.toFixed(0)} MB > ${c.maxRssMb} MB`);
  if (c.maxWallSeconds && !(wall <= c.maxWallSeconds * slow)) problems.push(`${wall}s of wall time > ${c.maxWallSeconds * slow}s`);
  for (const p of BROKEN_OUTPUT) {
    const m = p.exec(text);
    if (m) problems.push(`printed ${JSON.stringify(m[0].trim().slice(0, 80))}`);
  }
  const firstLine = childStderr.split("\n").find((l) => l.trim() && !l.startsWith("Command exited")) ?? "";
  return { id: c.id, what: c.what, sizeMb, exit, seconds, wall, rssMb, problems, note: firstLine.slice(0, 100) };
}

async function main() {
  if (!existsSync("/usr/bin/time")) {
    console.error("stress: /usr/bin/time is needed to measure peak memory (apt-get install time)");
    process.exit(2);
  }
  if (!existsSync(join(ROOT, "dist", "cli.js"))) {
    console.error("stress: build first (npm run build)");
    process.exit(2);
  }
  const only = process.env.STRESS_ONLY?.split(",").map((s) => s.trim()).filter(Boolean);
  const cases = only ? CASES.filter((c) => only.includes(c.id)) : CASES;
  const root = mkdtempSync(join(tmpdir(), "aib-lint-stress-"));
  let failed = 0;
  console.log("id       input  exit     CPU    wall  peak RSS   bounds (CPU, RSS)  what");
  try {
    for (const c of cases) {
      const dir = join(root, c.id);
      mkdirSync(dir);
      await c.before?.();
      const r = runCase(c, dir);
      c.after?.();
      rmSync(dir, { recursive: true, force: true });
      const ok = r.problems.length === 0;
      if (!ok) failed++;
      const bounds = `≤${c.maxSeconds}s ≤${c.maxRssMb}MB`;
      console.log(
        `${r.id.padEnd(5)} ${`${r.sizeMb.toFixed(1)}MB`.padStart(8)}  ${String(r.exit).padStart(4)}  ${`${r.seconds.toFixed(1)}s`.padStart(6)}  ${`${(r.wall ?? NaN).toFixed(1)}s`.padStart(6)}  ${`${r.rssMb.toFixed(0)}MB`.padStart(8)}   ${bounds.padEnd(16)}  ${ok ? "ok  " : "FAIL"} ${r.what}${ok ? "" : `: ${r.problems.join("; ")}`}`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  console.log(failed ? `${failed} of ${cases.length} cases failed` : `all ${cases.length} cases within bounds`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
