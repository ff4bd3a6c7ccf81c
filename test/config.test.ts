import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tempDir } from "./cli-harness.js";
import { LINUX, withLine } from "./helpers.js";

const BAD = withLine(LINUX, 4, `  "location": "southindia",`);
const ids = (stdout: string) => JSON.parse(stdout).files.flatMap((f: { diagnostics: { ruleId: string; severity: string }[] }) => f.diagnostics.map((d) => `${d.severity} ${d.ruleId}`));

describe("configuration files", () => {
  it("is found by walking up from the working directory and sets rule levels", async () => {
    const dir = tempDir({ ".aib-lint.yaml": "rules:\n  location: warning\n", "sub/t.json": BAD });
    const run = await cli(["--format", "json", "t.json"], { cwd: `${dir}/sub` });
    expect(ids(run.stdout)).toEqual(["warning location"]);
    expect(run.code).toBe(0);
  });
  it("turns rules off, adds regions, and sets a default apiVersion", async () => {
    const unresolved = JSON.stringify({ contentVersion: "1.0.0.0", resources: [{ ...JSON.parse(BAD), apiVersion: "[parameters('v')]", location: "spaincentral" }] }, null, 2);
    const dir = tempDir({ ".aib-lint.json": JSON.stringify({ rules: { "api-version": "off" }, regions: ["spaincentral"], apiVersion: "2019-05-01-preview" }), "t.json": unresolved });
    const run = await cli(["--format", "json", "t.json"], { cwd: dir });
    expect(ids(run.stdout)).toEqual([]);
    const printed = JSON.parse((await cli(["--print-config", "t.json"], { cwd: dir })).stdout);
    expect(printed).toMatchObject({ apiVersion: "2019-05-01-preview", regions: ["spaincentral"], rules: { "api-version": { level: "off" } }, ignored: false });
  });
  it("--config names a file, --no-config ignores them", async () => {
    const dir = tempDir({ "custom.yml": "rules:\n  location: off\n", ".aib-lint.yaml": "rules:\n  location: info\n", "t.json": BAD });
    expect(ids((await cli(["--format", "json", "--config", "custom.yml", "t.json"], { cwd: dir })).stdout)).toEqual([]);
    expect(ids((await cli(["--format", "json", "t.json"], { cwd: dir })).stdout)).toEqual(["info location"]);
    expect(ids((await cli(["--format", "json", "--no-config", "t.json"], { cwd: dir })).stdout)).toEqual(["error location"]);
  });
  it("applies overrides in order to matching files", async () => {
    const config = "rules:\n  location: warning\noverrides:\n  - files: ['legacy/**']\n    rules:\n      location: off\n  - files: ['*.strict.json']\n    rules:\n      location: error\n";
    const dir = tempDir({ ".aib-lint.yaml": config, "legacy/a.json": BAD, "b.json": BAD, "deep/c.strict.json": BAD });
    const run = await cli(["--format", "json", "."], { cwd: dir });
    const byFile = Object.fromEntries(JSON.parse(run.stdout).files.map((f: { file: string; diagnostics: { severity: string }[] }) => [f.file.replace(/\\/g, "/"), f.diagnostics.map((d) => d.severity)]));
    expect(byFile).toEqual({ "b.json": ["warning"], "deep/c.strict.json": ["error"], "legacy/a.json": [] });
  });
  it("never lints ignored paths, even when named explicitly (as pre-commit does)", async () => {
    const dir = tempDir({ ".aib-lint.yaml": "ignore:\n  - vendor/\n  - '*.draft.json'\n", "vendor/x.json": BAD, "a.draft.json": BAD, "ok.json": LINUX });
    const run = await cli(["--format", "json", "vendor/x.json", "a.draft.json", "ok.json"], { cwd: dir });
    expect(JSON.parse(run.stdout).files.map((f: { file: string }) => f.file)).toEqual(["ok.json"]);
    expect(run.code).toBe(0);
  });
  it("passes rule options", async () => {
    const windows = JSON.parse(BAD);
    windows.location = "westus2";
    windows.properties.source = { type: "PlatformImage", publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter", version: "latest" };
    windows.properties.customize = [];
    windows.properties.buildTimeoutInMinutes = 80;
    const dir = tempDir({ ".aib-lint.yaml": "rules:\n  build-timeout: [error, { windowsMinimum: 90 }]\n", "w.json": JSON.stringify(windows, null, 2) });
    expect(ids((await cli(["--format", "json", "w.json"], { cwd: dir })).stdout)).toEqual(["warning build-timeout"]);
  });
  it.each([
    ["rules:\n  locaton: off\n", /\.aib-lint\.yaml:2:3: unknown rule "locaton"; did you mean "location"/],
    ["rules:\n  location: fatal\n", /:2:13: rule "location": the level must be one of off, info, warning, error/],
    ["rulez: {}\n", /:1:1: unknown setting "rulez"; did you mean "rules"/],
    ["apiVersion: 2019\n", /:1:13: apiVersion must be one of/],
    ["ignore: vendor\n", /:1:9: ignore must be a list of strings/],
    ["rules:\n  location: [warning, { nope: 1 }]\n", /rule "location" takes no options/],
    ["rules:\n  build-timeout: [warning, { windowsMinimum: ten }]\n", /option "windowsMinimum" must be a number/],
    ["overrides:\n  - rules: {}\n", /an override needs files/],
    ["rules: [\n", /:\d+:\d+: YAML syntax error/],
    ["- just\n- a list\n", /must be a mapping/],
    ["checksums:\n  maps: {}\n", /:2:3: unknown checksums setting "maps" \(map\)/],
    ["checksums:\n  map:\n    scripts/: here\n", /:3:5: checksums.map: "scripts\/" is not an http\(s\) URI prefix/],
    ["checksums:\n  map:\n    \"https://x.org/\": [a]\n", /:3:23: checksums.map: the folder must be a non-empty string/],
  ])("a bad configuration is a located error with exit 2: %j", async (config, message) => {
    const dir = tempDir({ ".aib-lint.yaml": config, "t.json": LINUX });
    const run = await cli(["t.json"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });
  it("maps folders only inside the configuration's repository, or its own folder without one, links resolved", async () => {
    const map = (folder: string) => `checksums:\n  map:\n    "https://x.org/": ${folder}\n`;
    const repo = tempDir({ ".git/HEAD": "ref: refs/heads/main\n", "infra/.aib-lint.yaml": map("../scripts"), "infra/t.json": LINUX, "scripts/a.sh": "echo a\n" });
    expect((await cli(["t.json"], { cwd: join(repo, "infra") })).code).toBe(0);
    const outside = [map("/etc"), map("../../.."), map("linked")];
    for (const config of outside) {
      const dir = tempDir({ ".aib-lint.yaml": config, "t.json": LINUX });
      symlinkSync("/etc", join(dir, "linked"));
      const run = await cli(["t.json"], { cwd: dir });
      expect(run.code, config).toBe(2);
      expect(run.stderr, config).toMatch(/\.aib-lint\.yaml:3:23: checksums\.map: \S+ is outside the configuration's folder \S+ \(--map-uri can map any folder\)/);
    }
    const inRepo = tempDir({ ".git/HEAD": "", "infra/.aib-lint.yaml": map("../.."), "infra/t.json": LINUX });
    expect((await cli(["t.json"], { cwd: join(inRepo, "infra") })).stderr).toContain(`is outside the configuration's repository ${inRepo}`);
  });
  it("a missing --config file is exit 2", async () => {
    const run = await cli(["--config", "nope.yaml", "t.json"], { cwd: tempDir({ "t.json": LINUX }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("nope.yaml");
  });
});

describe("inline suppressions", () => {
  it("disable-next-line with a reason, in JSONC", async () => {
    const text = withLine(BAD, 3, `  "apiVersion": "2022-07-01", // aib-lint-disable-next-line location -- region enabled for us by support`);
    const run = await cli(["--format", "json", "t.jsonc"], { cwd: tempDir({ "t.jsonc": text }) });
    expect(ids(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
  });
  it("disable/enable ranges in YAML, for listed rules only", async () => {
    const yaml = [
      "type: Microsoft.VirtualMachineImages/imageTemplates",
      "apiVersion: 2022-07-01",
      "# aib-lint-disable location, identity",
      "location: southindia",
      "# aib-lint-enable location",
      "properties:",
      "  buildTimeoutInMinutes: 2000",
    ].join("\n");
    const run = await cli(["--format", "json", "t.yaml"], { cwd: tempDir({ "t.yaml": yaml }) });
    // identity is reported at line 1, before the range starts: that disable is unused
    expect(ids(run.stdout).sort()).toEqual(["error build-timeout", "error identity", "error required-property", "error required-property", "warning unused-disable"]);
  });
  it("a line suppression where a multi-line YAML string starts or ends covers all of it, and nothing beyond", async () => {
    const yaml = (items: string) =>
      ["type: Microsoft.VirtualMachineImages/imageTemplates", "apiVersion: 2022-07-01", "location: westus2", "properties:", "  customize:", "    - type: Shell", "      name: a", "      inline:", items, "        - apt-get install late"].join("\n");
    const found = async (text: string) => ids((await cli(["--format", "json", "t.yaml"], { cwd: tempDir({ "t.yaml": text }) })).stdout).filter((i: string) => /interactive|unused/.test(i));
    const string = `        - "echo a &&\n          apt-get install b &&\n          echo c"`;
    expect(await found(yaml(string))).toEqual(["warning interactive-command", "warning interactive-command"]);
    expect(await found(yaml(`        # aib-lint-disable-next-line interactive-command\n${string}`))).toEqual(["warning interactive-command"]);
    expect(await found(yaml(`${string}  # aib-lint-disable-line interactive-command`))).toEqual(["warning interactive-command"]);
    expect(await found(yaml(`        - |  # aib-lint-disable-line interactive-command\n          apt-get install b\n`))).toEqual(["warning interactive-command"]);
  });
  it("metadata aib-lint.disable in strict JSON", async () => {
    const text = BAD.replace(`"location": "southindia",`, `"location": "southindia", "metadata": { "aib-lint": { "disable": ["location"] } },`);
    const run = await cli(["--format", "json", "t.json"], { cwd: tempDir({ "t.json": text }) });
    expect(ids(run.stdout)).toEqual([]);
  });
  it("reports a suppression that suppresses nothing, unless told not to", async () => {
    const text = withLine(LINUX, 3, `  "apiVersion": "2022-07-01", // aib-lint-disable-next-line location`);
    const dir = tempDir({ "t.jsonc": text });
    const run = await cli(["--format", "json", "t.jsonc"], { cwd: dir });
    const found = JSON.parse(run.stdout).files[0].diagnostics;
    expect(found.map((d: { ruleId: string }) => d.ruleId)).toEqual(["unused-disable"]);
    expect(found[0].range.start).toEqual({ line: 3, column: 31 });
    expect(ids((await cli(["--format", "json", "--no-report-unused-disables", "t.jsonc"], { cwd: dir })).stdout)).toEqual([]);
  });
});

describe("--fail-level", () => {
  it("chooses which severity fails the run", async () => {
    const dir = tempDir({ "w.json": withLine(LINUX, 3, `  "apiVersion": "2019-05-01-preview",`) });
    expect((await cli(["w.json"], { cwd: dir })).code).toBe(0);
    expect((await cli(["--fail-level", "warning", "w.json"], { cwd: dir })).code).toBe(1);
    expect((await cli(["--fail-level", "fatal", "w.json"], { cwd: dir })).code).toBe(2);
  });
});

describe("suppression mistakes", () => {
  it("names a misspelt rule id with a suggestion", async () => {
    const text = withLine(BAD, 3, `  "apiVersion": "2022-07-01", // aib-lint-disable-next-line locaton`);
    const run = await cli(["--format", "json", "t.jsonc"], { cwd: tempDir({ "t.jsonc": text }) });
    const messages = JSON.parse(run.stdout).files[0].diagnostics.map((d: { message: string }) => d.message);
    expect(messages).toContainEqual(expect.stringContaining(`"locaton" is not a rule; did you mean "location"?`));
    expect(run.code).toBe(1);
  });
  it("accepts a single rule id as a string in metadata", async () => {
    const text = BAD.replace(`"location": "southindia",`, `"location": "southindia", "metadata": { "aib-lint": { "disable": "location" } },`);
    expect(ids((await cli(["--format", "json", "t.json"], { cwd: tempDir({ "t.json": text }) })).stdout)).toEqual([]);
  });
});

describe("code-review findings", () => {
  it("ignore globs follow .gitignore: a bare name or name/ matches at any depth", async () => {
    const dir = tempDir({ ".aib-lint.yaml": "ignore:\n  - drafts\n  - old/\n  - /top.json\n", "drafts/x.json": BAD, "a/b/old/y.json": BAD, "top.json": BAD, "sub/top.json": BAD });
    const run = await cli(["--format", "json", "."], { cwd: dir });
    expect(JSON.parse(run.stdout).files.map((f: { file: string }) => f.file.replace(/\\/g, "/"))).toEqual(["sub/top.json"]);
  });
  it("a disable comment with only a reason suppresses every rule on the next line", async () => {
    const text = withLine(BAD, 3, `  "apiVersion": "2022-07-01", // aib-lint-disable-next-line -- the region is enabled for us`);
    const run = await cli(["--format", "json", "t.jsonc"], { cwd: tempDir({ "t.jsonc": text }) });
    expect(ids(run.stdout)).toEqual([]);
  });
  it("a report file carries no colour even when the console does", async () => {
    const dir = tempDir({ "t.json": BAD });
    await cli(["--format", "pretty", "--output", "out.txt", "t.json"], { cwd: dir, env: { FORCE_COLOR: "3" } });
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(`${dir}/out.txt`, "utf8")).not.toContain("\u001b[");
  });
  it("broken symbolic links met while walking are skipped", async () => {
    const { symlinkSync } = await import("node:fs");
    const dir = tempDir({ "t/ok.json": LINUX });
    symlinkSync(`${dir}/nowhere.json`, `${dir}/t/broken.json`);
    const run = await cli(["--format", "json", "t"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).files).toHaveLength(1);
  });
  it("keys named like Object members are just unknown keys", async () => {
    const text = BAD.replace(`"location": "southindia",`, `"location": "westus2", "constructor": 1, "__proto__": 2,`);
    const run = await cli(["--format", "json", "t.json"], { cwd: tempDir({ "t.json": text }) });
    expect(run.code).toBe(1);
    expect(ids(run.stdout)).toEqual(["error unknown-property", "error unknown-property"]);
  });
});
