import { ruleTester } from "../rule-tester.js";

ruleTester.run("allowed-values", {
  valid: [{ name: "values among the allowed ones" }],
  invalid: [{ name: "enum values are case-sensitive", lines: { 6: `    "type": "userAssigned",` }, errors: [{ line: 6, at: `"userAssigned"`, severity: "error", includes: "case-sensitive" }] }],
});
