import { describe, expect, it } from "vitest";
import { at, byRule, expectFinding, LINUX as LINUX_2022, lint, withLine } from "../helpers.js";

// the rule is an error up to 2021-10-01 (the docs of that time), a warning after
const LINUX = withLine(LINUX_2022, 3, `  "apiVersion": "2021-10-01",`);

describe("unique-step-name", () => {
  it("reports the second customizer with a name already used, naming the first's line", () => {
    const text = withLine(LINUX, 16, `      { "type": "Shell", "name": "setup", "inline": ["sudo apt-get clean"] },`);
    const d = expectFinding(lint(text), "unique-step-name", at(text, 16, `"setup"`), "error");
    expect(d.message).toContain("line 15");
    expect(d.related?.[0]?.range.start.line).toBe(15);
  });
  it("warns about names that differ only in case", () => {
    const text = withLine(LINUX, 16, `      { "type": "Shell", "name": "SETUP", "inline": ["sudo apt-get clean"] },`);
    expectFinding(lint(text), "unique-step-name", at(text, 16, `"SETUP"`), "warning");
  });
  it("leaves unnamed and distinct steps alone", () => {
    const text = withLine(LINUX, 16, `      { "type": "Shell", "inline": ["sudo apt-get clean"] },`);
    expect(byRule(lint(text), "unique-step-name")).toEqual([]);
    expect(byRule(lint(LINUX), "unique-step-name")).toEqual([]);
  });
  it("is a warning from 2022-02-14 on", () => {
    const text = withLine(LINUX_2022, 16, `      { "type": "Shell", "name": "setup", "inline": ["sudo apt-get clean"] },`);
    expectFinding(lint(text), "unique-step-name", at(text, 16, `"setup"`), "warning");
  });
  it("checks validators among themselves, not against customizers", () => {
    const text = withLine(
      LINUX_2022,
      18,
      `    ], "validate": { "inVMValidations": [ { "type": "Shell", "name": "setup", "inline": ["true"] },
      { "type": "Shell", "name": "check", "inline": ["true"] }, { "type": "Shell", "name": "check", "inline": ["false"] } ] },`,
    );
    const found = byRule(lint(text), "unique-step-name");
    expect(found).toHaveLength(1);
    expect(found[0]!.range.start).toEqual(at(text, 19, `"check", "inline": ["false"]`));
    expect(found[0]!.message).toContain("validator");
  });
});
