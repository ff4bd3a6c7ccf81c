import { ruleTester } from "../rule-tester.js";

ruleTester.run("required-property", {
  valid: [{ name: "every required property given" }],
  invalid: [
    {
      name: "a missing required property, at the object's type",
      lines: { 20: `      { "type": "ManagedImage", "location": "westus2", "runOutputName": "ubuntu-mi" },` },
      errors: [{ line: 20, at: `"ManagedImage"`, severity: "error", includes: `"imageId"` }],
    },
  ],
});
