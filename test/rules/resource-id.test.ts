import { LINUX } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

const SUB = "0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19";
const GALLERY = `/subscriptions/${SUB}/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/d`;
/** A gallery source following the latest version, which 2022-07-01 and later accept. */
const latest = (version: string) => ({
  lines: { 3: `  "apiVersion": "${version}",`, 13: `    "source": { "type": "SharedImageVersion", "imageVersionId": "${GALLERY}/versions/latest" },` },
});

ruleTester.run("resource-id", {
  valid: [
    { name: "well-formed IDs" },
    { name: "segment names in any case", text: LINUX.replace(/resourceGroups/g, "resourcegroups") },
    { name: "an expression", replace: { [`"/subscriptions/${SUB}/resourceGroups/img/providers/Microsoft.Compute/images/ubuntu"`]: `"[resourceId('Microsoft.Compute/images', 'ubuntu')]"` } },
    { name: "a gallery version `latest` from 2022-07-01", ...latest("2022-07-01") },
  ],
  invalid: [
    {
      name: "a malformed managed image ID, at the value, with the expected shape",
      replace: { "/resourceGroups/img/providers/Microsoft.Compute/images/ubuntu": "/resourceGroups/img/providers/Microsoft.Compute/images" },
      errors: [{ line: 20, at: `"/subscriptions/`, severity: "error", includes: "Microsoft.Compute/images/<image>" }],
    },
    { name: "a subscription that is not a GUID", replace: { [`/subscriptions/${SUB}/resourceGroups/img`]: "/subscriptions/my-subscription/resourceGroups/img" }, errors: [{ line: 20, at: `"/subscriptions/`, includes: `"my-subscription"` }] },
    { name: "an identity key", replace: { "providers/Microsoft.ManagedIdentity/userAssignedIdentities/aib": "providers/Microsoft.ManagedIdentity/aib" }, errors: [{ line: 8, at: `"/subscriptions/` }] },
    { name: "the staging resource group", lines: { 12: `    "stagingResourceGroup": "/subscriptions/${SUB}/resourceGroups/staging/extra",` }, errors: [{ line: 12, at: `"/subscriptions/` }] },
    { name: "a gallery version `latest` before 2022-07-01", ...latest("2022-02-14"), errors: [{ line: 13, at: `"/subscriptions/` }] },
  ],
});
