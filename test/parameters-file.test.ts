import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { arm } from "./arm-template.js";
import { cli, tempDir } from "./cli-harness.js";

const TEMPLATE = arm(
  `    "location": { "type": "string", "defaultValue": "westus2" },\n    "timeout": { "type": "int", "defaultValue": 100 },\n    "regions": { "type": "array", "defaultValue": ["westus2"] }`,
  "",
  (r) => r.replace(`"location": "westus2",\n  "identity"`, `"location": "[parameters('location')]",\n  "identity"`).replace(`"buildTimeoutInMinutes": 100`, `"buildTimeoutInMinutes": "[parameters('timeout')]"`),
);

const PARAMETERS = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "locaton": { "value": "westus2" },
    "timeout": { "value": ["100"] },
    "regions": { "value": "westus2" },
    "location": { "value": "westeurop" }
  }
}
`;

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
}

describe("the parameters file held against the template", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function run(parameters: string): Promise<{ code: number; results: SarifResult[] }> {
    const dir = tempDir({ "t.json": TEMPLATE, "t.parameters.json": parameters });
    dirs.push(dir);
    const out = await cli(["--format", "sarif", "--parameters", "t.parameters.json", "t.json"], { cwd: dir });
    return { code: out.code, results: JSON.parse(out.stdout).runs[0].results };
  }

  const where = (r: SarifResult) => ({ uri: r.locations[0]!.physicalLocation.artifactLocation.uri, line: r.locations[0]!.physicalLocation.region.startLine, column: r.locations[0]!.physicalLocation.region.startColumn });

  it("an undeclared name is an error at its line with a suggestion; a value of the wrong type is an error at the value", async () => {
    const { code, results } = await run(PARAMETERS);
    expect(code).toBe(1);
    const own = results.filter((r) => r.ruleId === "parameters-file");
    expect(own.map((r) => [where(r), r.message.text])).toEqual([
      [{ uri: "t.parameters.json", line: 5, column: 5 }, expect.stringContaining(`gives parameter "locaton", which the template does not declare; did you mean "location"?`)],
      [{ uri: "t.parameters.json", line: 6, column: 27 }, expect.stringContaining(`parameter "timeout" is declared "int", but t.parameters.json gives an array`)],
      [{ uri: "t.parameters.json", line: 7, column: 27 }, expect.stringContaining(`parameter "regions" is declared "array", but t.parameters.json gives a string`)],
    ]);
    // the wrong-typed value is not reported again where the template uses it
    expect(results.filter((r) => r.ruleId === "value-type")).toEqual([]);
    const location = results.find((r) => r.ruleId === "location")!;
    expect(where(location)).toEqual({ uri: "t.parameters.json", line: 8, column: 28 });
  });

  it("a finding standing in the parameters file is suppressed by a comment where the template uses the value", async () => {
    const suppressed = TEMPLATE.replace(`"location": "[parameters('location')]",`, `// aib-lint-disable-next-line location -- region given per environment\n    "location": "[parameters('location')]",`);
    const dir = tempDir({ "t.json": suppressed, "t.parameters.json": `{"parameters": {"location": {"value": "westeurop"}}}` });
    dirs.push(dir);
    const out = await cli(["--format", "json", "--parameters", "t.parameters.json", "t.json"], { cwd: dir });
    expect(JSON.parse(out.stdout).files[0].diagnostics).toEqual([]);
    expect(out.code).toBe(0);
  });

  it("a parameters file that fits the template is clean", async () => {
    const { code, results } = await run(`{"parameters": {"location": {"value": "westus2"}, "timeout": {"value": 120}, "regions": {"value": ["eastus"]}}}`);
    expect(results).toEqual([]);
    expect(code).toBe(0);
  });
});
