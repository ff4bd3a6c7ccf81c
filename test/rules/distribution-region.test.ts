import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AZURE_REGIONS } from "../../src/data/azure-regions.js";
import { findRegion, SUPPORTED_REGIONS } from "../../src/data/regions.js";
import { at, byRule, expectFinding, LINUX, lint, withLine } from "../helpers.js";

const GALLERY = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/i";
const IMAGE = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/images/ubuntu";

/** LINUX with line 20 (the ManagedImage target) replaced. */
const withTarget = (line: string) => withLine(LINUX, 20, line);
const gallery = (regions: string) => withTarget(`      { "type": "SharedImage", "galleryImageId": "${GALLERY}", "runOutputName": "sig", ${regions} },`);

describe("distribution-region", () => {
  it.each(["northeurop", "eastus22", "uksouth2", "1_location"])("reports %s in targetRegions as an error, at the name", (name) => {
    const text = gallery(`"targetRegions": [{ "name": "westeurope" }, { "name": "${name}" }]`);
    const d = expectFinding(lint(text), "distribution-region", at(text, 20, `"${name}"`), "error");
    expect(d.message).toContain(`"${name}" is not an Azure region`);
    expect(d.path).toBe("$.properties.distribute[0].targetRegions[1].name");
  });
  it("suggests the nearest real region", () => {
    const text = gallery(`"targetRegions": [{ "name": "northeurop" }, { "name": "eastus22" }]`);
    const messages = byRule(lint(text), "distribution-region").map((d) => d.message);
    expect(messages[0]).toContain(`did you mean "northeurope"?`);
    expect(messages[1]).toContain(`did you mean "eastus2"?`);
  });
  it("checks replicationRegions items and a ManagedImage location", () => {
    const sig = gallery(`"replicationRegions": ["uksouth", "westus4"]`);
    expectFinding(lint(sig), "distribution-region", at(sig, 20, `"westus4"`), "error");
    const managed = withTarget(`      { "type": "ManagedImage", "imageId": "${IMAGE}", "location": "westeurop", "runOutputName": "mi" },`);
    const d = expectFinding(lint(managed), "distribution-region", at(managed, 20, `"westeurop"`), "error");
    expect(d.message).toContain(`did you mean "westeurope"?`);
  });
  it.each(["southindia", "West Europe", "westeurope", "USGov Virginia", "usdodeast", "chinaeast3", "chinanorth3", "eastus2euap", "Central US EUAP", "taiwannorth", "indiasouthcentral"])(
    "accepts the real region %s, served by AIB or not",
    (name) => {
      const text = gallery(`"targetRegions": [{ "name": "${name}" }]`);
      expect(byRule(lint(text), "distribution-region")).toEqual([]);
    },
  );
  it("warns on a geography or an internal name, errs on a retired region", () => {
    const text = gallery(`"targetRegions": [{ "name": "europe" }, { "name": "eastusslv" }, { "name": "germanycentral" }]`);
    expectFinding(lint(text), "distribution-region", at(text, 20, `"europe"`), "warning");
    expectFinding(lint(text), "distribution-region", at(text, 20, `"eastusslv"`), "warning");
    const retired = expectFinding(lint(text), "distribution-region", at(text, 20, `"germanycentral"`), "error");
    expect(retired.message).toContain("retired");
  });
  it("leaves expressions, placeholders and empty names to other rules; accepts configured regions", () => {
    const text = gallery(`"targetRegions": [{ "name": "[variables('r')]" }, { "name": "<region2>" }, { "name": "" }]`);
    expect(byRule(lint(text), "distribution-region")).toEqual([]);
    const added = gallery(`"targetRegions": [{ "name": "mars1" }]`);
    expect(byRule(lint(added, "t.json", { regions: ["mars1"] }), "distribution-region")).toEqual([]);
    expect(byRule(lint(added), "distribution-region")).toHaveLength(1);
  });
  it("keeps the template location to its own rule (AIB-served regions)", () => {
    const text = withLine(LINUX, 4, `  "location": "southindia",`);
    expect(byRule(lint(text), "distribution-region")).toEqual([]);
    expect(byRule(lint(text), "location")).toHaveLength(1);
  });
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
