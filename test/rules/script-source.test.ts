import { expect } from "vitest";
import { ruleTester, type ValidCase } from "../rule-tester.js";

const tidy = (members: string) => ({ lines: { 16: `      { "type": "Shell", "name": "tidy", ${members} },` } });

ruleTester.run("script-source", {
  valid: [
    { name: "scriptUri or inline alone; File steps" },
    ...["scriptURI", "scirptUri", "inlne"].map((key): ValidCase => ({
      name: `a misspelt ${key} is the schema's one finding, not also 'nothing to run'`,
      ...tidy(`"${key}": "https://example.org/a.sh"`),
      also: ({ all }) => expect(all.some((d) => d.ruleId === "unknown-property" || d.ruleId === "property-case")).toBe(true),
    })),
  ],
  invalid: [
    { name: "both scriptUri and inline, at the second", ...tidy(`"scriptUri": "https://example.org/a.sh", "inline": ["sudo apt-get clean"]`), errors: [{ line: 16, at: `"inline"`, severity: "error" }] },
    { name: "a step with neither, at its type", lines: { 16: `      { "type": "Shell", "name": "tidy" },` }, errors: [{ line: 16, at: `"Shell"`, includes: "nothing to run" }] },
    {
      // line 15 still says scriptUri, which 2019-02-01-preview does not know: only that step lacks a script
      name: "`script` before 2019-05-01-preview",
      lines: { 3: `  "apiVersion": "2019-02-01-preview",`, 16: `      { "type": "Shell", "name": "tidy", "script": "https://example.org/a.sh" },` },
      errors: [{ line: 15, at: `"Shell"` }],
    },
  ],
});
