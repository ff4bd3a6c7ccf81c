import { describe, expect, it } from "vitest";
import { at, byRule, errors, expectFinding, LINUX, lint, withLine } from "../helpers.js";

const version = (value: string) => withLine(LINUX, 3, `  "apiVersion": ${value},`);

describe("api-version", () => {
  it("warns about the deprecated 2019-05-01-preview", () => {
    const text = version(`"2019-05-01-preview"`);
    expectFinding(lint(text), "api-version", at(text, 3, `"2019-05-01-preview"`), "warning");
  });
  it("reports retired preview versions", () => {
    const text = version(`"2019-02-01-preview"`);
    expectFinding(lint(text), "api-version", at(text, 3, `"2019-02-01-preview"`), "error");
  });
  it("reports an unknown version with a suggestion", () => {
    const text = version(`"2019-05-01"`);
    const d = expectFinding(lint(text), "api-version", at(text, 3, `"2019-05-01"`), "error");
    expect(d.message).toContain(`did you mean "2019-05-01-preview"`);
  });
  it("accepts the stable versions", () => {
    for (const v of ["2020-02-14", "2022-07-01", "2024-02-01", "2025-10-01"]) expect(byRule(lint(version(`"${v}"`)), "api-version")).toEqual([]);
  });
  it("resolves a parameter's default value", () => {
    const arm = JSON.stringify(
      {
        $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        contentVersion: "1.0.0.0",
        parameters: { apiVersion: { type: "string", defaultValue: "2019-02-01-preview" } },
        resources: [{ ...JSON.parse(LINUX), apiVersion: "[parameters('apiVersion')]" }],
      },
      null,
      2,
    );
    const d = byRule(lint(arm), "api-version");
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain(`resolved to "2019-02-01-preview"`);
  });
  it("notes an apiVersion that cannot be resolved, without an error", () => {
    const arm = JSON.stringify({ contentVersion: "1.0.0.0", resources: [{ ...JSON.parse(LINUX), apiVersion: "[parameters('v')]" }] }, null, 2);
    const found = lint(arm);
    expect(byRule(found, "api-version").map((d) => d.severity)).toEqual(["info"]);
    expect(errors(found)).toEqual([]);
  });
});

describe("api-version given by --api-version or the configuration", () => {
  it("is still checked for retirement", () => {
    const arm = JSON.stringify({ contentVersion: "1.0.0.0", resources: [{ ...JSON.parse(LINUX), apiVersion: "[parameters('v')]" }] }, null, 2);
    const found = byRule(lint(arm, "t.json", { defaultApiVersion: "2019-02-01-preview" }), "api-version");
    expect(found.map((d) => d.severity)).toEqual(["error"]);
    expect(found[0]!.message).toContain("--api-version or the configuration");
    expect(byRule(lint(arm, "t.json", { defaultApiVersion: "2022-07-01" }), "api-version")).toEqual([]);
  });
});
