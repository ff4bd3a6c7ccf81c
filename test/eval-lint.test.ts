import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/lint/index.js";
import { cli, tempDir } from "./cli-harness.js";
import { arm } from "./arm-template.js";
import { at, byRule, expectFinding, lint } from "./helpers.js";


const lineOf = (text: string, token: string): number => text.split("\n").findIndex((l) => l.includes(token)) + 1;
const errors = (text: string) => lint(text).filter((d) => d.severity !== "info");
const SOURCE = `{ "type": "PlatformImage", "publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen2", "version": "latest" }`;

describe("evaluated objects and arrays", () => {
  it("checks an object from a variable inside, at the literal, with the use related", () => {
    const text = arm(
      `    "unused": { "type": "string", "defaultValue": "x" }`,
      `    "image": { "type": "PlatformImages", "publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen2", "version": "latest" }`,
      (r) => r.replace(SOURCE, `"[variables('image')]"`),
    );
    const d = expectFinding(errors(text), "unknown-type", at(text, 8, `"PlatformImages"`), "error");
    const use = lineOf(text, `"[variables('image')]"`);
    expect(d.message).toContain(`(value of variable 'image', used at line ${use})`);
    expect(d.related?.[0]).toMatchObject({ message: "the value is used here", range: { start: at(text, use, `"[variables('image')]"`) } });
  });

  it("checks the known members of a union with an unknown object, never what it lacks", () => {
    const text = arm(
      `    "base": { "type": "object" }`,
      `    "extra": { "vmSize": "Standard_D2s_v3", "osDiskSize": 64 }`,
      (r) => r.replace(`"properties": {`, `"properties": {
    "vmProfile": "[union(parameters('base'), variables('extra'))]",`),
    );
    const found = errors(text);
    expectFinding(found, "unknown-property", at(text, 8, `"osDiskSize"`), "error");
    // a source without its type, merged into an unknown object: the type may come from it
    const partial = arm(`    "base": { "type": "object" }`, `    "src": { "publisher": "Canonical" }`, (r) => r.replace(SOURCE, `"[union(parameters('base'), variables('src'))]"`));
    const whole = arm(`    "base": { "type": "object" }`, `    "src": { "publisher": "Canonical" }`, (r) => r.replace(SOURCE, `"[variables('src')]"`));
    expect(byRule(errors(whole), "required-property")).not.toEqual([]);
    expect(errors(partial)).toEqual([]);
  });

  it("expands a property copy loop into the steps it builds; a finding on the loop's input is reported once", () => {
    const text = arm(`    "n": { "type": "int", "defaultValue": 2 }`, "", (r) =>
      r.replace(
        /"customize": \[[\s\S]*?\n {4}\],/,
        `"copy": [ { "name": "customize", "count": "[parameters('n')]", "input": { "type": "Shel", "name": "[concat('step', copyIndex('customize'))]", "inline": ["echo"] } } ],`,
      ),
    );
    const found = byRule(errors(text), "unknown-type");
    expect(found).toHaveLength(1);
    expect(found[0]!.range.start).toEqual(at(text, lineOf(text, `"Shel"`), `"Shel"`));
  });

  it("names of steps made by a copy loop are evaluated: distinct names give no duplicate finding", () => {
    const text = arm(`    "n": { "type": "int", "defaultValue": 3 }`, "", (r) =>
      r.replace(
        /"customize": \[[\s\S]*?\n {4}\],/,
        `"copy": [ { "name": "customize", "count": "[parameters('n')]", "input": { "type": "Shell", "name": "[format('step{0}', copyIndex('customize', 1))]", "inline": ["echo"] } } ],`,
      ),
    );
    expect(errors(text)).toEqual([]);
  });

  it("evaluates functions and variable copy loops into the values the rules check", () => {
    const text = arm(
      `    "region": { "type": "string", "defaultValue": "WestUS2" }`,
      `    "copy": [ { "name": "targets", "count": 2, "input": { "name": "[if(equals(copyIndex('targets'), 0), 'eastus', 'westeurop')]", "replicaCount": 1 } } ]`,
      (r) =>
        r
          .replace(`"location": "westus2",\n  "identity"`, `"location": "[toLower(parameters('region'))]",\n  "identity"`)
          .replace(
            `{ "type": "VHD", "runOutputName": "ubuntu-vhd" }`,
            `{ "type": "SharedImage", "galleryImageId": "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/i", "runOutputName": "sig", "targetRegions": "[variables('targets')]" }`,
          ),
    );
    const found = errors(text);
    expect(byRule(found, "location")).toEqual([]);
    const region = expectFinding(found, "distribution-region", at(text, lineOf(text, `'westeurop'`), `"[if(`), "error");
    expect(region.message).toContain(`"westeurop"`);
  });

  it("leaves deployment-time values unknown: no finding on resourceGroup().location or a computed name", () => {
    const text = arm(
      `    "location": { "type": "string", "defaultValue": "[resourceGroup().location]" },\n    "suffix": { "type": "string", "defaultValue": "" }`,
      "",
      (r) =>
        r
          .replace(`"location": "westus2",\n  "identity"`, `"location": "[parameters('location')]",\n  "identity"`)
          .replace(`"runOutputName": "ubuntu-vhd"`, `"runOutputName": "[concat('vhd', parameters('suffix'), uniqueString(resourceGroup().id))]"`),
    );
    expect(errors(text)).toEqual([]);
  });

  it("an empty default is a value supplied at deployment: unknown, not an empty location", () => {
    const text = arm(`    "location": { "type": "string", "defaultValue": "" }`, "", (r) => r.replace(`"location": "westus2",\n  "identity"`, `"location": "[parameters('location')]",\n  "identity"`));
    expect(errors(text)).toEqual([]);
  });

  it("a condition that is not known: each branch is checked for what it holds", () => {
    const fine = arm(`    "big": { "type": "bool" }`, "", (r) => r.replace(`"buildTimeoutInMinutes": 100`, `"buildTimeoutInMinutes": "[if(parameters('big'), 240, 120)]"`));
    expect(errors(fine)).toEqual([]);
    const long = fine.replace("240, 120", "2000, 120");
    const d = expectFinding(errors(long), "build-timeout", at(long, lineOf(long, "2000, 120"), `"[if(`), "error");
    expect(d.message).toContain("2000");
    // object branches from variables: an unknown key in either is reported where it is written, a key missing in one is not
    const objects = arm(
      `    "big": { "type": "bool" }`,
      `    "large": { "vmSize": "Standard_D8s_v3", "osDiskSize": 256 },
    "small": { "vmSize": "Standard_D2s_v3", "osDiskSizeGB": 64 }`,
      (r) => r.replace(`"properties": {`, `"properties": {
    "vmProfile": "[if(parameters('big'), variables('large'), variables('small'))]",`),
    );
    const found = errors(objects);
    expect(found.map((f) => [f.ruleId, f.range.start])).toEqual([["unknown-property", at(objects, 8, `"osDiskSize"`)]]);
  });
});

describe("what was not seen", () => {
  it("each template's report says how many values were checked and which stayed unknown, with why", () => {
    const text = arm(`    "location": { "type": "string", "defaultValue": "[resourceGroup().location]" }`, "", (r) =>
      r.replace(`"location": "westus2",\n  "identity"`, `"location": "[parameters('location')]",\n  "identity"`),
    );
    const { templates } = lintText({ file: "t.json", text }, { valueStats: true });
    expect(templates[0]!.values!.unknown).toEqual([{ path: "location", reason: "resourceGroup().location" }]);
    expect(templates[0]!.values!.unknownCount).toBe(1);
    const plain = lintText({ file: "t.json", text: arm(`    "location": { "type": "string", "defaultValue": "westus2" }`, "", (r) => r) }, { valueStats: true });
    expect(plain.templates[0]!.values!.checked).toBe(templates[0]!.values!.checked + 1);
    expect(lintText({ file: "t.json", text }).templates[0]!.values).toBeUndefined();
  });

  it("--stats prints the totals and the reasons; SARIF carries them per template", async () => {
    const text = arm(`    "location": { "type": "string", "defaultValue": "[resourceGroup().location]" }`, "", (r) =>
      r.replace(`"location": "westus2",\n  "identity"`, `"location": "[parameters('location')]",\n  "identity"`),
    );
    const cwd = tempDir({ "t.json": text });
    try {
      const run = await cli(["--stats", "--format", "sarif", "t.json"], { cwd });
      expect(run.stderr).toMatch(/^values: \d+ of \d+ checked \([\d.]+ %\), 1 unknown before deployment, in 1 template\n {2}1 × resourceGroup\(\)\.location\n$/);
      const templates = JSON.parse(run.stdout).runs[0].properties.templates;
      expect(templates).toEqual([expect.objectContaining({ file: "t.json", unknownCount: 1, unknown: [{ path: "location", reason: "resourceGroup().location" }] })]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe("values built with lambda functions", () => {
  const identities = (expression: string) =>
    arm(`    "ids": { "type": "array", "defaultValue": [] }`, `    "unused": 1`, (r) => r.replace(/"userAssignedIdentities": \{\n\s+"[^"]+": \{\}\n\s+\}/, `"userAssignedIdentities": "${expression}"`));
  const TO_OBJECT = (list: string) => `[toObject(${list}, lambda('id', lambdaVariables('id')), lambda('id', createObject()))]`;

  it("an identity map built from IDs known only at deployment is not known to be empty", () => {
    const text = identities(TO_OBJECT("createArray(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'aib'))"));
    expect(text).toContain("toObject(");
    expect(byRule(errors(text), "identity")).toEqual([]);
  });

  it("an identity map built from an empty list is empty", () => {
    const text = identities(TO_OBJECT("parameters('ids')"));
    expect(byRule(errors(text), "identity").map((d) => d.message)).toEqual(["userAssignedIdentities is empty; give exactly one user-assigned identity"]);
  });
});
