import { WINDOWS } from "../helpers.js";
import { RuleTester } from "../rule-tester.js";

const step = (flags: string) => ({ lines: { 16: `      { "type": "PowerShell", "name": "tidy", ${flags}, "inline": ["Get-Date"] },` } });

new RuleTester({ text: WINDOWS }).run("run-as-system", {
  valid: [
    { name: "runAsSystem with runElevated", ...step(`"runElevated": true, "runAsSystem": true`) },
    { name: "runAsSystem false", ...step(`"runAsSystem": false`) },
  ],
  invalid: [
    { name: "runAsSystem without runElevated, at the key", ...step(`"runAsSystem": true`), errors: [{ line: 16, at: `"runAsSystem"`, severity: "error" }] },
    { name: "runAsSystem with runElevated false", ...step(`"runElevated": false, "runAsSystem": true`), errors: [{ line: 16, at: `"runAsSystem"` }] },
  ],
});
