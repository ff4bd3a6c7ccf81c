import { expect } from "vitest";
import { errors } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

const SOURCE_URI = `"sourceUri": "https://example.org/app.conf"`;

ruleTester.run("property-case", {
  valid: [
    { name: "names in their own case" },
    { name: "from 2024-02-01 a case variant is an unknown property", replace: { [SOURCE_URI]: `"sourceURI": "https://example.org/app.conf"` }, lines: { 3: `  "apiVersion": "2024-02-01",` } },
  ],
  invalid: [
    {
      name: "a case variant before 2024-02-01 is read, with a note",
      replace: { [SOURCE_URI]: `"sourceURI": "https://example.org/app.conf"` },
      errors: [{ line: 17, at: `"sourceURI"`, severity: "info" }],
      also: ({ all }) => expect(errors(all)).toEqual([]),
    },
  ],
});
