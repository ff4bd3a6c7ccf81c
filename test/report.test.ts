import { describe, expect, it } from "vitest";
import { lintText } from "../src/lint/index.js";
import { json } from "../src/report/json.js";
import { artifactUri } from "../src/report/paths.js";
import { sarif } from "../src/report/sarif.js";
import { stylish } from "../src/report/stylish.js";
import { CATALOG } from "../src/lint/catalog.js";
import { ruleHelpUri } from "../src/report/rule-docs.js";
import { LINUX, withLine } from "./helpers.js";

const context = { cwd: "/work/project", color: 0 as const, toolVersion: "9.9.9" };
const BAD = withLine(withLine(LINUX, 4, `  "location": "southindia",`), 3, `  "apiVersion": "2019-05-01-preview",`);
const result = lintText({ file: "/work/project/templates/bad.json", text: BAD, explicit: true });

describe("SARIF", () => {
  const log = JSON.parse(sarif([result], context));
  const run = log.runs[0];
  it("is SARIF 2.1.0 with every rule described in tool.driver.rules", () => {
    expect(log.version).toBe("2.1.0");
    expect(run.tool.driver.name).toBe("aib-lint");
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(CATALOG.map((r) => r.id));
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
      // package.json names no homepage: no guessed link, the help travels in the log itself
      expect(rule.helpUri).toBeUndefined();
      const meta = CATALOG.find((r) => r.id === rule.id)!;
      expect(rule.help.text).toContain(meta.docs);
      expect(rule.help.markdown).toContain(meta.docs);
      if (meta.examples) expect(rule.help.markdown).toContain(`\`\`\`\n${meta.examples.bad}\n\`\`\``);
      expect(["error", "warning", "note"]).toContain(rule.defaultConfiguration.level);
    }
  });
  it("links rule docs only under a configured homepage", () => {
    expect(ruleHelpUri("location", undefined)).toBeUndefined();
    expect(ruleHelpUri("location", "https://github.com/org/aib-lint#readme")).toBe("https://github.com/org/aib-lint/blob/main/docs/rules.md#rule-location");
    expect(run.tool.driver.informationUri).toBeUndefined();
  });
  it("escapes SARIF link syntax and CI commands from file values", () => {
    const hostile = lintText({ file: "/work/project/t.json", text: LINUX.replace('"location": "westus2"', '"location": "see [the fix](https://evil.example/x) ##vso[task.setvariable variable=X]1"'), explicit: true });
    const text = sarif([hostile], context);
    expect(text).not.toMatch(/##vso\[/);
    const message = JSON.parse(text).runs[0].results.find((r: { ruleId: string }) => r.ruleId === "location").message.text as string;
    expect(message).toContain("\\[the fix\\](https://evil.example/x)");
    expect(message).toContain("##vso\\[task");
  });
  it("locates results relative to the working directory, with level and rule index", () => {
    const location = run.results.find((r: { ruleId: string }) => r.ruleId === "location");
    expect(location.level).toBe("error");
    expect(location.locations[0].physicalLocation.artifactLocation).toEqual({ uri: "templates/bad.json", uriBaseId: "%SRCROOT%" });
    expect(location.locations[0].physicalLocation.region).toMatchObject({ startLine: 4, startColumn: 15 });
    expect(run.tool.driver.rules[location.ruleIndex].id).toBe("location");
    expect(run.results.find((r: { ruleId: string }) => r.ruleId === "api-version").level).toBe("warning");
  });
  it("fingerprints results stably, independent of line numbers", () => {
    const shifted = lintText({ file: "/work/project/templates/bad.json", text: `\n\n${BAD}`, explicit: true });
    const again = JSON.parse(sarif([shifted], context)).runs[0];
    expect(again.results.map((r: { partialFingerprints: object }) => r.partialFingerprints)).toEqual(run.results.map((r: { partialFingerprints: object }) => r.partialFingerprints));
    expect(again.results[0].locations[0].physicalLocation.region.startLine).not.toBe(run.results[0].locations[0].physicalLocation.region.startLine);
  });
  it("uses absolute file URIs outside the working directory", () => {
    expect(artifactUri("/elsewhere/a b.json", "/work/project")).toEqual({ uri: "file:///elsewhere/a%20b.json", relative: false });
    expect(artifactUri("dir/a b.json", "/work/project")).toEqual({ uri: "dir/a%20b.json", relative: true });
  });
});

describe("JSON and stylish", () => {
  it("JSON carries every field of a diagnostic and the counts", () => {
    const out = JSON.parse(json([result], context));
    expect(out.summary).toEqual({ files: 1, errors: 1, warnings: 1, infos: 0 });
    expect(Object.keys(out.files[0].diagnostics[0]).sort()).toEqual(["file", "message", "path", "range", "ruleId", "severity"]);
  });
  it("stylish aligns columns and ends with a summary", () => {
    const out = stylish([result], context);
    expect(out.split("\n")[0]).toBe("/work/project/templates/bad.json");
    expect(out).toMatch(/ {2}3:17 {2}warning {2}apiVersion 2019-05-01-preview/);
    expect(out).toMatch(/ {2}4:15 {2}error {4}"southindia"/);
    expect(out).toContain("✖ 2 problems (1 error, 1 warning) in 1 file (1 template)");
  });
});

describe("pretty", () => {
  it("shows file:line:col, the source line and a caret under the value", async () => {
    const { pretty } = await import("../src/report/pretty.js");
    const out = pretty([result], context);
    expect(out).toContain(`/work/project/templates/bad.json:4:15: error: "southindia" is not a region`);
    expect(out).toContain(`4 |   "location": "southindia",\n  |               ^~~~~~~~~~~`);
    expect(out.trimEnd().split("\n").pop()).toContain("✖ 2 problems");
  });
});
