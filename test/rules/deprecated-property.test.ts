import { ruleTester } from "../rule-tester.js";

const GALLERY = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/d";
const sig = (regions: string) => ({ lines: { 21: `      { "type": "SharedImage", "galleryImageId": "${GALLERY}", "runOutputName": "sig", ${regions} }` } });

ruleTester.run("deprecated-property", {
  valid: [{ name: "targetRegions", ...sig(`"targetRegions": [{ "name": "westus2" }]`) }],
  invalid: [{ name: "replicationRegions in 2022-07-01", ...sig(`"replicationRegions": ["westus2"]`), errors: [{ line: 21, at: `"replicationRegions"`, severity: "warning" }] }],
});
