import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir } from "./cli-harness.js";

const BIN = fileURLToPath(new URL("../bin/aib-lint.js", import.meta.url));
const STACK = /^\s+at .+[:(]\d+:\d+\)?$/m;

function runBin(args: string[], options: { cwd?: string; input?: string | Buffer } = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 20_000, env: { ...process.env, NO_COLOR: "1" }, ...options });
}

describe.skipIf(!existsSync(new URL("../dist/aib-lint.cjs", import.meta.url)))("the installed binary (needs `npm run build`)", () => {
  it("never prints a stack trace, whatever the input", () => {
    const dir = tempDir({
      "binary.json": "\u0000\u0001\u0002\uFFFD",
      "deep.json": "[".repeat(20000) + "]".repeat(20000),
      "deep.yaml": "a:\n" + Array.from({ length: 200 }, (_, i) => `${"  ".repeat(i + 1)}b${i}:`).join("\n"),
      "weird.yaml": "&a [*a]",
      "number.json": "42",
      "huge-number.json": `{"type": "Microsoft.VirtualMachineImages/imageTemplates", "apiVersion": "2022-07-01", "location": "westus2", "properties": {"buildTimeoutInMinutes": 1e400}}`,
      "array-types.json": `{"type": "Microsoft.VirtualMachineImages/imageTemplates", "apiVersion": ["x"], "location": 5, "identity": [], "properties": {"source": [], "customize": {}, "distribute": "x"}}`,
    });
    for (const file of ["binary.json", "deep.json", "deep.yaml", "weird.yaml", "number.json", "huge-number.json", "array-types.json"]) {
      const run = runBin([file], { cwd: dir });
      expect(STACK.test(run.stderr) || STACK.test(run.stdout), `${file}: ${run.stderr}`).toBe(false);
      expect([0, 1], `${file}: ${run.stderr}`).toContain(run.status);
    }
  });
  it("reads standard input and exits 2 for a missing file", () => {
    const run = runBin(["-", "--stdin-filename", "x.yaml"], { input: "type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2022-07-01\nlocation: mars\n" });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("x.yaml");
    const missing = runBin(["missing.json"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe.skipIf(!existsSync(new URL("../dist/aib-lint.cjs", import.meta.url)))("pipes", () => {
  it("a closed pipe (| head -c 1) ends quietly with the run's exit code", () => {
    // enough output (over a pipe buffer) that writes go on after head has gone
    const broken = readFileSync(new URL("../fixtures/examples/broken.yaml", import.meta.url), "utf8");
    const dir = tempDir(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`t${i}.yaml`, broken])));
    const run = spawnSync("bash", ["-c", `node "${BIN}" --format pretty . | head -c 1 >/dev/null; exit \${PIPESTATUS[0]}`], { cwd: dir, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
  });

  // python3 hands the CLI the write end of a pipe in non-blocking mode, then reads only after a pause
  const python = spawnSync("python3", ["--version"]).status === 0;
  it.skipIf(!python)("a pipe that would block (non-blocking, reader late) still gets the whole report", () => {
    const template = readFileSync(new URL("../fixtures/examples/linux-gallery.json", import.meta.url), "utf8");
    const dir = tempDir(Object.fromEntries(Array.from({ length: 800 }, (_, i) => [`t${i}.json`, template])));
    const script = `
import os, subprocess, sys, time
r, w = os.pipe()
os.set_blocking(w, False)
p = subprocess.Popen([sys.argv[1], sys.argv[2], "--no-shellcheck", "-f", "json", "."], stdout=w, cwd=sys.argv[3])
os.close(w)
time.sleep(1)
data = b""
while True:
    chunk = os.read(r, 65536)
    if not chunk: break
    data += chunk
sys.stdout.buffer.write(data)
sys.exit(p.wait())
`;
    const late = spawnSync("python3", ["-c", script, process.execPath, BIN, dir], { encoding: "utf8", maxBuffer: 1 << 26, timeout: 30_000 });
    const direct = spawnSync(process.execPath, [BIN, "--no-shellcheck", "-f", "json", "."], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 26 });
    expect(direct.stdout.length).toBeGreaterThan(128 * 1024); // more than a pipe holds
    expect(late.status).toBe(direct.status);
    expect(late.stdout).toBe(direct.stdout);
  });
});
