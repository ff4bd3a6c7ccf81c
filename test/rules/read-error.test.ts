import { expect } from "vitest";
import { LINUX } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

/** LINUX after 2 MB of blanks: over a 1 MB --max-file-size. */
const BIG = `${" ".repeat(2 * 1024 * 1024)}${LINUX}`;

ruleTester.run("read-error", {
  valid: [{ name: "a file under --max-file-size", args: ["--max-file-size", "1"] }],
  invalid: [
    {
      name: "a file over --max-file-size is named in the report, and the run exits 2",
      text: BIG,
      file: "big.json",
      args: ["--max-file-size", "1"],
      errors: [{ line: 1, column: 1, severity: "error", includes: "over the 1.0 MB limit (--max-file-size)" }],
      also: ({ exitCode }) => expect(exitCode).toBe(2),
    },
  ],
});
