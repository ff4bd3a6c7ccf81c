import { LINUX, withLine } from "../helpers.js";
import { RuleTester, ruleTester } from "../rule-tester.js";

// the rule is an error up to 2021-10-01 (the docs of that time), a warning after
const LINUX_2021 = withLine(LINUX, 3, `  "apiVersion": "2021-10-01",`);
const tidy = (name: string) => `      { "type": "Shell", "name": "${name}", "inline": ["sudo apt-get clean"] },`;

new RuleTester({ text: LINUX_2021 }).run("unique-step-name", {
  valid: [
    { name: "distinct names" },
    { name: "an unnamed step", lines: { 16: `      { "type": "Shell", "inline": ["sudo apt-get clean"] },` } },
  ],
  invalid: [
    {
      name: "the second customizer with a name already used, naming the first's line",
      lines: { 16: tidy("setup") },
      errors: [{ line: 16, at: `"setup"`, severity: "error", includes: "line 15", related: [{ line: 15 }] }],
    },
    { name: "names that differ only in case are a warning", lines: { 16: tidy("SETUP") }, errors: [{ line: 16, at: `"SETUP"`, severity: "warning" }] },
  ],
});

ruleTester.run("unique-step-name", {
  valid: [{ name: "2022-07-01: distinct names" }],
  invalid: [
    { name: "a warning from 2022-02-14 on", lines: { 16: tidy("setup") }, errors: [{ line: 16, at: `"setup"`, severity: "warning" }] },
    {
      name: "validators among themselves, not against customizers",
      lines: {
        18: `    ], "validate": { "inVMValidations": [ { "type": "Shell", "name": "setup", "inline": ["true"] },
      { "type": "Shell", "name": "check", "inline": ["true"] }, { "type": "Shell", "name": "check", "inline": ["false"] } ] },`,
      },
      errors: [{ line: 19, at: `"check", "inline": ["false"]`, includes: "validator" }],
    },
  ],
});
