import { expect, vi } from "vitest";
import { byRule } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

/** A file whose text holds this makes the lint of that file fail, as a bug would (see the mock below). */
const BREAKS = "aib-lint-test: break here";

// the public lint entry, failing on files that ask for it: what the run does with a bug in one file
vi.mock(import("../../src/lint/index.js"), async (original) => {
  const lint = await original();
  return {
    ...lint,
    lintText: (input, options) => {
      if (input.text.includes(BREAKS)) throw new TypeError("a bug for the test");
      return lint.lintText(input, options);
    },
  };
});

ruleTester.run("internal-error", {
  valid: [{ name: "a file linted without failing", args: [] }],
  invalid: [
    {
      name: "a failure on one file is an error on it, the run exits 2, and the next file is still linted",
      text: `{ "description": "${BREAKS}" }`,
      file: "a-broken.json",
      files: { "b.json": `{ "type": "Microsoft.VirtualMachineImages/imageTemplates", "apiVersion": "2022-07-01", "location": "southindia" }` },
      args: ["b.json"],
      errors: [{ line: 1, column: 1, severity: "error", message: "aib-lint failed on this file (a bug for the test); nothing in it was checked" }],
      also: ({ all, exitCode, stderr }) => {
        expect(exitCode).toBe(2);
        expect(stderr).toContain("internal error while linting a-broken.json: a bug for the test");
        expect(byRule(all, "location").map((d) => d.file)).toEqual(["b.json"]);
      },
    },
  ],
});
