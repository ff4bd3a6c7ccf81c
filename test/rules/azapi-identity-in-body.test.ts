import { expect } from "vitest";
import { IDENTITY_ID, TERRAFORM } from "../helpers.js";
import { RuleTester } from "../rule-tester.js";

const PROPERTIES = "    properties = {\n      buildTimeoutInMinutes";
/** The identity written inside body too. */
const IN_BODY = { replace: { [PROPERTIES]: `    identity = { type = "UserAssigned", userAssignedIdentities = { "${IDENTITY_ID}" = {} } }\n${PROPERTIES}` } };

new RuleTester({ text: TERRAFORM, file: "main.tf" }).run("azapi-identity-in-body", {
  valid: [{ name: "an identity block alone" }],
  invalid: [
    {
      name: "an identity inside body is a warning at its key; the block still wins",
      ...IN_BODY,
      errors: [{ at: "identity = {", severity: "warning" }],
      also: ({ all }) => expect(all).toHaveLength(1),
    },
  ],
});
