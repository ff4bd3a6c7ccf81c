import { ruleTester } from "../rule-tester.js";

const disableNext = (what: string) => `  "apiVersion": "2022-07-01", // aib-lint-disable-next-line ${what}`;
const SOUTHINDIA = `  "location": "southindia",`;

ruleTester.run("unused-disable", {
  valid: [
    { name: "a suppression that suppresses a finding", file: "t.jsonc", lines: { 3: disableNext("location -- region enabled for us by support"), 4: SOUTHINDIA } },
    { name: "a suppression that suppresses nothing, with reportUnusedDisables off", file: "t.jsonc", lines: { 3: disableNext("location") }, options: { reportUnusedDisables: false } },
    {
      name: "metadata that suppresses a finding",
      lines: { 4: `  "location": "southindia", "metadata": { "aib-lint": { "disable": ["location"] } },` },
    },
  ],
  invalid: [
    { name: "a suppression that suppresses nothing, at its comment", file: "t.jsonc", lines: { 3: disableNext("location") }, errors: [{ line: 3, at: "//", severity: "warning", includes: "suppresses nothing" }] },
    {
      name: "a misspelt rule id, with a suggestion",
      file: "t.jsonc",
      lines: { 3: disableNext("locaton"), 4: SOUTHINDIA },
      errors: [{ line: 3, at: "//", includes: `"locaton" is not a rule; did you mean "location"?` }],
    },
    {
      name: "YAML: a disable range that starts after the finding",
      file: "t.yaml",
      text: [
        "type: Microsoft.VirtualMachineImages/imageTemplates",
        "apiVersion: 2022-07-01",
        "# aib-lint-disable location, identity",
        "location: southindia",
        "# aib-lint-enable location",
      ].join("\n"),
      errors: [{ line: 3, column: 1, includes: "aib-lint-disable identity suppresses nothing" }],
    },
    { name: "metadata that suppresses nothing", lines: { 4: `  "location": "westus2", "metadata": { "aib-lint": { "disable": ["location"] } },` }, errors: [{ line: 4, at: `["location"]`, includes: "metadata aib-lint.disable location" }] },
  ],
});
