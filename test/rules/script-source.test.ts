import { describe, expect, it } from "vitest";
import { at, byRule, expectFinding, LINUX, lint, withLine } from "../helpers.js";

describe("script-source", () => {
  it("reports both scriptUri and inline, at the second", () => {
    const text = withLine(LINUX, 16, `      { "type": "Shell", "name": "tidy", "scriptUri": "https://example.org/a.sh", "inline": ["sudo apt-get clean"] },`);
    expectFinding(lint(text), "script-source", at(text, 16, `"inline"`), "error");
  });
  it("reports a step with neither, at its type", () => {
    const text = withLine(LINUX, 16, `      { "type": "Shell", "name": "tidy" },`);
    expect(expectFinding(lint(text), "script-source", at(text, 16, `"Shell"`)).message).toContain("nothing to run");
  });
  it("a misspelt scriptUri or inline is the schema's one finding, not also 'nothing to run'", () => {
    for (const key of ["scriptURI", "scirptUri", "inlne"]) {
      const text = withLine(LINUX, 16, `      { "type": "Shell", "name": "tidy", "${key}": "https://example.org/a.sh" },`);
      const found = lint(text);
      expect(byRule(found, "script-source"), key).toEqual([]);
      expect(found.some((d) => d.ruleId === "unknown-property" || d.ruleId === "property-case"), key).toBe(true);
    }
  });
  it("uses `script` before 2019-05-01-preview", () => {
    const text = withLine(withLine(LINUX, 3, `  "apiVersion": "2019-02-01-preview",`), 16, `      { "type": "Shell", "name": "tidy", "script": "https://example.org/a.sh" },`);
    // line 15 still says scriptUri, which 2019-02-01-preview does not know: only that step lacks a script
    expect(byRule(lint(text), "script-source").map((d) => d.range.start.line)).toEqual([15]);
  });
  it("leaves File and other steps alone", () => {
    expect(byRule(lint(LINUX), "script-source")).toEqual([]);
  });
});
