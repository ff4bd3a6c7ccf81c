import { expect } from "vitest";
import { at, byRule, errors, WINDOWS } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

const timeout = (value: string) => ({ lines: { 12: `    "buildTimeoutInMinutes": ${value},` } });

ruleTester.run("build-timeout", {
  valid: [
    ...["0", "6", "59", "960"].map((value) => ({ name: `${value} on Linux`, ...timeout(value) })),
    {
      name: "a string is left to the schema (one finding, not two)",
      ...timeout(`"80"`),
      also: ({ all, text }) => expect(byRule(all, "value-type").map((d) => d.range.start)).toContainEqual(at(text, 12, `"80"`)),
    },
    { name: "a Windows build of 45 minutes with a configured minimum of 30", text: WINDOWS, ...timeout("45"), options: { rules: { "build-timeout": { level: "error", options: { windowsMinimum: 30 } } } } },
    { name: "the rule turned off", ...timeout("961"), options: { rules: { "build-timeout": { level: "off" } } } },
  ],
  invalid: [
    { name: "more than 960 minutes, naming the limit", ...timeout("961"), errors: [{ line: 12, at: "961", severity: "error", includes: "960" }] },
    { name: "1 to 5 minutes (the service minimum is 6)", ...timeout("5"), errors: [{ line: 12, at: "5", includes: "minimum is 6" }] },
    { name: "a negative value", ...timeout("-1"), errors: [{ line: 12, at: "-1", severity: "error" }] },
    {
      name: "a Windows build under 60 minutes is a warning",
      text: WINDOWS,
      ...timeout("45"),
      errors: [{ line: 12, at: "45", severity: "warning" }],
      also: ({ all }) => expect(errors(all)).toEqual([]),
    },
    {
      name: "a Windows build under a configured minimum of 90",
      text: WINDOWS,
      ...timeout("80"),
      options: { rules: { "build-timeout": { level: "error", options: { windowsMinimum: 90 } } } },
      errors: [{ line: 12, at: "80", severity: "warning", includes: "the configured minimum is at least 90 minutes" }],
    },
    { name: "a level set by the configuration", ...timeout("961"), options: { rules: { "build-timeout": { level: "warning" } } }, errors: [{ line: 12, at: "961", severity: "warning" }] },
  ],
});
