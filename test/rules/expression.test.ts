import { expect } from "vitest";
import { byRule, LINUX } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

ruleTester.run("expression", {
  valid: [
    { name: "literal sections" },
    { name: "an expression for one value is evaluated or left unknown, without a note", lines: { 12: `    "buildTimeoutInMinutes": "[parameters('timeout')]",` } },
  ],
  invalid: [
    {
      name: "a properties section that is one expression is a note, and the rest is checked",
      text: JSON.stringify({ ...JSON.parse(LINUX), location: "southindia", properties: "[variables('props')]" }, null, 2),
      errors: [{ at: `"[variables('props')]"`, severity: "info" }],
      also: ({ all }) => {
        expect(byRule(all, "location")).toHaveLength(1);
        expect(byRule(all, "required-property")).toEqual([]);
      },
    },
  ],
});
