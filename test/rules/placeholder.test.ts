import { expect } from "vitest";
import { errors } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

const YAML = "type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2022-07-01\nlocation: <region1>\nproperties:\n  source: { type: PlatformImage }\n";
const ARM = JSON.stringify({
  $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  parameters: { region: { type: "string", defaultValue: "<region1>" } },
  resources: [{ type: "Microsoft.VirtualMachineImages/imageTemplates", apiVersion: "2022-07-01", name: "x", location: "[parameters('region')]", properties: {} }],
});

ruleTester.run("placeholder", {
  valid: [
    { name: "a template without placeholders" },
    { name: "shell redirections and here-documents in inline commands", lines: { 16: `      { "type": "Shell", "name": "tidy", "inline": ["echo hi > /tmp/x", "cat <<EOF > /tmp/y"] },` } },
  ],
  invalid: [
    {
      name: "an unreplaced placeholder, once per value, with no second error for the value",
      lines: { 4: `  "location": "<region1>",` },
      errors: [{ line: 4, at: `"<region1>"`, severity: "error", includes: "<region1>" }],
      also: ({ all }) => expect(errors(all)).toHaveLength(1),
    },
    {
      name: "placeholders inside resource IDs and keys",
      replace: { "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/id-rg": "/subscriptions/<subscriptionID>/resourceGroups/<rgName>" },
      errors: [{ line: 8, at: `"/subscriptions/<subscriptionID>`, includes: ["<subscriptionID>", "<rgName>"] }],
    },
    {
      name: "<<namePrefix>> and {subscription-id}",
      lines: { 21: `      { "type": "VHD", "runOutputName": "<<namePrefix>>-{subscription-id}" }` },
      errors: [{ line: 21, at: `"<<namePrefix>>`, message: /<<namePrefix>>.*\{subscription-id\}/ }],
    },
    { name: "{subscriptionId}", lines: { 21: `      { "type": "VHD", "runOutputName": "/subscriptions/{subscriptionId}/x" }` }, errors: [{ line: 21, at: `"/subscriptions/{subscriptionId}` }] },
    { name: "a placeholder written with JSON escapes", lines: { 4: `  "location": "\\u003cregion1\\u003e",` }, errors: [{ line: 4, at: `"\\u003c`, includes: "<region1>" }] },
    { name: "a YAML template", text: YAML, file: "t.yaml", errors: [{ line: 3, column: 11 }] },
    { name: "a value resolved from an ARM parameter", text: ARM, errors: [{ line: 1, at: `"<region1>"`, includes: "<region1>" }] },
    {
      name: "an inline command that is a placeholder, beside shell redirections",
      lines: { 16: `      { "type": "Shell", "name": "tidy", "inline": ["echo hi > /tmp/x", "cat <<EOF > /tmp/y", "<command to run inline>"] },` },
      errors: [{ line: 16, at: `"<command to run inline>"` }],
    },
  ],
});
