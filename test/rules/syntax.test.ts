import { ruleTester, type InvalidCase } from "../rule-tester.js";

const YAML = "type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2022-07-01\nlocation: westus2\n";
const BICEP = "resource it 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = {\n  name: 'ubuntu'\n  location: 'westeurope'\n}\n";
const TERRAFORM = 'resource "azapi_resource" "it" {\n  type = "Microsoft.VirtualMachineImages/imageTemplates@2024-02-01"\n  name = "ubuntu"\n}\n';

/** JSON whose usual mistakes get a message that names the cause: [text, line, column, what the message says]. */
const USUAL_CAUSES: [string, number, number, string][] = [
  [`{\n  'a': 1\n}`, 2, 3, "double quotes, not single quotes"],
  [`{\n  a: 1\n}`, 2, 3, "property name a needs double quotes"],
  [`{\n  "a": [1 2]\n}`, 2, 11, "between the two values"],
  [`{\n  "a": tru\n}`, 2, 8, `"tru" is not a JSON value`],
  [`{\n  "a": <minutes>\n}`, 2, 8, "placeholder such as <minutes>"],
  [`{\n  "a": [1, ...]\n}`, 2, 12, "elision"],
];

ruleTester.run("syntax", {
  valid: [
    { name: "JSON" },
    { name: "JSON with comments", text: `{\r\n  // comment\r\n  "a": /* inline */ 1\r\n}\r\n` },
    { name: "YAML", text: YAML, file: "t.yaml" },
    { name: "Bicep", text: BICEP, file: "main.bicep" },
    { name: "Terraform", text: TERRAFORM, file: "main.tf" },
  ],
  invalid: [
    { name: "a missing comma, at the token after it", text: `{\n  "a": 1\n  "b": 2\n}`, errors: [{ line: 3, column: 3, severity: "error", includes: "','" }] },
    { name: "a trailing comma", text: `{\n  "a": [1, 2,]\n}`, errors: [{ line: 2, column: 13, includes: "trailing comma" }] },
    { name: "a bad escape", text: `{"destination": "C:\\Deprov"}`, errors: [{ line: 1, at: `"C:`, includes: "escape" }] },
    { name: "unclosed input", text: `{"a": [1, 2`, errors: [{ line: 1, column: 12 }] },
    { name: "a string that is not closed, at the end of the file", text: `{"a": "unterminated`, errors: [{ line: 1, column: 20, includes: "not closed" }] },
    { name: "a documentation fragment: a property outside any object", text: `"identity": {\n  "type": "UserAssigned"\n}\n`, errors: [{ line: 1, column: 1, includes: "fragment" }] },
    ...USUAL_CAUSES.map(([text, line, column, says]): InvalidCase => ({ name: `${JSON.stringify(text)}: ${says}`, text, errors: [{ line, column, includes: says }] })),
    { name: "YAML: an alias without an anchor", text: "a: 1\n---\nb: *nope\n", file: "t.yaml", errors: [{ line: 3, at: "*nope", includes: "*nope" }] },
    { name: "Bicep: double quotes", text: BICEP.replace("name: 'ubuntu'", 'name: "ubuntu"'), file: "main.bicep", errors: [{ line: 2, at: '"ubuntu"', severity: "error", includes: "single quotes" }] },
    { name: "Terraform: a block that is not closed", text: TERRAFORM.slice(0, -2), file: "main.tf", errors: [{ line: 1, at: "{", includes: "never closed" }] },
  ],
});
