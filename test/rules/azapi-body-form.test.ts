import { expect } from "vitest";
import { TERRAFORM } from "../helpers.js";
import { RuleTester, type Outcome } from "../rule-tester.js";

/** The body written as a JSON string: jsonencode({ … }). */
const JSONENCODED = { replace: { "  body = {\n": "  body = jsonencode({\n", "    }\n  }\n}\n": "    }\n  })\n}\n" } };
const BODY_LINE = TERRAFORM.split("\n").findIndex((l) => l.includes("body = {")) + 1;
/** versions.tf pinning azapi to `constraint`. */
const pinned = (constraint: string, source = "Azure/azapi") => `terraform {\n  required_providers {\n    azapi = {\n      source  = "${source}"\n      version = "${constraint}"\n    }\n  }\n}\n`;
const LOCK = `provider "registry.terraform.io/azure/azapi" {\n  version     = "1.12.1"\n  constraints = ">= 1.0.0"\n}\n`;
const passes = ({ exitCode }: Outcome) => expect(exitCode).toBe(0);

new RuleTester({ text: TERRAFORM, file: "main.tf" }).run("azapi-body-form", {
  valid: [
    { name: "a JSON body with no version pinned", ...JSONENCODED, args: [], also: passes },
    { name: "a JSON body where the range allows it", ...JSONENCODED, files: { "versions.tf": pinned(">= 1.13") }, also: passes },
    { name: "an HCL body where the range allows it", files: { "versions.tf": pinned(">= 1.13") }, also: passes },
  ],
  invalid: [
    {
      name: "a JSON body with azapi 2 pinned by required_providers is an error at body",
      ...JSONENCODED,
      files: { "versions.tf": pinned("~> 2.4") },
      errors: [{ at: "jsonencode(", severity: "error", includes: "versions.tf:5" }],
      also: ({ all, exitCode }) => {
        expect(exitCode).toBe(1);
        expect(all.map((d) => d.ruleId)).toEqual(["azapi-body-form"]);
      },
    },
    {
      name: "the lock file's version decides over the constraint: an HCL body before 1.13",
      files: { "versions.tf": pinned(">= 1.0", "azure/azapi"), ".terraform.lock.hcl": LOCK },
      errors: [{ line: BODY_LINE, at: "{", includes: ".terraform.lock.hcl:2" }],
      also: ({ all }) => expect(all.map((d) => d.ruleId)).toEqual(["azapi-body-form"]),
    },
  ],
});
