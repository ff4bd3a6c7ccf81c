import { LINUX } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

const ID = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities";
const WITHOUT_IDENTITY = LINUX.replace(/ {2}"identity": \{[\s\S]*?\n {2}\},\n/, "");

ruleTester.run("identity", {
  valid: [
    { name: "one identity" },
    { name: "an expression key", replace: { [`"${ID}/aib"`]: `"[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'aib')]"` } },
    { name: "an expression identity", text: LINUX.replace(/"identity": \{[\s\S]*?\n {2}\}/, `"identity": "[variables('identity')]"`) },
    { name: "no identity before 2019-05-01-preview, which had none", text: WITHOUT_IDENTITY, lines: { 3: `  "apiVersion": "2019-02-01-preview",` } },
  ],
  invalid: [
    { name: "a second identity, at its key", lines: { 8: `      "${ID}/aib": {},\n      "${ID}/two": {}` }, errors: [{ line: 9, at: `"${ID}/two"`, severity: "error", includes: "exactly one" }] },
    { name: "a template without identity, at its type", text: WITHOUT_IDENTITY, errors: [{ line: 2, at: `"Microsoft.VirtualMachineImages/imageTemplates"`, severity: "error" }] },
    { name: "type None", lines: { 6: `    "type": "None",` }, errors: [{ line: 6, at: `"None"` }] },
    { name: "an empty map", text: LINUX.replace(/"userAssignedIdentities": \{\n.*\n {4}\}/, `"userAssignedIdentities": {}`), errors: [{ line: 7, at: `"userAssignedIdentities"` }] },
    { name: "identity without userAssignedIdentities", text: LINUX.replace(/,\n {4}"userAssignedIdentities": \{\n.*\n {4}\}/, ""), errors: [{ line: 5, at: `"identity"` }] },
    { name: "an identity without type is an error", lines: { 6: "" }, errors: [{ line: 5, at: `"identity"`, severity: "error" }] },
  ],
});
