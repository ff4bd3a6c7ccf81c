import { describe, expect, it } from "vitest";
import { findTemplates } from "../src/find/templates.js";
import { parseJson } from "../src/parse/json.js";
import { byRule, LINUX, lint } from "./helpers.js";

const resource = JSON.parse(LINUX) as Record<string, unknown>;
const find = (value: unknown) => findTemplates(parseJson(JSON.stringify(value, null, 2)).documents[0]!.root);

describe("finding templates", () => {
  it("finds a bare resource, in any case of type", () => {
    expect(find(resource).map((t) => t.shape)).toEqual(["resource"]);
    expect(find({ ...resource, type: "MICROSOFT.VIRTUALMACHINEIMAGES/IMAGETEMPLATES" })).toHaveLength(1);
  });
  it("finds resources of an ARM template, nested deployments included, and nothing else", () => {
    const nested = { type: "Microsoft.Resources/deployments", apiVersion: "2021-04-01", name: "n", properties: { mode: "Incremental", template: { resources: [resource] } } };
    const arm = { $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", contentVersion: "1.0.0.0", resources: [{ type: "Microsoft.Storage/storageAccounts" }, resource, nested] };
    const found = find(arm);
    expect(found.map((t) => t.shape)).toEqual(["arm-resource", "arm-resource"]);
    // outer scope (ARM's default): the nested template's expressions resolve against the parent
    expect(found[1]!.deployment).toBe(found[0]!.deployment);
    const inner = find({ ...arm, resources: [{ ...nested, properties: { ...nested.properties, expressionEvaluationOptions: { scope: "Inner" } } }] });
    expect(inner[0]!.deployment).not.toBe(found[0]!.deployment);
    expect(inner[0]!.passedParameters?.kind).toBe("object");
  });
  it("understands languageVersion 2.0 symbolic resources and skips existing ones", () => {
    const arm = { languageVersion: "2.0", contentVersion: "1.0.0.0", resources: { tpl: resource, old: { ...resource, existing: true } } };
    expect(find(arm).map((t) => t.shape)).toEqual(["arm-resource"]);
  });
  it("finds REST bodies and REST specification examples", () => {
    const body = { location: "westus2", identity: resource.identity, properties: resource.properties };
    expect(find(body).map((t) => t.shape)).toEqual(["request-body"]);
    const example = { parameters: { "api-version": "2022-07-01", imageTemplateName: "x", parameters: body }, responses: {} };
    const found = find(example);
    expect(found.map((t) => t.shape)).toEqual(["request-body"]);
    expect(found[0]!.externalApiVersion?.kind).toBe("string");
  });
  it("flags the provider-only type", () => {
    expect(find({ ...resource, type: "Microsoft.VirtualMachineImages" })[0]!.providerOnlyType).toBe(true);
  });
  it("ignores parameter files, package.json and other documents", () => {
    expect(find({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", parameters: { location: { value: "westus2" } } })).toEqual([]);
    expect(find({ name: "pkg", version: "1.0.0", dependencies: {} })).toEqual([]);
    expect(find([resource])).toEqual([]);
  });
  it("warns only for explicitly named files without templates", () => {
    expect(byRule(lint(`{"name": "pkg"}`), "no-template")).toHaveLength(1);
    expect(lint(`{"name": "pkg"}`, "t.json").length).toBe(1);
  });
});
