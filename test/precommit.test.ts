import { createHash } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cli, tempDir } from "./cli-harness.js";
import { LINUX } from "./helpers.js";

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

const SCRIPT = "#!/bin/bash\necho setup\n";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
/** LINUX whose first step downloads `uri` with the checksum of SCRIPT (line 15, the checksum at column 114). */
const referring = (uri: string) => LINUX.replace("https://example.org/setup.sh", uri).replace(/"[0-9a-f]{64}"/, `"${sha256(SCRIPT)}"`);
/** A repository whose configuration maps https://example.org/scripts/ to scripts/. */
function mappedRepo(extra: Record<string, string> = {}): string {
  return tempDir({
    ".aib-lint.yaml": `checksums:\n  map:\n    "https://example.org/scripts/": scripts/\nignore:\n  - drafts/\n`,
    "scripts/setup.sh": SCRIPT,
    "scripts/other.sh": "echo other\n",
    "templates/a.json": referring("https://example.org/scripts/setup.sh"),
    "templates/nested/b.json": referring("https://example.org/scripts/%73etup.sh?v=1"),
    "templates/escaped.json": referring("https:\\/\\/example.org\\/scripts\\/setup.sh"),
    "templates/unrelated.json": LINUX,
    "drafts/ignored.json": referring("https://example.org/scripts/setup.sh"),
    ...extra,
  });
}

describe("a named script of a mapped folder (checksum drift)", () => {
  it("lints the templates whose scriptUri maps to it, in the configuration's folder, ignore: honoured", async () => {
    const repo = mappedRepo();
    const clean = await cli(["--ignore-non-templates", "--format", "json", "scripts/setup.sh"], { cwd: repo });
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout).files.map((f: { file: string }) => f.file)).toEqual(["templates/a.json", "templates/escaped.json", "templates/nested/b.json"]);
    writeFileSync(`${repo}/scripts/setup.sh`, "#!/bin/bash\necho changed\n");
    const drift = await cli(["--ignore-non-templates", "scripts/setup.sh"], { cwd: repo });
    expect(drift.code).toBe(1);
    expect(drift.stdout).toMatch(/^templates\/a\.json\n +15:114 +error +sha256Checksum does not match https:\/\/example\.org\/scripts\/setup\.sh/m);
    expect(drift.stdout).toMatch(/^templates\/nested\/b\.json\n +15:\d+ +error .*checksum-mismatch/m);
    expect(drift.stdout).not.toContain("unrelated");
    expect(drift.stdout).not.toContain("ignored.json");
    // from a subfolder: the configuration's folder is searched, paths stay relative to the working directory
    const below = await cli(["--ignore-non-templates", "setup.sh"], { cwd: `${repo}/scripts` });
    expect(below.code).toBe(1);
    expect(below.stdout).toMatch(/^\.\.\/templates\/a\.json\n/m);
  });

  it("names each template once, with --map-uri as with checksums.map; an unreferenced script is any other named file", async () => {
    const repo = mappedRepo();
    writeFileSync(`${repo}/scripts/setup.sh`, "echo changed\n");
    const once = await cli(["--format", "json", "templates/a.json", "scripts/setup.sh", "scripts/setup.sh"], { cwd: repo });
    expect(once.code).toBe(1);
    expect(JSON.parse(once.stdout).files.map((f: { file: string }) => f.file)).toEqual(["templates/a.json", "templates/escaped.json", "templates/nested/b.json"]);
    const flag = await cli(["--no-config", "--map-uri", "https://example.org/scripts/=scripts", "--format", "json", "scripts/setup.sh"], { cwd: repo });
    expect(JSON.parse(flag.stdout).files.map((f: { file: string }) => f.file)).toEqual(["drafts/ignored.json", "templates/a.json", "templates/escaped.json", "templates/nested/b.json"]);
    expect(flag.code).toBe(1);
    const other = await cli(["scripts/other.sh"], { cwd: repo });
    expect(other.code).toBe(0);
    expect(other.stdout).toMatch(/^scripts\/other\.sh\n +1:1 +warning .*no-template/m);
    expect((await cli(["--ignore-non-templates", "scripts/other.sh"], { cwd: repo })).stdout).toContain("no problems");
    // without a mapping, a script is only a named file
    const unmapped = await cli(["--no-config", "--ignore-non-templates", "scripts/setup.sh"], { cwd: repo });
    expect([unmapped.code, unmapped.stdout.includes("templates/")]).toEqual([0, false]);
  });
});

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
    // checksum drift: a commit that changes only a mapped script is refused for the template that downloads it
    writeFileSync(`${repo}/.aib-lint.yaml`, `ignore:\n  - drafts/\nchecksums:\n  map:\n    "https://example.org/scripts/": scripts/\n`);
    mkdirSync(`${repo}/scripts`);
    writeFileSync(`${repo}/scripts/setup.sh`, SCRIPT);
    writeFileSync(`${repo}/template.json`, referring("https://example.org/scripts/setup.sh"));
    git("add", "-A");
    const mapped = git("commit", "-m", "a mapped script");
    expect(mapped.status, mapped.stdout + mapped.stderr).toBe(0);
    writeFileSync(`${repo}/scripts/setup.sh`, "#!/bin/bash\necho changed\n");
    git("add", "-A");
    const drift = git("commit", "-m", "the script alone");
    expect(drift.status, drift.stdout + drift.stderr).not.toBe(0);
    expect(drift.stdout + drift.stderr).toMatch(/template\.json[\s\S]*15:114 +error +sha256Checksum does not match/);
    rmSync(repo, { recursive: true, force: true });
  }, 300_000);
});
