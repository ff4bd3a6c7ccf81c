import { describe, expect, it } from "vitest";
import { at, byRule, errors, expectFinding, LINUX, lint, WINDOWS, withLine } from "../helpers.js";

const timeout = (base: string, value: string) => withLine(base, 12, `    "buildTimeoutInMinutes": ${value},`);

describe("build-timeout", () => {
  it("reports more than 960 minutes, naming the limit", () => {
    const text = timeout(LINUX, "961");
    const d = expectFinding(lint(text), "build-timeout", at(text, 12, "961"), "error");
    expect(d.message).toContain("960");
  });
  it("reports 1 to 5 minutes (the service minimum is 6)", () => {
    const text = timeout(LINUX, "5");
    expect(expectFinding(lint(text), "build-timeout", at(text, 12, "5")).message).toContain("minimum is 6");
  });
  it("reports negative values", () => {
    const text = timeout(LINUX, "-1");
    expectFinding(lint(text), "build-timeout", at(text, 12, "-1"), "error");
  });
  it("warns about a Windows build under 60 minutes", () => {
    const text = timeout(WINDOWS, "45");
    expectFinding(lint(text), "build-timeout", at(text, 12, "45"), "warning");
    expect(errors(lint(text))).toEqual([]);
  });
  it.each(["0", "6", "59", "960"])("accepts %s on Linux", (value) => {
    expect(byRule(lint(timeout(LINUX, value)), "build-timeout")).toEqual([]);
  });
  it("leaves a string to the schema (one finding, not two)", () => {
    const text = timeout(LINUX, `"80"`);
    const found = lint(text);
    expect(byRule(found, "build-timeout")).toEqual([]);
    expectFinding(found, "value-type", at(text, 12, `"80"`));
  });
});
