import { expect } from "vitest";
import { errors } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

ruleTester.run("value-type", {
  valid: [
    { name: "values of their types" },
    {
      name: "an ARM expression is not judged as a literal",
      lines: { 12: `    "buildTimeoutInMinutes": "[parameters('timeout')]",` },
      also: ({ all }) => expect(all).toEqual([]),
    },
    {
      name: "customize given by one expression",
      lines: { 14: `    "customize": "[variables('steps')]",`, 15: "", 16: "", 17: "", 18: "" },
      also: ({ all }) => expect(errors(all)).toEqual([]),
    },
  ],
  invalid: [
    {
      name: "a wrong type, at the value",
      lines: { 16: `      { "type": "Shell", "name": "tidy", "inline": "sudo apt-get clean" },` },
      errors: [{ line: 16, at: `"sudo apt-get clean"`, severity: "error", includes: "must be an array" }],
    },
    { name: "a string for a number (build-timeout leaves it to the schema)", lines: { 12: `    "buildTimeoutInMinutes": "80",` }, errors: [{ line: 12, at: `"80"` }] },
  ],
});
