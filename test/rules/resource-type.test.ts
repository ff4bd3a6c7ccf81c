import { describe, expect, it } from "vitest";
import { at, byRule, expectFinding, LINUX, lint, withLine } from "../helpers.js";

describe("resource-type", () => {
  it("warns about the provider-only type in a bare file and still lints the rest", () => {
    const text = withLine(withLine(LINUX, 2, `  "type": "Microsoft.VirtualMachineImages",`), 4, `  "location": "southindia",`);
    const found = lint(text);
    expectFinding(found, "resource-type", at(text, 2, `"Microsoft.VirtualMachineImages"`), "warning");
    expect(byRule(found, "location")).toHaveLength(1);
  });
  it("is an error inside an ARM deployment template", () => {
    const resource = { ...JSON.parse(LINUX), type: "Microsoft.VirtualMachineImages" };
    const text = JSON.stringify({ contentVersion: "1.0.0.0", resources: [resource] }, null, 2);
    expect(byRule(lint(text), "resource-type").map((d) => d.severity)).toEqual(["error"]);
  });
  it("accepts the full type in any case", () => {
    expect(byRule(lint(withLine(LINUX, 2, `  "type": "microsoft.virtualmachineimages/imagetemplates",`)), "resource-type")).toEqual([]);
  });
});
