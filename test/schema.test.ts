import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateSchema } from "../src/schema/generate.js";
import { API_VERSIONS } from "../src/model/versions.js";
import { at, byRule, errors, expectFinding, LINUX, lint, replaceOnce, withLine } from "./helpers.js";

describe("generated schemas", () => {
  it.each(API_VERSIONS)("schemas/%s.json is up to date with the model (npm run build && npm run schemas)", (version) => {
    const onDisk = JSON.parse(readFileSync(new URL(`../schemas/${version}.json`, import.meta.url), "utf8"));
    expect(onDisk).toEqual(generateSchema(version));
  });
  it("follows the property matrix at a few telling points", () => {
    const props = (v: (typeof API_VERSIONS)[number]) => Object.keys((generateSchema(v).properties as { properties: { properties: object } }).properties.properties);
    expect(props("2019-05-01-preview")).not.toContain("validate");
    expect(props("2022-02-14")).toContain("validate");
    expect(props("2022-07-01")).toContain("optimize");
    expect(props("2023-07-01")).toContain("errorHandling");
    expect(props("2024-02-01")).toEqual(expect.arrayContaining(["autoRun", "managedResourceTags"]));
    expect(props("2025-10-01")).toContain("additionalDataDisks");
    expect(Object.keys(generateSchema("2018-02-01-preview").properties as object)).not.toContain("identity");
  });
});

describe("schema findings", () => {
  it("reports an unknown property at its key with a suggestion", () => {
    const text = withLine(LINUX, 14, `    "custmize": [`);
    const d = expectFinding(lint(text), "unknown-property", at(text, 14, `"custmize"`), "error");
    expect(d.message).toContain(`did you mean "customize"`);
    expect(d.message).toContain("ignores it silently");
  });
  it("says unknown fields are rejected from 2024-02-01", () => {
    const text = withLine(withLine(LINUX, 3, `  "apiVersion": "2024-02-01",`), 14, `    "custmize": [`);
    expect(byRule(lint(text), "unknown-property")[0]!.message).toContain("rejects");
  });
  it("gives one finding naming the allowed values for an unknown type, not a cascade", () => {
    const text = withLine(LINUX, 21, `      { "type": "vhd", "runOutputName": "ubuntu-vhd", "whatever": 1 }`);
    const found = errors(lint(text));
    expect(found).toHaveLength(1);
    const d = expectFinding(found, "unknown-type", at(text, 21, `"vhd"`));
    expect(d.message).toContain(`"ManagedImage", "SharedImage", "VHD"`);
    expect(d.message).toContain(`did you mean "VHD"`);
  });
  it("explains the documentation's lowercase distribute types", () => {
    const text = replaceOnce(LINUX, `"type": "ManagedImage"`, `"type": "managedImage"`);
    const d = expectFinding(lint(text), "unknown-type", at(text, 20, `"managedImage"`));
    expect(d.message).toMatch(/did you mean "ManagedImage".*case-sensitive.*2018-02-01-preview/);
  });
  it("reports a missing required property at the object's type", () => {
    const text = withLine(LINUX, 20, `      { "type": "ManagedImage", "location": "westus2", "runOutputName": "ubuntu-mi" },`);
    const d = expectFinding(lint(text), "required-property", at(text, 20, `"ManagedImage"`));
    expect(d.message).toContain(`"imageId"`);
  });
  it("reports wrong types at the value", () => {
    const text = withLine(LINUX, 16, `      { "type": "Shell", "name": "tidy", "inline": "sudo apt-get clean" },`);
    const d = expectFinding(lint(text), "value-type", at(text, 16, `"sudo apt-get clean"`));
    expect(d.message).toContain("must be an array");
  });
  it("reports a property used before its API version, naming the version", () => {
    const text = withLine(withLine(LINUX, 3, `  "apiVersion": "2020-02-14",`), 12, `    "optimize": { "vmBoot": { "state": "Enabled" } },`);
    const d = expectFinding(lint(text), "property-version", at(text, 12, `"optimize"`));
    expect(d.message).toContain("2022-07-01");
  });
  it("reports a type used before its API version", () => {
    const text = withLine(withLine(LINUX, 3, `  "apiVersion": "2019-05-01-preview",`), 12, `    "validate": {},`);
    expect(byRule(lint(text), "property-version")[0]!.message).toContain("2022-02-14");
  });
  it("reads case variants before 2024-02-01 with a note, and rejects them from 2024-02-01", () => {
    const lenient = replaceOnce(LINUX, `"sourceUri": "https://example.org/app.conf"`, `"sourceURI": "https://example.org/app.conf"`);
    const found = lint(lenient);
    expect(errors(found)).toEqual([]);
    expectFinding(found, "property-case", at(lenient, 17, `"sourceURI"`), "info");
    const strict = withLine(lenient, 3, `  "apiVersion": "2024-02-01",`);
    expect(byRule(lint(strict), "unknown-property")[0]!.message).toContain(`did you mean "sourceUri"`);
  });
  it("never renames keys of free-form maps (tags, artifactTags, identities)", () => {
    const text = LINUX.replace(`"location": "westus2",`, `"location": "westus2", "tags": { "Name": "golden", "Type": "linux" },`);
    expect(lint(text)).toEqual([]);
  });
  it("does not judge ARM expressions as literals", () => {
    const text = withLine(LINUX, 12, `    "buildTimeoutInMinutes": "[parameters('timeout')]",`);
    expect(lint(text)).toEqual([]);
    const customize = withLine(withLine(withLine(withLine(withLine(LINUX, 14, `    "customize": "[variables('steps')]",`), 15, ""), 16, ""), 17, ""), 18, "");
    expect(errors(lint(customize))).toEqual([]);
  });
  it("notes a properties section that is one expression and checks the rest", () => {
    const text = JSON.stringify({ ...JSON.parse(LINUX), location: "southindia", properties: "[variables('props')]" }, null, 2);
    const found = lint(text);
    expect(byRule(found, "expression").map((d) => d.severity)).toEqual(["info"]);
    expect(byRule(found, "location")).toHaveLength(1);
    expect(byRule(found, "required-property")).toEqual([]);
  });
  it("warns about read-only and deprecated properties", () => {
    const readOnly = replaceOnce(LINUX, `"version": "latest" }`, `"version": "latest", "exactVersion": "1.2.3" }`);
    expectFinding(lint(readOnly), "read-only-property", at(readOnly, 13, `"exactVersion"`), "warning");
    const deprecated = withLine(
      LINUX,
      21,
      `      { "type": "SharedImage", "galleryImageId": "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/d", "runOutputName": "sig", "replicationRegions": ["westus2"] }`,
    );
    expectFinding(lint(deprecated), "deprecated-property", at(deprecated, 21, `"replicationRegions"`), "warning");
  });
  it("checks enum values case-sensitively", () => {
    const text = withLine(LINUX, 6, `    "type": "userAssigned",`);
    expect(expectFinding(lint(text), "allowed-values", at(text, 6, `"userAssigned"`)).message).toContain("case-sensitive");
  });
  it("reports numbers below their minimum", () => {
    const text = withLine(LINUX, 12, `    "vmProfile": { "osDiskSizeGB": -5 },`);
    expectFinding(lint(text), "value-range", at(text, 12, "-5"));
  });
});

describe("case variants of one field", () => {
  it("are a duplicate before 2024-02-01 and an unknown field from it", () => {
    const text = LINUX.replace(`"location": "westus2",`, `"location": "westus2", "Location": "eastus",`);
    const d = expectFinding(lint(text), "duplicate-key", at(text, 4, `"Location"`), "error");
    expect(d.message).toContain("case-insensitively");
    expect(byRule(lint(text), "unknown-property")).toEqual([]);
    const strict = text.replace(`"apiVersion": "2022-07-01"`, `"apiVersion": "2024-02-01"`);
    expect(byRule(lint(strict), "unknown-property")).toHaveLength(1);
  });
});

describe("a case variant of a property that belongs elsewhere", () => {
  it("is one unknown-property finding naming the key as written, without a case note", () => {
    const text = LINUX.replace(`"version": "latest" }`, `"version": "latest", "ImageId": "x" }`);
    const found = lint(text);
    expect(found.map((d) => d.ruleId)).toEqual(["unknown-property"]);
    expect(found[0]!.message).toContain(`"ImageId" is not a property of the PlatformImage source`);
  });
});
