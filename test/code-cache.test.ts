import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir } from "./cli-harness.js";

const BIN = fileURLToPath(new URL("../bin/aib-lint.cjs", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../fixtures/examples/linux-gallery.json", import.meta.url));

function run(args: string[], cacheHome: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [BIN, "--no-shellcheck", ...args], { encoding: "utf8", timeout: 30_000, env: { ...process.env, XDG_CACHE_HOME: cacheHome, AIB_LINT_NO_CACHE: "", ...env } });
}
const bundleCaches = (home: string) => (existsSync(join(home, "aib-lint")) ? readdirSync(join(home, "aib-lint")).filter((f) => f.startsWith("aib-lint.cjs@")) : []);

describe.skipIf(!existsSync(new URL("../dist/aib-lint.cjs", import.meta.url)))("V8 code caches of bin/aib-lint.cjs (needs `npm run build`)", () => {
  it("keeps a run's compiled code per user, and a run that lints replaces a cache made by one that did not", () => {
    const home = tempDir({});
    expect(run(["--version"], home).status).toBe(0);
    expect(bundleCaches(home)).toEqual([expect.stringMatching(/-bare\.v8$/)]);
    expect(run([EXAMPLE], home).status).toBe(0);
    const [lint] = bundleCaches(home);
    expect(lint).toMatch(/-lint\.v8$/);
    expect(bundleCaches(home)).toHaveLength(1);
    const file = join(home, "aib-lint", lint!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, "aib-lint")).mode & 0o777).toBe(0o700);
    // a good lint cache is read, not written again
    const written = statSync(file).mtimeMs;
    const again = run([EXAMPLE], home);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("no problems");
    expect(statSync(file).mtimeMs).toBe(written);
  });

  it("never trusts a cache others can write, and writes none with AIB_LINT_NO_CACHE=1", () => {
    const home = tempDir({});
    expect(run([EXAMPLE], home).status).toBe(0);
    const file = join(home, "aib-lint", bundleCaches(home)[0]!);
    // a good cache, but anyone could have changed it: not read, and replaced by a private one
    chmodSync(file, 0o666);
    const shared = run([EXAMPLE], home);
    expect(shared.status).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // one that V8 refuses costs only the start's speed
    writeFileSync(file, "not a V8 cache", { mode: 0o600 });
    const garbage = run([EXAMPLE], home);
    expect(garbage.status).toBe(0);
    expect(garbage.stdout).toContain("no problems");
    expect(readFileSync(file, "latin1")).not.toBe("not a V8 cache");

    const none = tempDir({});
    expect(run([EXAMPLE], none, { AIB_LINT_NO_CACHE: "1" }).status).toBe(0);
    expect(bundleCaches(none)).toEqual([]);
  });
});
