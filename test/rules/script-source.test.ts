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
  it("uses `script` before 2019-05-01-preview", () => {
    const text = withLine(withLine(LINUX, 3, `  "apiVersion": "2019-02-01-preview",`), 16, `      { "type": "Shell", "name": "tidy", "script": "https://example.org/a.sh" },`);
    // line 15 still says scriptUri, which 2019-02-01-preview does not know: only that step lacks a script
    expect(byRule(lint(text), "script-source").map((d) => d.range.start.line)).toEqual([15]);
  });
  it("leaves File and other steps alone", () => {
    expect(byRule(lint(LINUX), "script-source")).toEqual([]);
  });
});
