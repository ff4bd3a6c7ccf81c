import { ruleTester } from "../rule-tester.js";

ruleTester.run("empty-distribute", {
  valid: [
    { name: "two targets" },
    { name: "distribute given by an expression", lines: { 19: `    "distribute": "[variables('targets')]"`, 20: "", 21: "", 22: "" } },
  ],
  invalid: [
    { name: "an empty list, at the list", lines: { 19: `    "distribute": []`, 20: "", 21: "", 22: "" }, errors: [{ line: 19, at: "[]", severity: "error" }] },
    { name: "an empty list in YAML", text: "type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2022-07-01\nlocation: westus2\nproperties:\n  distribute: []\n", file: "t.yaml", errors: [{ line: 5, at: "[]" }] },
  ],
});
