import { describe, expect, it } from "vitest";
import { ruleTester } from "../rule-tester.js";

const location = (value: string) => ({ lines: { 4: `  "location": "${value}",` } });

ruleTester.run("location", {
  valid: [
    ...["westus2", "East US 2", "eastus2", "EASTUS", "South East Asia", "Southeast Asia", "West Central US", "swedencentral"].map((region) => ({ name: region, ...location(region) })),
    ...["[parameters('location')]", "[resourceGroup().location]", "<region>"].map((value) => ({ name: `${value} is left to other rules`, ...location(value) })),
    { name: "a region added by configuration", ...location("spaincentral"), options: { regions: ["spaincentral"] } },
  ],
  invalid: [
    { name: "a region the service does not run in, at the value", ...location("southindia"), errors: [{ line: 4, at: `"southindia"`, severity: "error", includes: "southindia", path: "$.location" }] },
    { name: "a typo, with the closest supported region", ...location("westus22"), errors: [{ line: 4, at: `"westus22"`, includes: `did you mean "westus2"` }] },
    { name: "a region not added by configuration", ...location("spaincentral"), errors: [{ line: 4, at: `"spaincentral"` }] },
  ],
});

describe("normalizeRegion", () => {
  it("gives the same name however often and however many names it has seen, long ones included", async () => {
    const { normalizeRegion } = await import("../../src/data/regions.js");
    expect(normalizeRegion("East US 2")).toBe("eastus2");
    expect(normalizeRegion("East US 2")).toBe("eastus2");
    expect(normalizeRegion("West_Europe")).toBe("westeurope");
    for (let i = 0; i < 3000; i++) expect(normalizeRegion(`Region ${i}-X`)).toBe(`region${i}x`);
    const long = `${"North Europe ".repeat(20)}`;
    expect(normalizeRegion(long)).toBe("northeurope".repeat(20));
    expect(normalizeRegion("South-East Asia")).toBe("southeastasia");
  });
});
