import { expect } from "vitest";
import { byRule, LINUX } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

ruleTester.run("resource-type", {
  valid: [
    { name: "the full type" },
    { name: "the full type in any case", lines: { 2: `  "type": "microsoft.virtualmachineimages/imagetemplates",` } },
  ],
  invalid: [
    {
      name: "the provider-only type in a bare file is a warning, and the rest is still linted",
      lines: { 2: `  "type": "Microsoft.VirtualMachineImages",`, 4: `  "location": "southindia",` },
      errors: [{ line: 2, at: `"Microsoft.VirtualMachineImages"`, severity: "warning" }],
      also: ({ all }) => expect(byRule(all, "location")).toHaveLength(1),
    },
    {
      name: "an error inside an ARM deployment template",
      text: JSON.stringify({ contentVersion: "1.0.0.0", resources: [{ ...JSON.parse(LINUX), type: "Microsoft.VirtualMachineImages" }] }, null, 2),
      errors: [{ at: `"Microsoft.VirtualMachineImages"`, severity: "error" }],
    },
  ],
});
