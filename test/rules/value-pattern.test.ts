import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ruleTester } from "../rule-tester.js";

const SCHEMAS = new URL("../../schemas/", import.meta.url);

ruleTester.run("value-pattern", {
  valid: [
    { name: "the base template" },
    { name: "free text where a name goes", lines: { 16: `      { "type": "Shell", "name": "tidy up / é", "inline": ["sudo apt-get clean"] },` } },
  ],
  invalid: [],
  unreachable: "no API version's schema states a pattern (shapes such as names and checksums are rules of their own)",
});

describe("value-pattern has nothing to report", () => {
  it("while no schema states a pattern: when one does, give this rule an invalid case", () => {
    const files = readdirSync(SCHEMAS).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(readFileSync(new URL(file, SCHEMAS), "utf8"), file).not.toMatch(/"pattern"\s*:/);
  });
});
