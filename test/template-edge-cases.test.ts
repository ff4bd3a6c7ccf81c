import { describe, expect, it } from "vitest";
import { cli, tempDir } from "./cli-harness.js";
import { at, byRule, expectFinding, LINUX, lint, replaceOnce, withLine } from "./helpers.js";

const GALLERY = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/i";
/** LINUX with only a VHD target: no finding at all. */
const CLEAN = replaceOnce(LINUX, LINUX.split("\n")[19]! + "\n", "");

describe("template holes", () => {
  it("an empty distribute list is an error at the list; an empty customize list is fine", () => {
    const lines = LINUX.split("\n");
    const body = [...lines.slice(0, 18), `    "distribute": []`, "  }", "}"].join("\n");
    const d = expectFinding(lint(body), "empty-distribute", at(body, 19, "[]"), "error");
    expect(d.message).toContain("at least one distribution target");
    const noSteps = replaceOnce(CLEAN, LINUX.split("\n").slice(13, 18).join("\n"), `    "customize": [],`);
    expect(lint(noSteps).filter((x) => x.severity === "error")).toEqual([]);
  });

  it("a targetRegions duplicate relates to the earlier entry", () => {
    const text = withLine(
      LINUX,
      20,
      `      { "type": "SharedImage", "galleryImageId": "${GALLERY}", "runOutputName": "sig", "targetRegions": [\n        { "name": "westeurope" },\n        { "name": "West Europe", "replicaCount": 2 }\n      ] },`,
    );
    const d = expectFinding(lint(text), "target-regions", at(text, 22, `"West Europe"`), "warning");
    expect(d.message).toBe(`region "West Europe" is listed twice (first at line 21)`);
    expect(d.related).toEqual([{ message: "the earlier entry for this region", range: { start: at(text, 21, "{"), end: { line: 21, column: 33 } } }]);
  });

  it("several placeholders in one value are called them", () => {
    const text = withLine(LINUX, 4, `  "location": "<region>-<zone>",`);
    expect(byRule(lint(text), "placeholder")[0]!.message).toBe(`unreplaced placeholders "<region>", "<zone>": replace them before submitting the template`);
    const one = withLine(LINUX, 4, `  "location": "<region>",`);
    expect(byRule(lint(one), "placeholder")[0]!.message).toBe(`unreplaced placeholder "<region>": replace it before submitting the template`);
  });

  it("a misspelt rule id in a suppression is reported even when unused suppressions are not", () => {
    const text = withLine(LINUX, 3, `  "apiVersion": "2022-07-01", // aib-lint-disable-next-line locaton, identity`);
    const d = expectFinding(lint(text, "t.jsonc", { reportUnusedDisables: false }), "unused-disable", at(text, 3, "//"), "warning");
    expect(d.message).toBe(`aib-lint-disable-next-line: "locaton" is not a rule; did you mean "location"?`);
    expect(byRule(lint(text, "t.jsonc", { reportUnusedDisables: false }), "unused-disable")).toHaveLength(1);
    expect(byRule(lint(text, "t.jsonc"), "unused-disable")).toHaveLength(2);
  });
});

describe("copy loops", () => {
  it("a finding on an array a copy loop builds points at the copy entry", () => {
    const resource = withLine(
      LINUX,
      20,
      `      { "type": "SharedImage", "galleryImageId": "${GALLERY}", "runOutputName": "sig",\n        "copy": [{ "name": "targetRegion", "count": 2, "input": { "name": "[parameters('regions')[copyIndex('targetRegion')]]", "replicaCount": "two" } }] },`,
    ).replace(`"customize": [`, `"copy": [{ "name": "customise", "count": 1, "input": { "type": "Shell", "name": "a", "inline": ["true"] } }],\n    "x": [`);
    const text = `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": { "regions": { "type": "array" } },\n  "resources": [\n${resource}\n  ]\n}`;
    const diagnostics = lint(text);
    const line = (token: string) => text.split("\n").findIndex((l) => l.includes(token)) + 1;
    expectFinding(diagnostics, "unknown-property", at(text, line(`"customise"`), `"customise"`), "error");
    const region = expectFinding(diagnostics, "unknown-property", at(text, line(`"targetRegion"`), `"targetRegion"`), "error");
    expect(region.message).toContain(`did you mean "targetRegions"?`);
  });
});

describe("syntax holes", () => {
  it("names a Git merge conflict marker in JSON and YAML", () => {
    const lines = LINUX.split("\n");
    const json = [...lines.slice(0, 3), "<<<<<<< HEAD", lines[3], "=======", `  "location": "eastus",`, ">>>>>>> feature/x", ...lines.slice(4)].join("\n");
    const d = expectFinding(lint(json), "syntax", { line: 4, column: 1 }, "error");
    expect(d.message).toBe(`JSON syntax error: Git merge conflict marker "<<<<<<< HEAD": resolve the conflict (keep one side, remove the markers) before linting`);
    const yaml = "type: Microsoft.VirtualMachineImages/imageTemplates\nlocation: westus2\n=======\nlocation: eastus\n>>>>>>> main\nproperties: {}\n";
    expect(expectFinding(lint(yaml, "t.yaml"), "syntax", { line: 3, column: 1 }).message).toContain(`YAML syntax error: Git merge conflict marker "======="`);
  });

  it("a truncated file names the innermost unclosed object or array and where it opened", () => {
    const cut = LINUX.slice(0, LINUX.indexOf(`{ "type": "Shell", "name": "tidy"`) + 18);
    const d = expectFinding(lint(cut), "syntax", { line: 16, column: 25 }, "error");
    expect(d.message).toBe(`JSON syntax error: the file ends before an object in "customize" opened at line 16 is closed (3 enclosing levels are open too); is the file truncated?`);
    const array = `{\n  "a": {\n    "b": [1, 2`;
    expect(expectFinding(lint(array), "syntax", { line: 3, column: 15 }).message).toContain(`the "b" array opened at line 3 is closed (2 enclosing levels are open too)`);
    expect(byRule(lint(`{"a": 1,\n "b": 2 "c": 3}`), "syntax")[0]!.message).not.toContain("truncated");
    expect(byRule(lint(`{"a": "cut`), "syntax")[0]!.message).toBe(`JSON syntax error: the file ends inside a string that is not closed, before the object opened at line 1 is closed; is the file truncated?`);
  });
});

describe("command-line holes", () => {
  // tempDir folders are removed after each test
  const dir = tempDir;
  const WARNING_ONLY = withLine(LINUX, 3, `  "apiVersion": "2019-05-01-preview",`);

  it("--quiet with --fail-level warning says how many findings it hid when they fail the run", async () => {
    const cwd = dir({ "t.json": WARNING_ONLY });
    const run = await cli(["-q", "--fail-level", "warning", "t.json"], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain("no problems");
    expect(run.stdout).toMatch(/✖ 1 file checked \(1 template\): \d+ warnings? hidden by --quiet fails? the run/);
    const both = dir({ "t.json": withLine(WARNING_ONLY, 4, `  "location": "southindia",`) });
    const errorsFail = await cli(["-q", "t.json"], { cwd: both });
    expect(errorsFail.code).toBe(1);
    expect(errorsFail.stdout).not.toContain("hidden");
    expect((await cli(["-q", "--max-warnings", "0", "t.json"], { cwd })).stdout).toContain("1 warning hidden by --quiet fails the run");
    const passing = await cli(["-q", "t.json"], { cwd });
    expect(passing.code).toBe(0);
    expect(passing.stdout).not.toContain("hidden");
  });

  it("a directory without templates is a warning that counts for --max-warnings and --fail-level", async () => {
    const cwd = dir({ "templates/readme.txt": "x", "other/config.json": `{"a": 1}`, "ok/t.json": CLEAN });
    const empty = await cli(["templates"], { cwd });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain("templates\n  1:1  warning  no JSON/YAML files under templates  no-template");
    const none = await cli(["--max-warnings", "0", "other"], { cwd });
    expect(none.code).toBe(1);
    expect(none.stdout).toContain("1 JSON/YAML file under other, none holds an image template");
    expect(none.stderr).toBe("aib-lint: 1 warning exceeds --max-warnings 0\n");
    expect((await cli(["--fail-level", "warning", "other"], { cwd })).code).toBe(1);
    expect((await cli(["--fail-level", "warning", "ok"], { cwd })).code).toBe(0);
  });

  it("expands a quoted glob, and a glob that matches nothing is a usage error", async () => {
    const cwd = dir({ "templates/a.json": CLEAN, "templates/b.json": withLine(LINUX, 4, `  "location": "southindia",`), "templates/notes.md": "x" });
    const run = await cli(["--format", "json", "templates/*.json"], { cwd });
    expect(run.code).toBe(1);
    const files = JSON.parse(run.stdout).files as { file: string; diagnostics: { ruleId: string }[] }[];
    expect(files.map((f) => f.file)).toEqual(["templates/a.json", "templates/b.json"]);
    expect(files[1]!.diagnostics.map((d) => d.ruleId)).toEqual(["location"]);
    for (const pattern of ["./templates/*.json", `${cwd}/templates/**/*.json`]) {
      const again = await cli(["--format", "json", pattern], { cwd });
      expect((JSON.parse(again.stdout).files as unknown[]).length, pattern).toBe(2);
    }
    const nothing = await cli(["nowhere/*.json"], { cwd });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toBe("aib-lint: no files match the pattern nowhere/*.json\n");
  });

  it("--stdin-filename without - tells the user to add -", async () => {
    const run = await cli(["--stdin-filename", "t.json"], { stdin: CLEAN });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("add -, e.g. aib-lint --stdin-filename t.json -");
  });

  it("rules --format json prints the catalog; the table keeps its columns aligned", async () => {
    const json = await cli(["rules", "--format", "json"]);
    const rules = JSON.parse(json.stdout) as { id: string; severity: string; versions: string }[];
    expect(rules.map((r) => r.id)).toContain("distribution-region");
    expect(rules.find((r) => r.id === "empty-distribute")?.severity).toBe("error");
    const table = (await cli(["rules"])).stdout.trimEnd().split("\n");
    const descriptionColumn = (line: string, id: string) => line.indexOf(rules.find((r) => r.id === id)!.versions, line.indexOf(" ")) ;
    const columns = new Set(table.map((line, i) => descriptionColumn(line, rules[i]!.id)));
    expect(columns.size).toBe(1);
    expect((await cli(["rules", "--format", "xml"])).code).toBe(2);
  });

  it("a missing --parameters file is named as the parameters file", async () => {
    const cwd = dir({ "t.json": CLEAN });
    const run = await cli(["--parameters", "nope.json", "t.json"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("aib-lint: cannot read parameters file nope.json: no such file or directory\n");
  });
});
