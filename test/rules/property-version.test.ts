import { ruleTester } from "../rule-tester.js";

const version = (v: string) => `  "apiVersion": "${v}",`;

ruleTester.run("property-version", {
  valid: [
    { name: "optimize in 2022-07-01", lines: { 12: `    "optimize": { "vmBoot": { "state": "Enabled" } },` } },
    { name: "validate in 2022-02-14", lines: { 3: version("2022-02-14"), 12: `    "validate": {},` } },
  ],
  invalid: [
    {
      name: "a property used before its API version, naming the version",
      lines: { 3: version("2020-02-14"), 12: `    "optimize": { "vmBoot": { "state": "Enabled" } },` },
      errors: [{ line: 12, at: `"optimize"`, includes: "2022-07-01" }],
    },
    { name: "validate before its API version", lines: { 3: version("2019-05-01-preview"), 12: `    "validate": {},` }, errors: [{ line: 12, at: `"validate"`, includes: "2022-02-14" }] },
  ],
});
