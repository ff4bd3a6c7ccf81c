import { expect } from "vitest";
import { errors, LINUX } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

const version = (value: string) => ({ lines: { 3: `  "apiVersion": ${value},` } });
/** LINUX in an ARM deployment template, its apiVersion given by a parameter (with a default or not). */
const arm = (parameters: object) =>
  JSON.stringify(
    {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters,
      resources: [{ ...JSON.parse(LINUX), apiVersion: "[parameters('apiVersion')]" }],
    },
    null,
    2,
  );
const UNRESOLVED = arm({});

ruleTester.run("api-version", {
  valid: [
    ...["2020-02-14", "2022-07-01", "2024-02-01", "2025-10-01"].map((v) => ({ name: `the stable version ${v}`, ...version(`"${v}"`) })),
    { name: "an unresolved apiVersion given by --api-version or the configuration", text: UNRESOLVED, options: { defaultApiVersion: "2022-07-01" } },
  ],
  invalid: [
    { name: "the deprecated 2019-05-01-preview is a warning", ...version(`"2019-05-01-preview"`), errors: [{ line: 3, at: `"2019-05-01-preview"`, severity: "warning" }] },
    { name: "a retired preview version", ...version(`"2019-02-01-preview"`), errors: [{ line: 3, at: `"2019-02-01-preview"`, severity: "error" }] },
    {
      name: "an unknown version, with a suggestion",
      ...version(`"2019-05-01"`),
      errors: [{ line: 3, at: `"2019-05-01"`, severity: "error", includes: `did you mean "2019-05-01-preview"` }],
    },
    {
      name: "a parameter's default value, resolved",
      text: arm({ apiVersion: { type: "string", defaultValue: "2019-02-01-preview" } }),
      errors: [{ at: `"[parameters('apiVersion')]"`, includes: `resolved to "2019-02-01-preview"` }],
    },
    {
      name: "an apiVersion that cannot be resolved is a note, without an error",
      text: UNRESOLVED,
      errors: [{ at: `"[parameters('apiVersion')]"`, severity: "info" }],
      also: ({ all }) => expect(errors(all)).toEqual([]),
    },
    {
      name: "a version given by --api-version or the configuration is still checked for retirement",
      text: UNRESOLVED,
      options: { defaultApiVersion: "2019-02-01-preview" },
      errors: [{ at: `"[parameters('apiVersion')]"`, severity: "error", includes: "--api-version or the configuration" }],
    },
  ],
});
