import { expect } from "vitest";
import { errors } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

ruleTester.run("unknown-type", {
  valid: [{ name: "known types" }],
  invalid: [
    {
      name: "one finding naming the allowed values, not a cascade",
      lines: { 21: `      { "type": "vhd", "runOutputName": "ubuntu-vhd", "whatever": 1 }` },
      errors: [{ line: 21, at: `"vhd"`, severity: "error", includes: [`"ManagedImage", "SharedImage", "VHD"`, `did you mean "VHD"`] }],
      also: ({ all }) => expect(errors(all)).toHaveLength(1),
    },
    {
      name: "the documentation's lowercase distribute types, explained",
      replace: { [`"type": "ManagedImage"`]: `"type": "managedImage"` },
      errors: [{ line: 20, at: `"managedImage"`, message: /did you mean "ManagedImage".*case-sensitive.*2018-02-01-preview/ }],
    },
  ],
});
