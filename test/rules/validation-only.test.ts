import { ruleTester } from "../rule-tester.js";

const validate = (body: string) => ({ lines: { 12: `    "validate": ${body},` } });
const VALIDATIONS = `"inVMValidations": [{ "type": "Shell", "name": "v", "inline": ["true"] }]`;

ruleTester.run("validation-only", {
  valid: [
    { name: "no validate block" },
    { name: "validations after a build", ...validate(`{ ${VALIDATIONS} }`) },
  ],
  invalid: [
    {
      name: "customizers do not run with sourceValidationOnly, at the key",
      ...validate(`{ "sourceValidationOnly": true, ${VALIDATIONS} }`),
      errors: [{ line: 12, at: `"sourceValidationOnly"`, severity: "warning" }],
    },
    { name: "a validate block without validations", ...validate(`{ "continueDistributeOnFailure": true }`), errors: [{ line: 12, at: `"validate"`, severity: "warning" }] },
  ],
});
