import { expect } from "vitest";
import { ruleTester } from "../rule-tester.js";

const V2024 = `  "apiVersion": "2024-02-01",`;
const CASE_VARIANT = `  "location": "westus2", "Location": "eastus",`;

ruleTester.run("unknown-property", {
  valid: [
    { name: "known properties" },
    {
      name: "keys of free-form maps (tags, artifactTags, identities) are never judged or renamed",
      lines: { 4: `  "location": "westus2", "tags": { "Name": "golden", "Type": "linux" },` },
      also: ({ all }) => expect(all).toEqual([]),
    },
    { name: "a case variant before 2024-02-01 (a note of property-case)", replace: { [`"sourceUri": "https://example.org/app.conf"`]: `"sourceURI": "https://example.org/app.conf"` } },
    { name: "a case variant of one field before 2024-02-01 (a duplicate key)", lines: { 4: CASE_VARIANT } },
  ],
  invalid: [
    {
      name: "an unknown property, at its key, with a suggestion",
      lines: { 14: `    "custmize": [` },
      errors: [{ line: 14, at: `"custmize"`, severity: "error", includes: [`did you mean "customize"`, "ignores it silently"] }],
    },
    { name: "unknown fields are rejected from 2024-02-01", lines: { 3: V2024, 14: `    "custmize": [` }, errors: [{ line: 14, at: `"custmize"`, includes: "rejects" }] },
    {
      name: "a case variant from 2024-02-01",
      replace: { [`"sourceUri": "https://example.org/app.conf"`]: `"sourceURI": "https://example.org/app.conf"` },
      lines: { 3: V2024 },
      errors: [{ line: 17, at: `"sourceURI"`, includes: `did you mean "sourceUri"` }],
    },
    {
      name: "a case variant of one field from 2024-02-01",
      lines: { 3: V2024, 4: CASE_VARIANT },
      errors: [{ line: 4, at: `"Location"` }],
    },
    {
      name: "a case variant of a property that belongs elsewhere: one finding naming the key as written, without a case note",
      replace: { [`"version": "latest" }`]: `"version": "latest", "ImageId": "x" }` },
      errors: [{ line: 13, at: `"ImageId"`, includes: `"ImageId" is not a property of the PlatformImage source` }],
      also: ({ all }) => expect(all.map((d) => d.ruleId)).toEqual(["unknown-property"]),
    },
  ],
});
