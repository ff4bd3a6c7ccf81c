import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { colorLevel, terminalColors } from "../src/cli.js";
import { cli, tempDir } from "./cli-harness.js";
import { LINUX, withLine } from "./helpers.js";

const BAD = withLine(LINUX, 4, `  "location": "southindia",`);
const WARN = withLine(LINUX, 3, `  "apiVersion": "2019-05-01-preview",`);

describe("exit codes", () => {
  it("0 when clean, 1 with an error, 2 for a missing file (named on stderr)", async () => {
    const dir = tempDir({ "good.json": LINUX, "bad.json": BAD });
    expect((await cli(["good.json"], { cwd: dir })).code).toBe(0);
    expect((await cli(["good.json", "bad.json"], { cwd: dir })).code).toBe(1);
    const missing = await cli(["nope.json", "also-missing.json"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: no such file/);
    expect(missing.stderr).toMatch(/also-missing\.json/);
  });
  it("2 for usage errors: no paths, an unknown format or option, a bad --max-warnings", async () => {
    expect((await cli([])).code).toBe(2);
    const format = await cli(["--format", "xml", "x.json"]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("xml");
    expect((await cli(["--bogus", "x.json"])).code).toBe(2);
    expect((await cli(["--max-warnings", "many", "x.json"])).code).toBe(2);
    expect((await cli(["--api-version", "2019", "x.json"])).code).toBe(2);
  });
  it("--max-warnings turns too many warnings into exit 1", async () => {
    const dir = tempDir({ "w.json": WARN });
    expect((await cli(["w.json"], { cwd: dir })).code).toBe(0);
    expect((await cli(["--max-warnings", "1", "w.json"], { cwd: dir })).code).toBe(0);
    const over = await cli(["--max-warnings", "0", "w.json"], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain("--max-warnings 0");
  });
  it("--quiet reports errors only", async () => {
    const dir = tempDir({ "w.json": WARN });
    const quiet = await cli(["--quiet", "--format", "json", "w.json"], { cwd: dir });
    expect(JSON.parse(quiet.stdout).files[0].diagnostics).toEqual([]);
  });
  it("--help and --version exit 0", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage");
    expect((await cli(["--version"])).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("inputs", () => {
  it("reads standard input with --stdin-filename", async () => {
    const run = await cli(["--format", "json", "--stdin-filename", "piped.json", "-"], { stdin: BAD });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).files[0].file).toBe("piped.json");
  });
  it("walks directories for JSON and YAML, skipping node_modules and dot-folders, silently skipping non-templates", async () => {
    const dir = tempDir({
      "a/one.json": LINUX,
      "a/b/two.jsonc": BAD,
      "a/package.json": `{"name": "x"}`,
      "a/node_modules/m/bad.json": BAD,
      "a/.git/bad.json": BAD,
      "a/notes.txt": "not linted",
      "a/three.yml": "type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2022-07-01\nlocation: southindia\n",
    });
    const run = await cli(["--format", "json", "a"], { cwd: dir });
    const files = JSON.parse(run.stdout).files.map((f: { file: string }) => f.file.replace(/\\/g, "/"));
    expect(files).toEqual(["a/b/two.jsonc", "a/one.json", "a/package.json", "a/three.yml"]);
    const pkg = JSON.parse(run.stdout).files.find((f: { file: string }) => f.file.endsWith("package.json"));
    expect(pkg.diagnostics).toEqual([]);
  });
  it("warns once for an explicitly named file without a template", async () => {
    const dir = tempDir({ "package.json": `{"name": "x"}` });
    const run = await cli(["--format", "json", "package.json"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).files[0].diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(["no-template"]);
  });
  it("reads a UTF-8 BOM and UTF-16 files", async () => {
    const dir = tempDir({ "bom.json": `\uFEFF${BAD}` });
    const run = await cli(["--format", "json", "bom.json"], { cwd: dir });
    expect(JSON.parse(run.stdout).files[0].diagnostics[0].range.start).toEqual({ line: 4, column: 15 });
  });
  it("resolves parameters from --parameters", async () => {
    const arm = JSON.stringify({ contentVersion: "1.0.0.0", parameters: { loc: { type: "string" } }, resources: [{ ...JSON.parse(LINUX), location: "[parameters('loc')]", apiVersion: "[parameters('v')]" }] }, null, 2);
    const dir = tempDir({ "t.json": arm, "p.json": JSON.stringify({ parameters: { V: { value: "2019-02-01-preview" } } }), "broken.json": "{" });
    const run = await cli(["--format", "json", "--parameters", "p.json", "t.json"], { cwd: dir });
    expect(JSON.parse(run.stdout).files[0].diagnostics.map((d: { message: string }) => d.message).join()).toContain("2019-02-01-preview");
    const bad = await cli(["--parameters", "broken.json", "t.json"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("broken.json");
    expect((await cli(["--parameters", "none.json", "t.json"], { cwd: dir })).code).toBe(2);
  });
});

describe("output", () => {
  it("stylish: file header, line:column, severity, message, rule, summary", async () => {
    const dir = tempDir({ "bad.json": BAD });
    const run = await cli(["bad.json"], { cwd: dir });
    expect(run.stdout).toMatch(/^bad\.json\n {2}4:15 {2}error {2}"southindia" is not a region.* {2}location\n/);
    expect(run.stdout).toContain("✖ 1 problem (1 error, 0 warnings)");
  });
  it("stylish says so when all is clean", async () => {
    const dir = tempDir({ "good.json": LINUX });
    expect((await cli(["good.json"], { cwd: dir })).stdout).toContain("no problems");
  });
  it("--output writes the report to a file (creating folders) and shows stylish on the console", async () => {
    const dir = tempDir({ "bad.json": BAD });
    const run = await cli(["--format", "sarif", "--output", "reports/out/aib.sarif", "bad.json"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("4:15");
    const path = join(dir, "reports/out/aib.sarif");
    expect(existsSync(path)).toBe(true);
    expect(JSON.parse(readFileSync(path, "utf8")).version).toBe("2.1.0");
  });
  it("--report FORMAT=FILE writes more reports of the same run while the console keeps --format", async () => {
    const dir = tempDir({ "templates/bad.json": BAD, "templates/w.json": WARN });
    const run = await cli(["--format", "github", "--report", "sarif=out/aib.sarif", "--report", "junit=aib.xml", "templates"], { cwd: dir, env: { FORCE_COLOR: "1" } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error file=templates\/bad\.json,line=4,col=15,/m);
    expect(run.stdout).toMatch(/^::warning file=templates\/w\.json,line=3,/m);
    const log = JSON.parse(readFileSync(join(dir, "out/aib.sarif"), "utf8"));
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(["api-version", "location"]);
    const xml = readFileSync(join(dir, "aib.xml"), "utf8");
    expect(xml).toContain('failures="1"');
    expect(xml).not.toContain("\u001b[");
    // with --output too: the console gets stylish, each file its format
    const both = await cli(["--format", "json", "--output", "r.json", "--report", "sarif=r.sarif", "templates/bad.json"], { cwd: dir });
    expect(both.stdout).toContain("4:15");
    expect(JSON.parse(readFileSync(join(dir, "r.json"), "utf8")).files).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, "r.sarif"), "utf8")).version).toBe("2.1.0");
  });
  it("--report refuses a bad FORMAT=FILE, an input as target and one file named twice (exit 2, nothing written)", async () => {
    const dir = tempDir({ "bad.json": BAD });
    for (const value of ["sarif", "xml=a.xml", "=a.sarif", "sarif="]) {
      const run = await cli(["--report", value, "bad.json"], { cwd: dir });
      expect(run.code, value).toBe(2);
      expect(run.stderr, value).toContain("expected FORMAT=FILE");
    }
    const input = await cli(["--report", "sarif=bad.json", "bad.json"], { cwd: dir });
    expect(input.code).toBe(2);
    expect(input.stderr).toContain("--report bad.json is one of the files to lint");
    expect(readFileSync(join(dir, "bad.json"), "utf8")).toBe(BAD);
    const twice = await cli(["--output", "r.sarif", "--format", "sarif", "--report", "junit=./r.sarif", "bad.json"], { cwd: dir });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("--report ./r.sarif is named for two reports");
    expect(existsSync(join(dir, "r.sarif"))).toBe(false);
  });
  it("reads a terminal's colours from what it says of itself", () => {
    expect(terminalColors({ TERM: "xterm" }, "linux")).toBe(1);
    expect(terminalColors({ TERM: "dumb" }, "linux")).toBe(0);
    expect(terminalColors({}, "linux")).toBe(0);
    expect(terminalColors({ TERM: "foo", COLORTERM: "yes" }, "linux")).toBe(1);
    expect(terminalColors({ TERM: "xterm-256color" }, "linux")).toBe(2);
    expect(terminalColors({ TERM: "xterm-256color", COLORTERM: "truecolor" }, "linux")).toBe(3);
    expect(terminalColors({ TERM_PROGRAM: "Apple_Terminal" }, "darwin")).toBe(2);
    expect(terminalColors({}, "win32")).toBe(3);
    expect(colorLevel({}, { env: { TERM: "screen-256color" }, stdoutIsTTY: true })).toBe(2);
  });
  it("colours only on a terminal, honouring NO_COLOR, FORCE_COLOR and --no-color", async () => {
    expect(colorLevel({}, { env: {}, stdoutIsTTY: false })).toBe(0);
    expect(colorLevel({}, { env: { TERM: "xterm" }, stdoutIsTTY: true })).toBeGreaterThan(0);
    expect(colorLevel({}, { env: { NO_COLOR: "1" }, stdoutIsTTY: true })).toBe(0);
    expect(colorLevel({ color: false }, { env: { FORCE_COLOR: "1" }, stdoutIsTTY: true })).toBe(0);
    expect(colorLevel({}, { env: { FORCE_COLOR: "3" }, stdoutIsTTY: false })).toBe(3);
    expect(colorLevel({}, { env: { FORCE_COLOR: "0" }, stdoutIsTTY: true })).toBe(0);
    const dir = tempDir({ "bad.json": BAD });
    expect((await cli(["bad.json"], { cwd: dir, env: { FORCE_COLOR: "1" } })).stdout).toContain("\u001b[");
    expect((await cli(["bad.json"], { cwd: dir, tty: true, env: { NO_COLOR: "1" } })).stdout).not.toContain("\u001b[");
    // --fix on standard input: the report goes to stderr, and its colour follows stderr, not stdout
    const fixing = ["--fix", "-", "--stdin-filename", "bad.json"];
    expect((await cli(fixing, { cwd: dir, stdin: BAD, tty: true, stderrTty: false, env: { TERM: "xterm" } })).stderr).not.toContain("\u001b[");
    expect((await cli(fixing, { cwd: dir, stdin: BAD, tty: false, stderrTty: true, env: { TERM: "xterm" } })).stderr).toContain("\u001b[");
  });
});

describe("rules and explain", () => {
  it("lists every rule with severity and versions", async () => {
    const run = await cli(["rules"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^location +error +all +/m);
    expect(run.stdout).toMatch(/^build-timeout +error +2019-05-01-preview and later/m);
  });
  it("explains a rule with examples, and fails for an unknown one", async () => {
    const run = await cli(["explain", "sha256-checksum"]);
    expect(run.stdout).toContain("Bad:");
    expect(run.stdout).toContain("Good:");
    const unknown = await cli(["explain", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("nope");
  });
});

describe("new-user findings", () => {
  it("a missing path prints no report at all (nothing downstream reads a pass)", async () => {
    const dir = tempDir({ "good.json": LINUX });
    const run = await cli(["--format", "json", "good.json", "missing.json"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
  });
  it("--quiet hides warnings but the gates still count them", async () => {
    const dir = tempDir({ "w.json": WARN });
    expect((await cli(["-q", "--fail-level", "warning", "w.json"], { cwd: dir })).code).toBe(1);
    expect((await cli(["-q", "--max-warnings", "0", "w.json"], { cwd: dir })).code).toBe(1);
  });
  it("an --output path that cannot be created is exit 2 with a plain reason", async () => {
    const dir = tempDir({ "good.json": LINUX, "file": "x" });
    const run = await cli(["--format", "sarif", "--output", "file/sub/out.sarif", "good.json"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("not a directory");
  });
  it("a broken JSON file met while walking a folder is skipped unless it looks like a template", async () => {
    const dir = tempDir({ "repo/.vscode/settings.json": "{,}", "repo/tsconfig.json": `{ "compilerOptions": { "strict": true, } }`, "repo/broken-template.json": `{ "type": "Microsoft.VirtualMachineImages/imageTemplates", }`, "repo/ok.json": LINUX });
    const run = await cli(["--format", "json", "repo"], { cwd: dir });
    const files = JSON.parse(run.stdout).files.filter((f: { diagnostics: unknown[] }) => f.diagnostics.length).map((f: { file: string }) => f.file.replace(/\\/g, "/"));
    expect(files).toEqual(["repo/broken-template.json"]);
    const hook = await cli(["--ignore-non-templates", "repo/tsconfig.json"], { cwd: dir });
    expect(hook.code).toBe(0);
  });
  it("--help lists the lint options", async () => {
    const help = await cli(["--help"]);
    expect(help.stdout).toContain("--format");
    expect(help.stdout).toContain("--fail-level");
    expect(help.stdout).toContain("explain");
  });
});
