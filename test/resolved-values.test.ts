import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { cli, tempDir } from "./cli-harness.js";
import { arm } from "./arm-template.js";
import { at, byRule, expectFinding, lint } from "./helpers.js";


// line 5 holds the first parameter; with one parameter and no variables, LINUX line n is line n + 10
const LOCATION_PARAM = `    "location": { "type": "string", "defaultValue": "germanynorth" }`;
const useLocation = (r: string) => r.replace(`"location": "westus2",`, `"location": "[parameters('location')]",`);

describe("values from parameters and variables", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("checks a parameter's default where it is written, with the use as a related location", () => {
    const text = arm(LOCATION_PARAM, "", useLocation);
    const d = expectFinding(lint(text), "location", at(text, 5, `"germanynorth"`), "error");
    expect(d.message).toContain(`"germanynorth" is not a region where Azure Image Builder runs`);
    expect(d.message).toContain("(value of parameter 'location', default, used at line 14)");
    expect(d.related).toEqual([{ message: "the value is used here", range: { start: at(text, 14, `"[parameters('location')]"`), end: { line: 14, column: 45 } } }]);
  });

  it("follows variables and chains into every rule and the schema stage", () => {
    const text = arm(
      `    "timeout": { "type": "int", "defaultValue": 2000 },\n    "size": { "type": "int", "defaultValue": 5 }`,
      `    "region": "[parameters('replica')]",\n    "replica2": "westeurop"`,
      (r) =>
        r
          .replace(`"buildTimeoutInMinutes": 100,`, `"buildTimeoutInMinutes": "[parameters('timeout')]",`)
          .replace(`"location": "westus2", "runOutputName"`, `"location": "[variables('replica2')]", "runOutputName"`)
          .replace(`"properties": {`, `"properties": {\n      "vmProfile": { "vmSize": "[parameters('size')]" },`),
    );
    const diagnostics = lint(text);
    const timeout = expectFinding(diagnostics, "build-timeout", at(text, 5, "2000"), "error");
    expect(timeout.message).toContain("(value of parameter 'timeout', default, used at line 25)");
    const region = expectFinding(diagnostics, "distribution-region", at(text, 10, `"westeurop"`), "error");
    expect(region.message).toContain(`"westeurop" is not an Azure region; did you mean "westeurope"?`);
    expect(region.message).toContain("(value of variable 'replica2', used at line 33)");
    const size = expectFinding(diagnostics, "value-type", at(text, 6, "5 }"), "error");
    expect(size.message).toContain("(value of parameter 'size', default, used at line 24)");
  });

  it("leaves what cannot be resolved unchecked: no default, functions, secure parameters, unknown names", () => {
    const text = arm(
      `    "location": { "type": "string" },\n    "size": { "type": "securestring", "defaultValue": "5" }`,
      `    "other": "[resourceGroup().location]"`,
      (r) =>
        useLocation(r)
          .replace(`"location": "westus2", "runOutputName"`, `"location": "[variables('other')]", "runOutputName"`)
          .replace(`"properties": {`, `"properties": {\n      "vmProfile": { "vmSize": "[parameters('size')]", "osDiskSizeGB": "[parameters('nope')]" },`),
    );
    expect(lint(text).filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("uses the values an inner-scope nested deployment passes, evaluated in the parent's scope", () => {
    const inner = arm(`    "loc": { "type": "string", "defaultValue": "westus2" }`, "", (r) => r.replace(`"location": "westus2",`, `"location": "[parameters('loc')]",`));
    const text = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "outerLocation": { "type": "string", "defaultValue": "southindia" } },
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "nested",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": { "loc": { "value": "[parameters('outerLocation')]" } },
        "template": ${inner.split("\n").join("\n        ")}
      }
    }
  ]
}`;
    const line = text.split("\n").findIndex((l) => l.includes(`"[parameters('loc')]"`)) + 1;
    const d = expectFinding(lint(text), "location", at(text, 4, `"southindia"`), "error");
    expect(d.message).toContain(`"southindia"`);
    expect(d.message).toContain(`(value of parameter 'outerLocation', default, used at line ${line})`);
  });

  it("--parameters wins over the default; the finding stands in the parameters file, the use is SARIF's related location", async () => {
    const template = arm(LOCATION_PARAM, "", useLocation);
    const dir = tempDir({
      "t.json": template,
      "t.parameters.json": `{\n  "parameters": {\n    "location": {\n      "value": "westeurop"\n    }\n  }\n}\n`,
    });
    dirs.push(dir);
    const run = await cli(["--format", "sarif", "--parameters", "t.parameters.json", "t.json"], { cwd: dir });
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout).runs[0].results as { ruleId: string; message: { text: string }; locations: any[]; relatedLocations: any[] }[];
    const location = results.find((r) => r.ruleId === "location")!;
    expect(location.message.text).toContain(`"westeurop" is not a region where Azure Image Builder runs; did you mean "westeurope"?`);
    expect(location.message.text).toContain("(value of parameter 'location' from t.parameters.json, used at t.json:14)");
    expect(location.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "t.parameters.json", uriBaseId: "%SRCROOT%" },
      region: { startLine: 4, startColumn: 16, endLine: 4, endColumn: 27 },
    });
    expect(location.relatedLocations[0].physicalLocation.artifactLocation).toEqual({ uri: "t.json", uriBaseId: "%SRCROOT%" });
    expect(location.relatedLocations[0].physicalLocation.region).toMatchObject({ startLine: 14, startColumn: at(template, 14, `"[parameters('location')]"`).column });
  });

  it("gives rules the origin of a value", () => {
    const text = arm(LOCATION_PARAM, "", useLocation);
    expect(byRule(lint(text), "location")[0]!.related).toHaveLength(1);
    expect(byRule(lint(arm(LOCATION_PARAM, "", (r) => r)), "location")).toEqual([]);
  });
});
