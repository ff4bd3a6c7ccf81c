import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir } from "./cli-harness.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: "utf8" }).status === 0;
const head = spawnSync("git", ["-C", ROOT, "rev-parse", "HEAD"], { encoding: "utf8" });
const hookCommitted = head.status === 0 && spawnSync("git", ["-C", ROOT, "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"]).status === 0;
const ready = has("pre-commit", ["--version"]) && has("git", ["--version"]) && hookCommitted;
if (!ready) console.warn("pre-commit test skipped: it needs `pre-commit` and `git` on PATH and this repository checked out by git with the hook committed (.ci/run installs them)");

const EXAMPLE = `${ROOT}fixtures/examples/linux-gallery.json`;

describe.skipIf(!ready)("the pre-commit hook, for real", () => {
  it("refuses a commit with a broken template, accepts the fixed one, and honours the config's ignore", () => {
    const repo = tempDir({ ".aib-lint.yaml": "ignore:\n  - drafts/\n", "package.json": `{"name": "not-a-template"}` });
    const env = { ...process.env, PRE_COMMIT_HOME: `${repo}/.pre-commit-home`, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.org" };
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
  }, 300_000);
});
