import { expect } from "vitest";
import { ruleTester, type InvalidCase } from "../rule-tester.js";

/** The only finding of the file is this warning. */
const alone: InvalidCase["also"] = ({ all }) => expect(all.map((d) => d.ruleId)).toEqual(["no-template"]);

ruleTester.run("no-template", {
  valid: [
    { name: "a template" },
    { name: "a YAML template", text: "type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2022-07-01\n", file: "t.yaml" },
  ],
  invalid: [
    { name: "an empty file", text: "", errors: [{ line: 1, column: 1, severity: "warning" }], also: alone },
    { name: "a file of blanks", text: "   \n", errors: [{ line: 1, column: 1 }], also: alone },
    { name: "JSON without a template", text: `{\n  "a": 1\n}\n`, errors: [{ line: 1, column: 1, includes: "Microsoft.VirtualMachineImages/imageTemplates" }] },
    { name: "Bicep without a template", text: "param x string\nvar y = 1\n", file: "main.bicep", errors: [{ line: 1, column: 1 }], also: alone },
  ],
});
