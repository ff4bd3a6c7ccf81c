import type { ShellFinding } from "../../src/scripts/types.js";
import { shellStep as shell } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

/** The script an inline Shell step becomes: its items one per line under Packer's shebang. */
const script = (...items: string[]) => `#!/bin/sh -e\n${items.map((i) => `${i}\n`).join("")}`;
/** ShellCheck's findings by script text, as the stage before lint hands them over. */
const lookup = (text: string, outcome: readonly ShellFinding[] | { unchecked: string }) => ({ shellcheck: new Map([[text, outcome]]) });
/** A finding of SC2086 on $BUILD in line 2 of a script (the first item). */
const SC2086: ShellFinding = { line: 2, column: 8, endLine: 2, endColumn: 14, severity: "info", code: 2086, message: "Double quote to prevent globbing and word splitting." };
const RM = "rm -rf $BUILD/";

ruleTester.run("shellcheck", {
  valid: [
    { name: "a script ShellCheck did not look at (not installed, or turned off)", text: shell(RM) },
    { name: "a script ShellCheck found nothing in", text: shell("echo ok"), options: lookup(script("echo ok"), []) },
    { name: "a PowerShell step is not ShellCheck's", options: lookup(script("sudo apt-get clean"), [SC2086]), replace: { '"type": "Shell", "name": "tidy"': '"type": "PowerShell", "name": "tidy"' } },
    { name: "the real ShellCheck on a clean script", text: shell("echo ok"), shellcheck: true },
  ],
  invalid: [
    {
      name: "a finding on its item and column, with its code and level",
      text: shell(RM),
      options: lookup(script(RM), [SC2086]),
      errors: [{ line: 16, covers: "$BUILD", severity: "info", message: "SC2086: Double quote to prevent globbing and word splitting." }],
    },
    {
      name: "a finding in the second item",
      text: shell("echo start", RM),
      options: lookup(script("echo start", RM), [{ ...SC2086, line: 3, endLine: 3 }]),
      errors: [{ line: 16, covers: "$BUILD", severity: "info" }],
    },
    {
      name: "a finding over several lines stands on its first line's item",
      text: shell("echo start", RM),
      options: lookup(script("echo start", RM), [{ ...SC2086, line: 3, endLine: 4 }]),
      errors: [{ line: 16, at: `"rm -rf`, severity: "info" }],
    },
    {
      name: "a finding on the shebang goes to the first item",
      text: shell("echo start", RM),
      options: lookup(script("echo start", RM), [{ ...SC2086, line: 1, column: 1, endColumn: 5, severity: "error", code: 2148 }]),
      errors: [{ line: 16, at: `"echo start"`, severity: "error", includes: "SC2148:" }],
    },
    {
      name: "a script ShellCheck did not check is a warning on its inline key",
      text: shell(RM),
      options: lookup(script(RM), { unchecked: "ShellCheck failed (shellcheck: internal error)" }),
      errors: [{ line: 16, at: `"inline"`, severity: "warning", message: "not checked by ShellCheck: ShellCheck failed (shellcheck: internal error)" }],
    },
    {
      name: "the real ShellCheck: findings on the inline item and column, with the code",
      text: shell("echo start", RM),
      shellcheck: true,
      errors: [
        { line: 16, covers: "$BUILD/", severity: "warning", includes: "SC2115:" },
        { line: 16, covers: "$BUILD", severity: "info", message: /^SC2086:/ },
      ],
    },
  ],
});
