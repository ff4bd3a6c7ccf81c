import { expect } from "vitest";
import { ruleTester } from "../rule-tester.js";

const SUB = "0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19";

ruleTester.run("read-only-property", {
  valid: [{ name: "properties a request sets" }],
  invalid: [
    { name: "a read-only property, at its key", replace: { [`"version": "latest" }`]: `"version": "latest", "exactVersion": "1.2.3" }` }, errors: [{ line: 13, at: `"exactVersion"`, severity: "warning" }] },
    {
      name: "id and systemData copied from a GET response",
      lines: { 4: `  "location": "westus2", "id": "/subscriptions/${SUB}/resourceGroups/r/providers/Microsoft.VirtualMachineImages/imageTemplates/t", "systemData": {},` },
      errors: [
        { line: 4, at: `"id"`, severity: "warning" },
        { line: 4, at: `"systemData"`, severity: "warning" },
      ],
      also: ({ all }) => expect(all.map((d) => `${d.severity} ${d.ruleId}`)).toEqual(["warning read-only-property", "warning read-only-property"]),
    },
  ],
});
