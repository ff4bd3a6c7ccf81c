import { describe, expect, it } from "vitest";
import { at, byRule, expectFinding, LINUX, lint, replaceOnce, withLine } from "../helpers.js";

const ID = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities";

describe("identity", () => {
  it("reports a second identity at its key", () => {
    const text = withLine(LINUX, 8, `      "${ID}/aib": {},\n      "${ID}/two": {}`);
    const d = expectFinding(lint(text), "identity", at(text, 9, `"${ID}/two"`), "error");
    expect(d.message).toContain("exactly one");
  });
  it("reports a template without identity, at its type", () => {
    const text = LINUX.replace(/ {2}"identity": \{[\s\S]*?\n {2}\},\n/, "");
    expectFinding(lint(text), "identity", at(text, 2, `"Microsoft.VirtualMachineImages/imageTemplates"`), "error");
  });
  it("reports type None and an empty map", () => {
    const none = withLine(LINUX, 6, `    "type": "None",`);
    expectFinding(lint(none), "identity", at(none, 6, `"None"`));
    const empty = LINUX.replace(/"userAssignedIdentities": \{\n.*\n {4}\}/, `"userAssignedIdentities": {}`);
    expectFinding(lint(empty), "identity", at(empty, 7, `"userAssignedIdentities"`));
  });
  it("reports identity without userAssignedIdentities", () => {
    const text = LINUX.replace(/,\n {4}"userAssignedIdentities": \{\n.*\n {4}\}/, "");
    expectFinding(lint(text), "identity", at(text, 5, `"identity"`));
  });
  it("accepts one identity, an expression key, or an expression identity", () => {
    expect(byRule(lint(LINUX), "identity")).toEqual([]);
    const exprKey = replaceOnce(LINUX, `"${ID}/aib"`, `"[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'aib')]"`);
    expect(byRule(lint(exprKey), "identity")).toEqual([]);
    const exprAll = LINUX.replace(/"identity": \{[\s\S]*?\n {2}\}/, `"identity": "[variables('identity')]"`);
    expect(byRule(lint(exprAll), "identity")).toEqual([]);
  });
  it("does not apply before 2019-05-01-preview, which had no identity", () => {
    const text = withLine(LINUX.replace(/ {2}"identity": \{[\s\S]*?\n {2}\},\n/, ""), 3, `  "apiVersion": "2019-02-01-preview",`);
    expect(byRule(lint(text), "identity")).toEqual([]);
  });
});
