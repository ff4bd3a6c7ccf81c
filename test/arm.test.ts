import { describe, expect, it } from "vitest";
import { at, byRule, errors, expectFinding, LINUX, lint } from "./helpers.js";

const resource = JSON.parse(LINUX) as { properties: Record<string, unknown> } & Record<string, unknown>;
const arm = (res: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", contentVersion: "1.0.0.0", ...extra, resources: [res] }, null, 2);

describe("ARM deployment templates", () => {
  it("understands a property copy loop: the named property is present, its input is checked as an item", () => {
    const { distribute, ...rest } = resource.properties;
    void distribute;
    const loop = { name: "distribute", count: "[length(parameters('targets'))]", input: { type: "VHD", runOutputName: "[format('vhd-{0}', copyIndex('distribute'))]", tagz: {} } };
    const text = arm({ ...resource, properties: { ...rest, copy: [loop] } });
    const found = errors(lint(text));
    expect(found.map((d) => d.ruleId)).toEqual(["unknown-property"]);
    expect(found[0]!.message).toContain(`"tagz"`);
    expect(text.split("\n")[found[0]!.range.start.line - 1]).toContain(`"tagz"`);
  });
  it("accepts an expression copy input and nested child resources such as locks, in any version", () => {
    const { distribute, ...rest } = resource.properties;
    void distribute;
    const loop = { name: "distribute", count: 2, input: "[variables('targets')[copyIndex('distribute')]]" };
    const lock = { type: "providers/locks", apiVersion: "2020-05-01", name: "Microsoft.Authorization/lock", properties: { level: "CanNotDelete" } };
    const text = arm({ ...resource, apiVersion: "2020-02-14", properties: { ...rest, copy: [loop] }, resources: [lock] });
    expect(errors(lint(text))).toEqual([]);
  });
  it("does not treat a copy loop as special outside ARM templates", () => {
    const text = JSON.stringify({ ...resource, properties: { ...resource.properties, copy: [{ name: "x", input: {} }] } }, null, 2);
    expect(byRule(lint(text), "unknown-property")).toHaveLength(1);
  });
  it("checks an unresolvable apiVersion against the version the template fits best, saying so", () => {
    const old = { ...resource, apiVersion: "[parameters('api')]", properties: { ...resource.properties, distribute: [{ type: "SharedImage", galleryImageId: "[variables('g')]", runOutputName: "sig" }] } };
    // without replicationRegions (required up to 2022-02-14) the template fits 2022-07-01 and later
    const found = lint(arm(old));
    expect(errors(found)).toEqual([]);
    expect(byRule(found, "api-version")[0]!.message).toMatch(/checked against 2025-10-01, the accepted version the template fits best/);
    const legacy = { ...old, properties: { ...old.properties, vmProfile: { vnetConfig: { name: "v", subnetName: "s", resourceGroupName: "r" } } } };
    expect(byRule(lint(arm(legacy)), "api-version")[0]!.message).toContain("2019-05-01-preview");
  });
  it("names the assumed version as assumed in messages", () => {
    const text = arm({ ...resource, apiVersion: "[parameters('api')]", properties: { ...resource.properties, source: { type: "ISO", sourceUri: "x", sha256Checksum: "" } } });
    const found = lint(text);
    expect(found.map((d) => d.message).join("\n")).not.toMatch(/apiVersion 2025-10-01:/);
  });
});

describe("one finding per cause", () => {
  it("a repeated placeholder key is only a placeholder", () => {
    const text = LINUX.replace(`"identity": {`, `"tags": { "<name>": "<value>", "<name>": "<value>" },\n  "identity": {`);
    const found = lint(text);
    expect(byRule(found, "duplicate-key")).toEqual([]);
    expect(byRule(found, "placeholder").length).toBeGreaterThan(0);
  });
  it("a mis-cased required key from 2024-02-01 is one unknown-property, not also a missing one", () => {
    const text = LINUX.replace(`"apiVersion": "2022-07-01"`, `"apiVersion": "2024-02-01"`).replace(
      `{ "type": "PlatformImage", "publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen2", "version": "latest" }`,
      `{ "type": "SharedImageVersion", "imageVersionID": "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/d/versions/1.0.0" }`,
    );
    const found = errors(lint(text));
    expect(found.map((d) => d.ruleId)).toEqual(["unknown-property"]);
    expectFinding(found, "unknown-property", at(text, 13, `"imageVersionID"`));
  });
  it("an old `script` key is one property-version finding, not also script-source", () => {
    const text = LINUX.replace(`"scriptUri": "https://example.org/setup.sh"`, `"script": "https://example.org/setup.sh"`);
    const found = errors(lint(text));
    expect(found.map((d) => d.ruleId)).toEqual(["property-version"]);
    expect(found[0]!.message).toContain("renamed `scriptUri`");
  });
});

describe("nested deployments: where expressions are evaluated", () => {
  const nested = (scope: "inner" | "outer") => ({
    type: "Microsoft.Resources/deployments",
    apiVersion: "2021-04-01",
    name: "n",
    properties: {
      mode: "Incremental",
      expressionEvaluationOptions: { scope },
      parameters: { v: { value: "2019-02-01-preview" } },
      template: { parameters: { v: { type: "string", defaultValue: "2022-07-01" } }, resources: [{ ...resource, apiVersion: "[parameters('v')]" }] },
    },
  });
  const outerDefault = { parameters: { v: { type: "string", defaultValue: "2019-05-01-preview" } } };
  const status = (scope: "inner" | "outer") => byRule(lint(arm(nested(scope), outerDefault)), "api-version").map((d) => d.message);
  it("inner scope: the values the deployment passes", () => {
    expect(status("inner")).toEqual([expect.stringContaining("2019-02-01-preview")]);
  });
  it("outer scope (the default): the parent's parameters", () => {
    expect(status("outer")).toEqual([expect.stringContaining("2019-05-01-preview")]);
  });
});
