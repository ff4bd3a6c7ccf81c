import { ruleTester } from "../rule-tester.js";

const disk = (size: string) => ({ lines: { 12: `    "vmProfile": { "osDiskSizeGB": ${size} },` } });

ruleTester.run("value-range", {
  valid: [
    { name: "a disk size of 0 (the image's own)", ...disk("0") },
    { name: "a disk size of 128", ...disk("128") },
  ],
  invalid: [{ name: "a number below its minimum", ...disk("-5"), errors: [{ line: 12, at: "-5", severity: "error" }] }],
});
