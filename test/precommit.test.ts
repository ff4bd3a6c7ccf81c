import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir } from "./cli-harness.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
// a clone owned by another user must not make git refuse the repository ("dubious ownership")
const GIT_ENV = { ...process.env, GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "safe.directory", GIT_CONFIG_VALUE_0: "*", NO_COLOR: "1", FORCE_COLOR: "0" };
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: "utf8", env: GIT_ENV }).status === 0;
const head = spawnSync("git", ["-C", ROOT, "rev-parse", "HEAD"], { encoding: "utf8", env: GIT_ENV });
const hookCommitted = head.status === 0 && spawnSync("git", ["-C", ROOT, "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"], { env: GIT_ENV }).status === 0;
const ready = has("pre-commit", ["--version"]) && has("git", ["--version"]) && hookCommitted;
const WHY = "the pre-commit test needs `pre-commit` and `git` on PATH and this repository checked out by git with the hook committed (.ci/run installs them)";
if (!ready && !process.env.CI) console.warn(`skipped: ${WHY}`);

// in CI a missing prerequisite is a failure, not a silent skip
describe.runIf(!ready && process.env.CI)("the pre-commit hook in CI", () => {
  it("has what it needs", () => {
    expect.fail(WHY);
  });
});

const EXAMPLE = `${ROOT}fixtures/examples/linux-gallery.json`;

describe.skipIf(!ready)("the pre-commit hook, for real", () => {
  it("refuses a commit with a broken template, accepts the fixed one, and honours the config's ignore", () => {
    const repo = tempDir({ ".aib-lint.yaml": "ignore:\n  - drafts/\n", "package.json": `{"name": "not-a-template"}` });
    const env = { ...GIT_ENV, PRE_COMMIT_HOME: `${repo}/.pre-commit-home`, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.org" };
    const git = (...args: string[]) => spawnSync("git", args, { cwd: repo, env, encoding: "utf8" });
    git("init", "-q");
    writeFileSync(`${repo}/.gitignore`, ".pre-commit-home/\n");
    writeFileSync(`${repo}/.pre-commit-config.yaml`, `repos:\n  - repo: ${ROOT}\n    rev: ${head.stdout.trim()}\n    hooks:\n      - id: aib-lint\n`);
    const broken = readFileSync(EXAMPLE, "utf8").replace(`"location": "westeurope"`, `"location": "southindia"`);
    mkdirSync(`${repo}/drafts`);
    writeFileSync(`${repo}/drafts/wip.json`, broken); // ignored by the config: never blocks a commit
    writeFileSync(`${repo}/template.json`, broken);
    execFileSync("pre-commit", ["install"], { cwd: repo, env });
    git("add", "-A");
    const refused = git("commit", "-m", "broken");
    expect(refused.status, refused.stdout + refused.stderr).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/template\.json[\s\S]*5:15 +error +"southindia"/);
    expect(refused.stdout + refused.stderr).not.toContain("wip.json");
    copyFileSync(EXAMPLE, `${repo}/template.json`);
    git("add", "-A");
    const accepted = git("commit", "-m", "fixed");
    expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
    expect(git("log", "--oneline").stdout.trim().split("\n")).toHaveLength(1);
    rmSync(repo, { recursive: true, force: true });
  }, 300_000);
});
