import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/core/diagnostic.js";
import { MAX_MODULE_CALLS } from "../src/find/rules.js";
import { lintText } from "../src/lint/index.js";
import { prepareBicep } from "../src/parse/bicep-loader.js";
import { cli, tempDir } from "./cli-harness.js";
import { at } from "./helpers.js";

beforeAll(prepareBicep);

/** A module whose image template takes its location (and its distribution's) from a param. */
const IMAGE = `param location string
param name string = 'img'

resource it 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = {
  name: name
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id': {}
    }
  }
  properties: {
    source: {
      type: 'PlatformImage'
      publisher: 'Canonical'
      offer: '0001-com-ubuntu-server-jammy'
      sku: '22_04-lts-gen2'
      version: 'latest'
    }
    distribute: [
      {
        type: 'ManagedImage'
        imageId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/images/img'
        location: 'westeurope'
        runOutputName: 'out'
      }
    ]
  }
}
`;

/** Where `token` is written on `line` of `text`, as a finding's start. */
const where = at;

async function lintFolder(files: Record<string, string>, args: string[]): Promise<{ code: number; diagnostics: Diagnostic[]; dir: string }> {
  const dir = tempDir({ ".git/HEAD": "ref: refs/heads/main\n", ...files });
  const out = await cli(["--format", "json", ...args], { cwd: dir });
  const diagnostics = (JSON.parse(out.stdout) as { files: { diagnostics: Diagnostic[] }[] }).files.flatMap((f) => f.diagnostics);
  return { code: out.code, diagnostics, dir };
}

const found = (diagnostics: Diagnostic[], ruleId: string) => diagnostics.filter((d) => d.ruleId === ruleId).map((d) => ({ file: d.file, ...d.range.start }));

describe("local Bicep modules", () => {
  it("a for loop passed as a param is a value (not a copy loop, never a parameter named 'copy'), checked in the module", async () => {
    const module = IMAGE.replace("param name string = 'img'", "param name string = 'img'\nparam regions array").replace("        location: 'westeurope'\n", "        location: regions[0].name\n");
    const caller = (region: string) => `param names array = [ '${region}' ]\nmodule image 'image.bicep' = {\n  name: 'image'\n  params: {\n    location: 'westeurope'\n    regions: [for n in names: { name: n }]\n  }\n}\n`;
    const clean = await lintFolder({ "image.bicep": module, "main.bicep": caller("westeurope") }, ["main.bicep"]);
    expect(clean.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const wrong = await lintFolder({ "image.bicep": module, "main.bicep": caller("westeurop") }, ["main.bicep"]);
    expect(found(wrong.diagnostics, "parameters-file")).toEqual([]);
    expect(found(wrong.diagnostics, "distribution-region")).toEqual([{ file: "main.bicep", ...where(caller("westeurop"), 1, "'westeurop'") }]);
  });

  it("lints the module's template with the caller's values: a bad location stands at the caller's literal, the use related", async () => {
    const caller = `module image 'image.bicep' = {\n  name: 'image'\n  params: {\n    location: 'westeurop'\n  }\n}\n`;
    const { code, diagnostics } = await lintFolder({ "image.bicep": IMAGE, "main.bicep": caller }, ["main.bicep"]);
    expect(code).toBe(1);
    expect(found(diagnostics, "location")).toEqual([{ file: "main.bicep", ...where(caller, 4, "'westeurop'") }]);
    const finding = diagnostics.find((d) => d.ruleId === "location")!;
    expect(finding.related).toEqual([expect.objectContaining({ file: "image.bicep", range: expect.objectContaining({ start: { line: 6, column: 13 } }) })]);
    // a file that only calls modules is no "file without templates"
    expect(found(diagnostics, "no-template")).toEqual([]);
  });

  it("lints each call as one instantiation: two calls, two findings, each at its own value; loops and conditions are followed", async () => {
    const caller = [
      "param region string = 'northeurop'",
      "module one 'image.bicep' = {",
      "  params: { location: 'westeurop' }",
      "}",
      "module two './image.bicep' = if (true) {",
      "  params: { location: region }",
      "}",
      "module three 'image.bicep' = [for n in ['a', 'b']: {",
      "  params: { location: 'eastus', name: n }",
      "}]",
      "var geo = 'west'",
      "module four 'image.bicep' = {",
      "  params: { location: '${geo}us9' }",
      "}",
      "module five 'image.bicep' = {",
      "  params: { location: resourceGroup().location }",
      "}",
      "",
    ].join("\n");
    const { diagnostics } = await lintFolder({ "image.bicep": IMAGE, "main.bicep": caller }, ["main.bicep"]);
    // the caller's values are evaluated in its scope: a param to its default, an interpolation where it is written;
    // what only the deployment knows stays unknown
    expect(found(diagnostics, "location")).toEqual([
      { file: "main.bicep", ...where(caller, 1, "'northeurop'") },
      { file: "main.bicep", ...where(caller, 3, "'westeurop'") },
      { file: "main.bicep", ...where(caller, 13, "'${geo}us9'") },
    ]);
    expect(diagnostics.find((d) => d.range.start.line === 13)!.message).toContain('"westus9"');
  });

  it("reports from a module only the findings on the caller's values: the module's own literals are its file's, once in a folder walk", async () => {
    const image = IMAGE.replace("location: 'westeurope'", "location: 'westus9'");
    const caller = `module image 'image.bicep' = {\n  params: {\n    location: 'westeurop'\n  }\n}\n`;
    const { diagnostics } = await lintFolder({ "image.bicep": image, "main.bicep": caller }, ["."]);
    expect(found(diagnostics, "distribution-region")).toEqual([{ file: "image.bicep", ...where(image, 25, "'westus9'") }]);
    expect(found(diagnostics, "location")).toEqual([{ file: "main.bicep", ...where(caller, 3, "'westeurop'") }]);
  });

  it("follows a module in a parent folder, as Azure Verified Modules' test files call theirs", async () => {
    const test = `module testDeployment '../../../main.bicep' = {\n  params: {\n    location: 'westeurop'\n  }\n}\n`;
    const { diagnostics } = await lintFolder({ "main.bicep": IMAGE, "tests/e2e/defaults/main.test.bicep": test }, ["tests/e2e/defaults/main.test.bicep"]);
    expect(found(diagnostics, "location")).toEqual([{ file: join("tests/e2e/defaults/main.test.bicep"), ...where(test, 3, "'westeurop'") }]);
  });

  it("follows a caller's param to its parameters file: the finding stands there", async () => {
    const caller = `param region string\nmodule image 'image.bicep' = {\n  params: {\n    location: region\n  }\n}\n`;
    const parameters = `{\n  "parameters": {\n    "region": { "value": "westeurop" }\n  }\n}\n`;
    const { diagnostics } = await lintFolder({ "image.bicep": IMAGE, "main.bicep": caller, "main.parameters.json": parameters }, ["--parameters", "main.parameters.json", "main.bicep"]);
    expect(found(diagnostics, "location")).toEqual([{ file: "main.parameters.json", ...where(parameters, 3, '"westeurop"') }]);
  });

  it("says a param the module does not declare is an error at the caller's key", async () => {
    const caller = `module image 'image.bicep' = {\n  params: {\n    location: 'westeurope'\n    locaton: 'westeurope'\n  }\n}\n`;
    const { diagnostics } = await lintFolder({ "image.bicep": IMAGE, "main.bicep": caller }, ["main.bicep"]);
    expect(found(diagnostics, "parameters-file")).toEqual([{ file: "main.bicep", ...where(caller, 4, "locaton") }]);
    expect(diagnostics.find((d) => d.ruleId === "parameters-file")!.message).toBe(`module "image.bicep" does not declare parameter "locaton"; did you mean "location"? (Bicep rejects the call)`);
  });

  it("notes once, at its path, that a registry module is not fetched", async () => {
    const caller = `module a 'br/public:avm/res/virtual-machine-images/image-template:0.4.0' = {\n  params: {}\n}\nmodule b 'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0' = {\n  params: {}\n}\n`;
    const { code, diagnostics } = await lintFolder({ "main.bicep": caller }, ["main.bicep"]);
    expect(code).toBe(0);
    expect(diagnostics.filter((d) => d.ruleId === "module").map((d) => ({ ...d.range.start, severity: d.severity }))).toEqual([
      { ...at(caller, 1, "'br/public"), severity: "info" },
      { ...at(caller, 4, "'ts:"), severity: "info" },
    ]);
  });

  it("refuses a module outside the caller's repository, also through a link, and one that cannot be read", async () => {
    const outside = tempDir({ "image.bicep": IMAGE });
    const caller = [
      `module a '${join(outside, "image.bicep")}' = {`,
      "  params: { location: 'westeurop' }",
      "}",
      "module b 'linked/image.bicep' = {",
      "  params: { location: 'westeurop' }",
      "}",
      "module c 'missing.bicep' = {",
      "  params: { location: 'westeurop' }",
      "}",
      "",
    ].join("\n");
    const dir = tempDir({ ".git/HEAD": "ref: refs/heads/main\n", "main.bicep": caller });
    symlinkSync(outside, join(dir, "linked"));
    const out = await cli(["--format", "json", "main.bicep"], { cwd: dir });
    const diagnostics = (JSON.parse(out.stdout) as { files: { diagnostics: Diagnostic[] }[] }).files[0]!.diagnostics;
    expect(found(diagnostics, "location")).toEqual([]);
    const notes = diagnostics.filter((d) => d.ruleId === "module");
    expect(notes.map((d) => d.range.start)).toEqual([at(caller, 1, "'/"), at(caller, 4, "'linked"), at(caller, 7, "'missing")]);
    expect(notes[0]!.message).toMatch(/is not followed: .* lies outside the caller's repository/);
    expect(notes[1]!.message).toMatch(/is not followed: .* lies outside the caller's repository/);
    expect(notes[2]!.message).toMatch(/is not followed: cannot read missing\.bicep/);
  });

  it("ends modules calling each other: a bound on nesting, no hang", () => {
    const files: Record<string, string> = {
      "a.bicep": `module b 'b.bicep' = {\n  params: { location: 'westeurop' }\n}\n`,
      "b.bicep": `param location string\nmodule a 'a.bicep' = {\n  params: {}\n}\nmodule image 'image.bicep' = {\n  params: { location: location }\n}\n`,
      "image.bicep": IMAGE,
    };
    const readModule = (_from: string, path: string) => ({ name: path, text: files[path]! });
    const result = lintText({ file: "a.bicep", text: files["a.bicep"]!, explicit: true }, { readModule });
    expect(result.diagnostics.filter((d) => d.ruleId === "location").map((d) => ({ file: d.file, ...d.range.start }))).toEqual([{ file: "a.bicep", line: 2, column: 23 }]);
    expect(result.diagnostics.filter((d) => d.ruleId === "module").map((d) => d.file)).toEqual([]);
  });

  it("bounds the calls followed from one file, its modules' calls included", () => {
    const calls = (target: string, n: number) => Array.from({ length: n }, (_, i) => `module m${i} '${target}' = {\n  params: { location: 'westeurop' }\n}\n`).join("");
    const files: Record<string, string> = { "main.bicep": calls("fan.bicep", 10), "fan.bicep": `param location string\n${calls("image.bicep", 10)}`, "image.bicep": IMAGE };
    let reads = 0;
    const readModule = (_from: string, path: string) => (reads++, { name: path, text: files[path]! });
    const result = lintText({ file: "main.bicep", text: files["main.bicep"]!, explicit: true }, { readModule });
    expect(reads).toBe(MAX_MODULE_CALLS);
    // the calls past the bound are noted where main.bicep writes them (those of fan.bicep in fan.bicep, not reported here)
    const notes = result.diagnostics.filter((d) => d.ruleId === "module");
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((d) => d.file === "main.bicep" && /the first 32 module calls/.test(d.message))).toBe(true);
  });

  it("follows no module without a reader (lintText alone reads no file)", () => {
    const caller = `module image 'image.bicep' = {\n  params: { location: 'westeurop' }\n}\n`;
    expect(lintText({ file: "main.bicep", text: caller }).diagnostics).toEqual([]);
  });
});
