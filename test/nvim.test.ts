import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir } from "./cli-harness.js";
import { BIN } from "./lsp-client.js";

const hasNvim = spawnSync("nvim", ["--version"], { encoding: "utf8" }).status === 0;
if (!hasNvim && !process.env.CI) console.warn("Neovim end-to-end test skipped: nvim is not installed (apt-get install neovim; CI installs it)");

// under CI the editor is installed by .ci/run: its absence is a failure, not a skip
describe.runIf(!hasNvim && process.env.CI)("Neovim in CI", () => {
  it("is installed", () => {
    expect.fail("nvim is absent; .ci/run installs neovim");
  });
});

describe.skipIf(!hasNvim)("Neovim's built-in LSP client with aib-lint lsp", () => {
  it("attaches the server, opens a broken template and shows its findings in the buffer", async () => {
    const dir = tempDir({});
    try {
      copyFileSync(fileURLToPath(new URL("../fixtures/examples/broken.yaml", import.meta.url)), join(dir, "broken.yaml"));
      const out = join(dir, "out.json");
      const init = fileURLToPath(new URL("./nvim/init.lua", import.meta.url));
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn("nvim", ["--headless", "-n", "-i", "NONE", "-u", init, "broken.yaml"], {
          cwd: dir,
          env: { ...process.env, AIB_LINT_NVIM_OUT: out, AIB_LINT_NODE: process.execPath, AIB_LINT_BIN: BIN },
          stdio: "ignore",
        });
        const timer = setTimeout(() => child.kill("SIGKILL"), 40_000);
        child.on("exit", (c) => (clearTimeout(timer), resolve(c)));
      });
      expect(code).toBe(0);
      const text = readFileSync(out, "utf8");
      const result = JSON.parse(text) as { published: { uri: string; diagnostics: { code: string }[] }; buffer: { lnum: number; col: number; severity: number; message: string; source: string }[] };
      expect(result.published.uri).toBe(pathToFileURL(join(dir, "broken.yaml")).href);
      expect(result.published.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(["location", "build-timeout", "sha256-checksum", "unknown-type"]));
      // what Neovim holds for the buffer: 0-based line 3, column 10 is `southindia` on line 4
      expect(result.buffer).toContainEqual(expect.objectContaining({ lnum: 3, col: 10, severity: 1, source: "aib-lint" }));
      expect(result.buffer.find((d) => d.lnum === 3)!.message).toContain("southindia");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
