import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AZURE_REGIONS } from "../../src/data/azure-regions.js";
import { findRegion, SUPPORTED_REGIONS } from "../../src/data/regions.js";
import { byRule, LINUX, withLine } from "../helpers.js";
import { type InvalidCase, ruleTester } from "../rule-tester.js";

const GALLERY = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/i";
const IMAGE = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/images/ubuntu";

/** LINUX with line 20 (the ManagedImage target) a gallery target with these regions. */
const gallery = (regions: string) => withLine(LINUX, 20, `      { "type": "SharedImage", "galleryImageId": "${GALLERY}", "runOutputName": "sig", ${regions} },`);

ruleTester.run("distribution-region", {
  valid: [
    ...["southindia", "West Europe", "westeurope", "USGov Virginia", "usdodeast", "chinaeast3", "chinanorth3", "eastus2euap", "Central US EUAP", "taiwannorth", "indiasouthcentral"].map((name) => ({
      name: `the real region ${name}, served by AIB or not`,
      text: gallery(`"targetRegions": [{ "name": "${name}" }]`),
    })),
    { name: "expressions, placeholders and empty names are left to other rules", text: gallery(`"targetRegions": [{ "name": "[variables('r')]" }, { "name": "<region2>" }, { "name": "" }]`) },
    { name: "a region added by configuration", text: gallery(`"targetRegions": [{ "name": "mars1" }]`), options: { regions: ["mars1"] } },
    {
      name: "the template location is the location rule's (AIB-served regions)",
      lines: { 4: `  "location": "southindia",` },
      also: ({ all }) => expect(byRule(all, "location")).toHaveLength(1),
    },
  ],
  invalid: [
    ...["northeurop", "eastus22", "uksouth2", "1_location"].map((name): InvalidCase => ({
      name: `${name} in targetRegions is an error, at the name`,
      text: gallery(`"targetRegions": [{ "name": "westeurope" }, { "name": "${name}" }]`),
      errors: [{ line: 20, at: `"${name}"`, severity: "error", includes: `"${name}" is not an Azure region`, path: "$.properties.distribute[0].targetRegions[1].name" }],
    })),
    {
      name: "the nearest real region is suggested",
      text: gallery(`"targetRegions": [{ "name": "northeurop" }, { "name": "eastus22" }]`),
      errors: [
        { line: 20, at: `"northeurop"`, includes: `did you mean "northeurope"?` },
        { line: 20, at: `"eastus22"`, includes: `did you mean "eastus2"?` },
      ],
    },
    { name: "replicationRegions items", text: gallery(`"replicationRegions": ["uksouth", "westus4"]`), errors: [{ line: 20, at: `"westus4"`, severity: "error" }] },
    {
      name: "a ManagedImage location",
      lines: { 20: `      { "type": "ManagedImage", "imageId": "${IMAGE}", "location": "westeurop", "runOutputName": "mi" },` },
      errors: [{ line: 20, at: `"westeurop"`, severity: "error", includes: `did you mean "westeurope"?` }],
    },
    {
      name: "a geography or an internal name is a warning, a retired region an error",
      text: gallery(`"targetRegions": [{ "name": "europe" }, { "name": "eastusslv" }, { "name": "germanycentral" }]`),
      errors: [
        { line: 20, at: `"europe"`, severity: "warning" },
        { line: 20, at: `"eastusslv"`, severity: "warning" },
        { line: 20, at: `"germanycentral"`, severity: "error", includes: "retired" },
      ],
    },
    { name: "a region not added by configuration", text: gallery(`"targetRegions": [{ "name": "mars1" }]`), errors: [{ line: 20, at: `"mars1"` }] },
  ],
});

describe("the AIB-served regions", () => {
  it("derives the AIB-served list from the region module", () => {
    expect(SUPPORTED_REGIONS).toHaveLength(39);
    expect(findRegion("Southeast Asia")?.name).toBe("southeastasia");
    expect(findRegion("East US (Stage)")?.kind).toBe("logical-stage");
    expect(findRegion("northeurop")).toBeUndefined();
  });
});

const REFERENCE = new URL("../../../shared/reference/azure-regions.json", import.meta.url);
const present = existsSync(REFERENCE);
if (!present) console.warn("region list check skipped: ../shared/reference/azure-regions.json is absent");

describe.skipIf(!present)("the generated region module", () => {
  it("matches the reference list (run node scripts/generate-regions.mjs after it changes)", () => {
    const reference = JSON.parse(readFileSync(REFERENCE, "utf8")) as { name: string; displayName: string; cloud: string; kind: string; sources: string[] }[];
    expect(AZURE_REGIONS.map(([name, display, cloud, kind, aib]) => [name, display, cloud, kind, aib])).toEqual(
      reference.map((r) => [r.name, r.displayName, r.cloud, r.kind, r.sources.includes("AIB") ? 1 : 0]),
    );
  });
});
