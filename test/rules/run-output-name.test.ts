import { ruleTester } from "../rule-tester.js";

const vhd = (name: string) => ({ lines: { 21: `      { "type": "VHD", "runOutputName": "${name}" }` } });

ruleTester.run("run-output-name", {
  valid: [
    { name: "distinct names" },
    { name: "an expression", ...vhd("[variables('name')]") },
    { name: "'.' from 2019-05-01-preview", ...vhd("ubuntu.vhd") },
  ],
  invalid: [
    { name: "a repeated runOutputName, at the second, naming the first's line", ...vhd("ubuntu-mi"), errors: [{ line: 21, at: `"ubuntu-mi"`, severity: "error", includes: "line 20" }] },
    { name: "names compared case-insensitively (they name child resources)", ...vhd("Ubuntu-MI"), errors: [{ line: 21, at: `"Ubuntu-MI"`, includes: "case-insensitive" }] },
    ...["ubuntu vhd", "x".repeat(65), "ubuntu/vhd"].map((bad) => ({ name: `"${bad.slice(0, 20)}" is outside the pattern`, ...vhd(bad), errors: [{ line: 21, at: `"${bad}"` }] })),
    { name: "'.' before 2019-05-01-preview", lines: { 3: `  "apiVersion": "2019-02-01-preview",`, 21: vhd("ubuntu.vhd").lines[21] }, errors: [{ line: 21, at: `"ubuntu.vhd"` }] },
  ],
});
