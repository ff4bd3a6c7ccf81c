import { describe, expect, it } from "vitest";
import { at, byRule, expectFinding, LINUX, lint, withLine } from "../helpers.js";

describe("run-output-name", () => {
  it("reports a repeated runOutputName at the second, naming the first's line", () => {
    const text = withLine(LINUX, 21, `      { "type": "VHD", "runOutputName": "ubuntu-mi" }`);
    const d = expectFinding(lint(text), "run-output-name", at(text, 21, `"ubuntu-mi"`), "error");
    expect(d.message).toContain("line 20");
  });
  it("compares case-insensitively (they name child resources)", () => {
    const text = withLine(LINUX, 21, `      { "type": "VHD", "runOutputName": "Ubuntu-MI" }`);
    expect(expectFinding(lint(text), "run-output-name", at(text, 21, `"Ubuntu-MI"`)).message).toContain("case-insensitive");
  });
  it("reports names outside the pattern", () => {
    for (const bad of ["ubuntu vhd", "x".repeat(65), "ubuntu/vhd"]) {
      const text = withLine(LINUX, 21, `      { "type": "VHD", "runOutputName": "${bad}" }`);
      expectFinding(lint(text), "run-output-name", at(text, 21, `"${bad}"`));
    }
  });
  it("allows '.' from 2019-05-01-preview but not before", () => {
    const dotted = withLine(LINUX, 21, `      { "type": "VHD", "runOutputName": "ubuntu.vhd" }`);
    expect(byRule(lint(dotted), "run-output-name")).toEqual([]);
    const old = withLine(dotted, 3, `  "apiVersion": "2019-02-01-preview",`);
    expect(byRule(lint(old), "run-output-name")).toHaveLength(1);
  });
  it("leaves distinct names and expressions alone", () => {
    expect(byRule(lint(LINUX), "run-output-name")).toEqual([]);
    const text = withLine(LINUX, 21, `      { "type": "VHD", "runOutputName": "[variables('name')]" }`);
    expect(byRule(lint(text), "run-output-name")).toEqual([]);
  });
});
