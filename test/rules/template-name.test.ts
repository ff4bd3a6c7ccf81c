import { ruleTester } from "../rule-tester.js";

const named = (name: string) => ({ lines: { 4: `  "location": "westus2", "name": "${name}",` } });

ruleTester.run("template-name", {
  valid: [
    { name: "a good name", ...named("golden.ubuntu-22_04") },
    { name: "an expression", ...named("[parameters('name')]") },
    { name: "no name (a bare resource)" },
  ],
  invalid: [{ name: "a name outside the pattern", ...named("my template"), errors: [{ line: 4, at: `"my template"`, severity: "error" }] }],
});
