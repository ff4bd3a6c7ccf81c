/**
 * Hand-written Bicep twins of five corpus templates of different kinds (fixtures/bicep/corpus): each
 * twin gets the findings of its JSON original, rule for rule, at the corresponding places.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { lintText } from "../src/lint/index.js";
import { type FileResult } from "../src/core/result.js";
import { prepareBicep } from "../src/parse/bicep-loader.js";

beforeAll(prepareBicep);

const CORPUS = fileURLToPath(new URL("../../shared/corpus/", import.meta.url));
const present = existsSync(`${CORPUS}MANIFEST.tsv`);
if (!present) console.warn(`Bicep twin comparison skipped: ${CORPUS} is absent (it comes with ../shared); the twins are still linted`);

interface Twin {
  twin: string;
  original: string;
  /** The twin's own findings: severity, rule, line in the Bicep file. */
  findings: string[];
  /** Findings that differ on purpose, original → twin (`severity rule path`), with the reason. */
  differences?: { original: string; twin: string; why: string }[];
}

const TWINS: Twin[] = [
  {
    twin: "trigger-quickstart.bicep",
    original: "azure-azvmimagebuilder/quickquickstarts__9_Setting_up_a_Trigger_with_a_Custom_Linux_Image__helloImageTemplate.json",
    findings: ["error placeholder 8", "error placeholder 12", "warning read-only-property 17", "warning interactive-command 54", "error placeholder 63", "error placeholder 64", "error placeholder 67", "error placeholder 71"],
  },
  {
    twin: "env-variables-arm.bicep",
    original: "danielsollondon-azvmimagebuilder/solutions__4_Using_ENV_Variables__devOpsEnvTemplate.json",
    findings: ["error identity 13", "warning api-version 13", "error unknown-property 51"],
  },
  {
    twin: "rest-windows-2024.bicep",
    original: "azure-rest-api-specs/specification__imagebuilder__resource-manager__Microsoft.VirtualMachineImages__stable__2024-02-01__examples__CreateImageTemplateWindows.json",
    findings: ["warning unique-step-name 74", "error distribution-region 103", "error placeholder 105", "error placeholder 115"],
  },
  {
    twin: "windows-baseline.bicep",
    original: "azure-quickstart-templates/demos__imagebuilder-windowsbaseline__azuredeploy.json",
    findings: ["error required-property 130"],
  },
  {
    twin: "rhel-iso-arm.bicep",
    original: "danielsollondon-azvmimagebuilder/armTemplates__rhel_iso_image_deploy_mdi.json",
    findings: ["error identity 17", "warning api-version 17", "error iso-source 23", "info property-case 24", "error unknown-property 40"],
    differences: [
      {
        original: "info api-version $.apiVersion",
        twin: "warning api-version $.apiVersion",
        why: "the original's apiVersion is a parameter, checked against the version it fits best (a note); a Bicep type names its version, here that same 2019-05-01-preview, which is deprecated",
      },
    ],
  },
];

/** `severity rule path`, the path below the template's own, so that JSON and Bicep places compare. */
function places(result: FileResult): string[] {
  const prefix = result.templates[0]?.path ?? "$";
  return result.diagnostics.map((d) => `${d.severity} ${d.ruleId} $${d.path.startsWith(prefix) ? d.path.slice(prefix.length) : d.path}`).sort();
}

describe("Bicep twins of corpus templates", () => {
  it.each(TWINS)("$twin is linted with its findings at Bicep lines", ({ twin, findings }) => {
    const text = readFileSync(new URL(`../fixtures/bicep/corpus/${twin}`, import.meta.url), "utf8");
    const result = lintText({ file: twin, text, explicit: true });
    expect(result.templates).toHaveLength(1);
    expect(result.diagnostics.map((d) => `${d.severity} ${d.ruleId} ${d.range.start.line}`)).toEqual(findings);
  });

  it.skipIf(!present).each(TWINS)("$twin has the findings of its JSON original at the corresponding places", ({ twin, original, differences = [] }) => {
    const twinResult = lintText({ file: twin, text: readFileSync(new URL(`../fixtures/bicep/corpus/${twin}`, import.meta.url), "utf8"), explicit: true });
    const originalResult = lintText({ file: original, text: readFileSync(`${CORPUS}${original}`, "utf8"), explicit: true });
    const expected = places(originalResult).map((p) => differences.find((d) => d.original === p)?.twin ?? p).sort();
    expect(places(twinResult)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });
});
