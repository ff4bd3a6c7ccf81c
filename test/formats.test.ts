import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/lint/index.js";
import { azureData, azureDevops, azureProperty, github, githubData, githubProperty } from "../src/report/annotations.js";
import { junit } from "../src/report/junit.js";
import { sarif } from "../src/report/sarif.js";
import { SourceText } from "../src/core/source.js";
import { LINUX, withLine } from "./helpers.js";
import { sarifValidator } from "./sarif-schema.js";

const context = { cwd: "/w", color: 0 as const, toolVersion: "1.0.0" };
// a template with an error, a warning and a note; a message with characters every format must escape
const TEXT = withLine(withLine(LINUX, 4, `  "location": "south&\\"x\\",%:;]<india",`), 3, `  "apiVersion": "2019-05-01-preview",`).replace(
  `"sourceUri": "https://example.org/app.conf"`,
  `"sourceURI": "https://example.org/app.conf"`,
);
const results = [
  lintText({ file: "/w/dir/odd, name:1.json", text: TEXT, explicit: true }),
  lintText({ file: "/w/broken.json", text: "{", explicit: true }),
  lintText({ file: "/w/clean.json", text: LINUX, explicit: true }),
];

describe("JUnit", () => {
  const out = junit(results, context);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase", "failure"].includes(name) });
  const doc = parser.parse(out);
  it("is well-formed XML", () => {
    expect(XMLValidator.validate(out)).toBe(true);
  });
  it("has a testsuite per file, a failing testcase per error with file:line:col, rule and message, a passing one per clean template", () => {
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s: { name: string }) => s.name)).toEqual(["/w/dir/odd, name:1.json", "/w/broken.json", "/w/clean.json"]);
    const [bad, broken, clean] = suites;
    expect(bad.testcase).toHaveLength(1);
    expect(bad.testcase[0].name).toBe(`template ${results[0]!.templates[0]!.name}: location at 4:15`);
    const failures = bad.testcase[0].failure;
    expect(failures).toHaveLength(1);
    expect(failures[0].type).toBe("location");
    expect(failures[0].message).toContain("/w/dir/odd, name:1.json:4:15");
    expect(failures[0].message).toContain(`south&"x",%:;]<india`);
    expect(bad.testcase[0]["system-out"]).toContain("warning api-version");
    expect(broken.testcase[0].name).toBe("file: syntax at 1:2");
    expect(broken.testcase[0].failure[0].type).toBe("syntax");
    expect(clean.testcase.map((c: { name: string }) => c.name)).toEqual([`template ${results[2]!.templates[0]!.name}`]);
    expect(clean.testcase[0].failure).toBeUndefined();
    expect([doc.testsuites.tests, doc.testsuites.failures]).toEqual(["3", "2"]);
  });
  it("never counts more failures than tests: several errors in one template are several testcases", () => {
    const twice = lintText({ file: "/w/two.json", text: withLine(withLine(LINUX, 4, `  "location": "southindia",`), 2, `  "type": "Microsoft.VirtualMachineImages/imageTemplates", "name": "bad name!",`), explicit: true });
    const errors = twice.diagnostics.filter((d) => d.severity === "error");
    expect(errors.length).toBeGreaterThan(1);
    const suite = parser.parse(junit([twice], context)).testsuites.testsuite[0];
    expect(suite.testcase).toHaveLength(errors.length);
    for (const c of suite.testcase) expect(c.failure).toHaveLength(1);
    expect([suite.tests, suite.failures]).toEqual([String(errors.length), String(errors.length)]);
  });
  it("a finding that stands in another file (a parameter's default, a parameters file) fails its template's case, named with that file", () => {
    const template = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
  "parameters": {"location": {"type": "string"}},
  "resources": [${LINUX.replace('"location": "westus2"', '"location": "[parameters(\'location\')]"').replace("{", '{"name": "t",')}]}`;
    const values = Object.assign(new Map([["location", { kind: "string" as const, start: 12, end: 24, path: ["location"], value: "westeurop" }]]), {
      file: { name: "/w/t.parameters.json", source: new SourceText(`{"location": "westeurop"}`) },
    });
    const result = lintText({ file: "/w/t.json", text: template, explicit: true }, { parameters: values });
    const located = result.diagnostics.find((d) => d.ruleId === "location")!;
    expect(located.file).toBe("/w/t.parameters.json");
    const suite = parser.parse(junit([result], context)).testsuites.testsuite[0];
    expect(suite.testcase.map((c: { name: string }) => c.name)).toEqual([`template t: location at /w/t.parameters.json:1:13`]);
    expect(suite.testcase[0].failure[0].message).toContain("/w/t.parameters.json:1:13");
    expect([suite.tests, suite.failures]).toEqual(["1", "1"]);
  });
  it("leaves out files that hold no template and no finding (a parameters file), keeps one with a finding", () => {
    const parameters = lintText({ file: "/w/t.parameters.json", text: `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": {}}`, explicit: false });
    const other = lintText({ file: "/w/notes.yaml", text: "a: 1\n", explicit: true });
    expect(parameters.diagnostics).toEqual([]);
    expect(other.diagnostics.map((d) => d.ruleId)).toEqual(["no-template"]);
    const parsed = parser.parse(junit([parameters, other], context)).testsuites;
    expect(parsed.testsuite.map((s: { name: string }) => s.name)).toEqual(["/w/notes.yaml"]);
    expect(parsed.testsuite[0].testcase[0].name).toBe("file");
    expect(parsed.testsuite[0].testcase[0]["system-out"]).toContain("warning no-template");
    expect([parsed.tests, parsed.failures]).toEqual(["1", "0"]);
    expect(parser.parse(junit([parameters], context)).testsuites).toMatchObject({ tests: "0", failures: "0" });
  });
});

describe("SARIF", () => {
  it("validates against the SARIF 2.1.0 JSON schema", () => {
    const validate = sarifValidator();
    const log = JSON.parse(sarif(results, context));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(log.runs[0].results.length).toBeGreaterThan(2);
  });
});

const GITHUB = /^::(error|warning|notice) file=([^,:]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^,:]+)::(.*)$/;
const AZURE = /^##vso\[task\.logissue type=(error|warning);sourcepath=([^;\]]*);linenumber=(\d+);columnnumber=(\d+);code=([^;\]]+)\](.*)$/;

describe("GitHub annotations", () => {
  const lines = github(results, context).trimEnd().split("\n");
  it("prints one workflow command per finding in GitHub's exact syntax", () => {
    expect(lines).toHaveLength(results.flatMap((r) => r.diagnostics).length);
    for (const line of lines) expect(line).toMatch(GITHUB);
    const location = lines.map((l) => GITHUB.exec(l)!).find((m) => m[7] === "location")!;
    expect(location[1]).toBe("error");
    expect(location[2]).toBe("/w/dir/odd%2C name%3A1.json");
    expect([location[3], location[4]]).toEqual(["4", "15"]);
    expect(lines.some((l) => l.startsWith("::notice "))).toBe(true);
  });
  it("escapes %, CR and LF in data, and also : and , in properties", () => {
    expect(githubData("100%\r\nx:y,z")).toBe("100%25%0D%0Ax:y,z");
    expect(githubProperty("a:b,c%")).toBe("a%3Ab%2Cc%25");
  });
});

describe("Azure DevOps logging commands", () => {
  const lines = azureDevops(results, context).trimEnd().split("\n");
  it("prints task.logissue for errors and warnings in the exact syntax, notes as plain lines", () => {
    const issues = lines.filter((l) => l.startsWith("##vso"));
    for (const line of issues) expect(line).toMatch(AZURE);
    const location = issues.map((l) => AZURE.exec(l)!).find((m) => m[5] === "location")!;
    expect(location[1]).toBe("error");
    expect(location[2]).toBe("/w/dir/odd, name:1.json");
    expect(location[6]).toContain("%AZP25");
    expect(lines.filter((l) => l.startsWith("note: "))).toHaveLength(1);
  });
  it("escapes %, CR and LF, and ; and ] in properties", () => {
    expect(azureData("5%\r\n")).toBe("5%AZP25%0D%0A");
    expect(azureProperty("a;b]c")).toBe("a%3Bb%5Dc");
  });
});
