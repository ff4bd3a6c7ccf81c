import { at, LINUX, withLine } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

const GALLERY = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/d";
/** LINUX with line 21 a gallery target with these members. */
const sig = (extra: string) => withLine(LINUX, 21, `      { "type": "SharedImage", "galleryImageId": "${GALLERY}", "runOutputName": "sig", ${extra} }`);
/** The gallery target in an ARM deployment template whose regions parameter lists one region twice. */
const TWICE_IN_DEFAULT = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
  "parameters": {"regions": {"type": "array", "defaultValue": ["West Europe", "westeurope"]}},
  "resources": [${sig(`"replicationRegions": "[parameters('regions')]"`).replace("{", `{"name": "t",`)}]}`;

ruleTester.run("target-regions", {
  valid: [
    { name: "targetRegions alone", text: sig(`"targetRegions": [{ "name": "westus2" }, { "name": "eastus" }]`) },
    { name: "replicationRegions alone, with a distributor-level storageAccountType", text: sig(`"replicationRegions": ["westus2"], "storageAccountType": "Standard_LRS"`) },
  ],
  invalid: [
    {
      name: "replicationRegions together with targetRegions, at the second (its region listed twice)",
      text: sig(`"targetRegions": [{ "name": "westus2" }], "replicationRegions": ["westus2"]`),
      errors: [
        { line: 21, at: `"westus2" }]`, severity: "warning", includes: "listed twice" },
        { line: 21, at: `"replicationRegions"`, severity: "error" },
      ],
    },
    { name: "a distributor-level storageAccountType with targetRegions", text: sig(`"targetRegions": [{ "name": "westus2" }], "storageAccountType": "Standard_ZRS"`), errors: [{ line: 21, at: `"storageAccountType"` }] },
    {
      name: "a distributor-level storageAccountType without replicationRegions is an error from 2022-07-01",
      text: sig(`"storageAccountType": "Standard_ZRS"`),
      errors: [{ line: 21, at: `"storageAccountType"`, severity: "error" }],
    },
    { name: "a region listed twice is a warning", text: sig(`"targetRegions": [{ "name": "westus2" }, { "name": "West US 2", "replicaCount": 2 }]`), errors: [{ line: 21, at: `"West US 2"`, severity: "warning" }] },
    {
      name: "a region listed twice in a parameter's default names the line where the first is written",
      text: TWICE_IN_DEFAULT,
      errors: [{ line: 2, at: `"westeurope"`, message: /^region "westeurope" is listed twice \(first at line 2\)/, related: [at(TWICE_IN_DEFAULT, 2, `"West Europe"`)] }],
    },
  ],
});
