import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tempDir } from "./cli-harness.js";
import { LINUX, withLine } from "./helpers.js";

const BROKEN = withLine(LINUX, 4, `  "location": "southindia",`);

/** Marks every remembered finding, so that a result read from the cache can be told from one linted again. */
function markCache(dir: string): void {
  const path = join(dir, ".aib-lint-cache");
  const data = JSON.parse(readFileSync(path, "utf8"));
  for (const entry of Object.values(data.entries) as Array<{ result: { diagnostics: Array<{ message: string }> } }>) for (const d of entry.result.diagnostics) d.message = `REMEMBERED ${d.message}`;
  writeFileSync(path, JSON.stringify(data));
}

const messages = async (dir: string, ...args: string[]) => {
  const { code, stdout } = await cli(["-f", "json", "--no-shellcheck", "--cache", ...args, "."], { cwd: dir });
  return { code, messages: (JSON.parse(stdout).files as Array<{ diagnostics: Array<{ message: string }> }>).flatMap((f) => f.diagnostics.map((d) => d.message)) };
};

describe("--cache", () => {
  it("a re-run over unchanged files takes their remembered results, with the same report and exit code", async () => {
    const dir = tempDir({ "a.json": BROKEN, "b.yaml": "type: Microsoft.VirtualMachineImages/imageTemplates\n" });
    const first = await messages(dir);
    expect(first.code).toBe(1);
    markCache(dir);
    const second = await messages(dir);
    expect(second.code).toBe(1);
    expect(second.messages.length).toBe(first.messages.length);
    expect(second.messages.every((m) => m.startsWith("REMEMBERED "))).toBe(true);
  });
  it("a changed file, configuration or parameters file is linted again", async () => {
    const dir = tempDir({ "a.json": BROKEN, "c.json": BROKEN });
    await messages(dir);
    markCache(dir);
    writeFileSync(join(dir, "a.json"), `${BROKEN}\n`);
    const changedFile = await messages(dir);
    expect(changedFile.messages.filter((m) => m.startsWith("REMEMBERED ")).length).toBe(changedFile.messages.length / 2);
    markCache(dir);
    writeFileSync(join(dir, ".aib-lint.yaml"), "rules:\n  location: warning\n");
    const changedConfig = await messages(dir);
    expect(changedConfig.messages.some((m) => m.startsWith("REMEMBERED "))).toBe(false);
    expect(changedConfig.code).toBe(0);
  });
  it("is not used for --fix, nor for files whose result depends on other files (Bicep, Terraform)", async () => {
    const dir = tempDir({ "a.json": BROKEN });
    await messages(dir);
    markCache(dir);
    const { stdout } = await cli(["-f", "json", "--no-shellcheck", "--cache", "--fix-dry-run", "."], { cwd: dir });
    expect(stdout).not.toContain("REMEMBERED");
    const cache = JSON.parse(readFileSync(join(dir, ".aib-lint-cache"), "utf8"));
    expect(Object.keys(cache.entries).every((k) => k.endsWith(".json") || k.endsWith(".yaml"))).toBe(true);
  });
  it("--cache-location names the file, or a folder to keep it in; an unreadable cache is no error", async () => {
    const dir = tempDir({ "a.json": BROKEN, "caches/.keep": "" });
    expect((await messages(dir, "--cache-location", "caches/")).code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, "caches", ".aib-lint-cache"), "utf8")).format).toBe(1);
    writeFileSync(join(dir, "caches", ".aib-lint-cache"), "{not json");
    expect((await messages(dir, "--cache-location", "caches/")).code).toBe(1);
  });
});
