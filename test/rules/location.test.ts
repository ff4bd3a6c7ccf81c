import { describe, expect, it } from "vitest";
import { at, byRule, expectFinding, LINUX, lint, withLine } from "../helpers.js";

describe("location", () => {
  it("reports a region the service does not run in, at the value", () => {
    const text = withLine(LINUX, 4, `  "location": "southindia",`);
    const d = expectFinding(lint(text), "location", at(text, 4, `"southindia"`), "error");
    expect(d.message).toContain("southindia");
    expect(d.path).toBe("$.location");
  });
  it("suggests the closest supported region for a typo", () => {
    const text = withLine(LINUX, 4, `  "location": "westus22",`);
    expect(byRule(lint(text), "location")[0]!.message).toContain(`did you mean "westus2"`);
  });
  it.each(["westus2", "East US 2", "eastus2", "EASTUS", "South East Asia", "Southeast Asia", "West Central US", "swedencentral"])("accepts %s", (region) => {
    const text = withLine(LINUX, 4, `  "location": "${region}",`);
    expect(byRule(lint(text), "location")).toEqual([]);
  });
  it("leaves expressions and placeholders to other rules", () => {
    for (const value of ["[parameters('location')]", "[resourceGroup().location]", "<region>"]) {
      const text = withLine(LINUX, 4, `  "location": "${value}",`);
      expect(byRule(lint(text), "location")).toEqual([]);
    }
  });
  it("accepts regions added by configuration", () => {
    const text = withLine(LINUX, 4, `  "location": "spaincentral",`);
    expect(byRule(lint(text, "t.json", { regions: ["spaincentral"] }), "location")).toEqual([]);
    expect(byRule(lint(text), "location")).toHaveLength(1);
  });
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
