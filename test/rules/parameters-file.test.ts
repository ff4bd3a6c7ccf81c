import { expect } from "vitest";
import { arm } from "../arm-template.js";
import { byRule } from "../helpers.js";
import { RuleTester } from "../rule-tester.js";

const TEMPLATE = arm(
  `    "location": { "type": "string", "defaultValue": "westus2" },\n    "timeout": { "type": "int", "defaultValue": 100 },\n    "regions": { "type": "array", "defaultValue": ["westus2"] }`,
  "",
  (r) => r.replace(`"location": "westus2",\n  "identity"`, `"location": "[parameters('location')]",\n  "identity"`).replace(`"buildTimeoutInMinutes": 100`, `"buildTimeoutInMinutes": "[parameters('timeout')]"`),
);

const PARAMETERS = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "locaton": { "value": "westus2" },
    "timeout": { "value": ["100"] },
    "regions": { "value": "westus2" },
    "location": { "value": "westeurop" }
  }
}
`;

/** The template linted with this parameters file (the CLI's --parameters). */
const withParameters = (parameters: string) => ({ files: { "t.parameters.json": parameters }, args: ["--parameters", "t.parameters.json"] });

new RuleTester({ text: TEMPLATE, file: "t.json" }).run("parameters-file", {
  valid: [
    {
      name: "a parameters file that fits the template is clean",
      ...withParameters(`{"parameters": {"location": {"value": "westus2"}, "timeout": {"value": 120}, "regions": {"value": ["eastus"]}}}`),
      also: ({ all, exitCode }) => {
        expect(all).toEqual([]);
        expect(exitCode).toBe(0);
      },
    },
    {
      name: "a finding standing in the parameters file is suppressed by a comment where the template uses the value",
      replace: { [`"location": "[parameters('location')]",`]: `// aib-lint-disable-next-line location -- region given per environment\n    "location": "[parameters('location')]",` },
      ...withParameters(`{"parameters": {"location": {"value": "westeurop"}}}`),
      also: ({ all, exitCode }) => {
        expect(all).toEqual([]);
        expect(exitCode).toBe(0);
      },
    },
  ],
  invalid: [
    {
      name: "an undeclared name is an error at its line with a suggestion; a value of the wrong type is an error at the value",
      ...withParameters(PARAMETERS),
      errors: [
        { file: "t.parameters.json", line: 5, column: 5, includes: `gives parameter "locaton", which the template does not declare; did you mean "location"?` },
        { file: "t.parameters.json", line: 6, column: 27, includes: `parameter "timeout" is declared "int", but t.parameters.json gives an array` },
        { file: "t.parameters.json", line: 7, column: 27, includes: `parameter "regions" is declared "array", but t.parameters.json gives a string` },
      ],
      also: ({ all, exitCode }) => {
        expect(exitCode).toBe(1);
        // the wrong-typed value is not reported again where the template uses it
        expect(byRule(all, "value-type")).toEqual([]);
        expect(byRule(all, "location").map((d) => [d.file, d.range.start])).toEqual([["t.parameters.json", { line: 8, column: 28 }]]);
      },
    },
  ],
});
