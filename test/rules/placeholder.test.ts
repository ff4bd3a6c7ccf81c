import { describe, expect, it } from "vitest";
import { at, byRule, errors, expectFinding, LINUX, lint, replaceOnce, withLine } from "../helpers.js";

describe("placeholder", () => {
  it("reports an unreplaced placeholder once per value, with no second error for the value", () => {
    const text = withLine(LINUX, 4, `  "location": "<region1>",`);
    const found = lint(text);
    const d = expectFinding(found, "placeholder", at(text, 4, `"<region1>"`), "error");
    expect(d.message).toContain("<region1>");
    expect(errors(found)).toHaveLength(1);
  });
  it("finds placeholders inside resource IDs and keys", () => {
    const text = replaceOnce(LINUX, "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/id-rg", "/subscriptions/<subscriptionID>/resourceGroups/<rgName>");
    const d = expectFinding(lint(text), "placeholder", at(text, 8, `"/subscriptions/<subscriptionID>`));
    expect(d.message).toContain("<subscriptionID>");
    expect(d.message).toContain("<rgName>");
  });
  it("finds <<namePrefix>> and {subscription-id}", () => {
    const text = withLine(LINUX, 21, `      { "type": "VHD", "runOutputName": "<<namePrefix>>-{subscription-id}" }`);
    expect(byRule(lint(text), "placeholder")[0]!.message).toMatch(/<<namePrefix>>.*\{subscription-id\}/);
  });
  it("finds {subscriptionId} and placeholders written with JSON escapes", () => {
    const braces = withLine(LINUX, 21, `      { "type": "VHD", "runOutputName": "/subscriptions/{subscriptionId}/x" }`);
    expectFinding(lint(braces), "placeholder", at(braces, 21, `"/subscriptions/{subscriptionId}`));
    const escaped = withLine(LINUX, 4, `  "location": "\\u003cregion1\\u003e",`);
    expect(expectFinding(lint(escaped), "placeholder", at(escaped, 4, `"\\u003c`)).message).toContain("<region1>");
  });
  it("finds them in YAML templates and in values resolved from ARM parameters", () => {
    const yaml = "type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2022-07-01\nlocation: <region1>\nproperties:\n  source: { type: PlatformImage }\n";
    expectFinding(lint(yaml, "t.yaml"), "placeholder", { line: 3, column: 11 });
    const arm = JSON.stringify({
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      parameters: { region: { type: "string", defaultValue: "<region1>" } },
      resources: [{ type: "Microsoft.VirtualMachineImages/imageTemplates", apiVersion: "2022-07-01", name: "x", location: "[parameters('region')]", properties: {} }],
    });
    expect(byRule(lint(arm), "placeholder").map((d) => d.message).join()).toContain("<region1>");
  });
  it("does not read shell redirections in inline commands as placeholders", () => {
    const text = withLine(LINUX, 16, `      { "type": "Shell", "name": "tidy", "inline": ["echo hi > /tmp/x", "cat <<EOF > /tmp/y", "<command to run inline>"] },`);
    const found = byRule(lint(text), "placeholder");
    expect(found).toHaveLength(1);
    expect(found[0]!.range.start).toEqual(at(text, 16, `"<command to run inline>"`));
  });
});
