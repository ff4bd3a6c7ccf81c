import { expect } from "vitest";
import { byRule } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

ruleTester.run("duplicate-key", {
  valid: [
    { name: "keys once each" },
    { name: "from 2024-02-01 a case variant is an unknown property", lines: { 3: `  "apiVersion": "2024-02-01",`, 4: `  "location": "westus2", "Location": "eastus",` } },
  ],
  invalid: [
    { name: "a key twice, at the second, naming the first's line", text: `{\n  "a": 1,\n  "a": 2\n}`, errors: [{ line: 3, column: 3, severity: "error", includes: "line 2", path: "$.a" }] },
    {
      name: "a case variant of one field before 2024-02-01, and not an unknown property",
      lines: { 4: `  "location": "westus2", "Location": "eastus",` },
      errors: [{ line: 4, at: `"Location"`, severity: "error", includes: "case-insensitively" }],
      also: ({ all }) => expect(byRule(all, "unknown-property")).toEqual([]),
    },
  ],
});
