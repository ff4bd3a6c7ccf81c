import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { findTemplates } from "../src/find/templates.js";
import { lintText } from "../src/lint/index.js";
import { toValue, type JsonValue } from "../src/parse/ast.js";
import { formatFor, parseText } from "../src/parse/index.js";
import { CATALOG } from "../src/lint/catalog.js";
import { editorSchema } from "../src/schema/editor.js";
import { API_VERSIONS, isApiVersion, LATEST_API_VERSION, type ApiVersion } from "../src/model/versions.js";
import { cli } from "./cli-harness.js";
import { LINUX, WINDOWS } from "./helpers.js";

const CORPUS = fileURLToPath(new URL("../../shared/corpus/", import.meta.url));
const corpusPresent = existsSync(`${CORPUS}MANIFEST.tsv`);
if (!corpusPresent && !process.env.CI) console.warn(`editor schema corpus test skipped: ${CORPUS} is absent (it comes with ../shared)`);

/** Strict ajv that knows VS Code's annotation keywords, so that any other unknown keyword is an error. */
function compiler(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
  ajv.addVocabulary(["markdownDescription", "enumDescriptions", "deprecationMessage"]);
  return ajv;
}

const validators = new Map<ApiVersion, ValidateFunction>();
function validatorFor(version: ApiVersion): ValidateFunction {
  let v = validators.get(version);
  if (!v) validators.set(version, (v = compiler().compile(editorSchema(version))));
  return v;
}

/** Each property schema, with its JSON pointer, from every `properties` map. */
function propertySchemas(schema: unknown, pointer = "#", out: [string, Record<string, unknown>][] = []): [string, Record<string, unknown>][] {
  if (!schema || typeof schema !== "object") return out;
  for (const [key, child] of Object.entries(schema)) {
    const at = `${pointer}/${key}`;
    if (key === "properties" && child && typeof child === "object") {
      for (const [name, prop] of Object.entries(child)) {
        out.push([`${at}/${name}`, prop as Record<string, unknown>]);
        propertySchemas(prop, `${at}/${name}`, out);
      }
    } else propertySchemas(child, at, out);
  }
  return out;
}

/** The properties a schema defines; those named in conditions (a rule's if/then, not, oneOf) define nothing. */
function names(schema: unknown): Set<string> {
  // a union's variants are if/then on the tag: what follows them is a definition again
  const inCondition = (pointer: string) => /\/(if|then|not|oneOf|anyOf)\//.test(pointer.replace(/^#\/definitions\/\w+\/allOf\/\d+\/(if|then)\//, "#/"));
  return new Set(propertySchemas(schema).filter(([p]) => !inCondition(p)).map(([p]) => p.replace(/\/then\/properties\//g, "/properties/")));
}

/** The bare resources of a text, with their literal apiVersion. */
function bareResources(file: string, text: string): { version: ApiVersion; value: JsonValue }[] {
  const parsed = parseText(text, formatFor(file, text));
  return parsed.documents.flatMap((doc) =>
    doc.fatal
      ? []
      : findTemplates(doc.root)
          .filter((t) => t.shape === "resource")
          .map((t) => toValue(t.node) as Record<string, JsonValue>)
          .filter((v): v is Record<string, JsonValue> & { apiVersion: ApiVersion } => typeof v.apiVersion === "string" && isApiVersion(v.apiVersion))
          .map((value) => ({ version: value.apiVersion, value })),
  );
}

const SCHEMA_STAGE = new Set(CATALOG.filter((r) => r.stage === "schema").map((r) => r.id));
/** Rules whose errors the editor schema also says (editor.ts addRuleLimits). */
const RULES_IN_SCHEMA = new Set(["location", "template-name", "build-timeout", "sha256-checksum", "restart-timeout", "empty-distribute", "identity", "script-source", "run-as-system", "target-regions", "run-output-name"]);
const CHECKED = (ruleId: string) => SCHEMA_STAGE.has(ruleId) || RULES_IN_SCHEMA.has(ruleId);

describe("aib-lint schema: the editor's JSON Schema", () => {
  it.each(API_VERSIONS)("%s compiles as strict draft-07, documents every property and carries no aib-lint annotations", (version) => {
    const schema = editorSchema(version);
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    validatorFor(version);
    // the tag's `const` inside if/then is matching machinery; the tag itself is documented beside the allOf
    const props = propertySchemas(schema).filter(([pointer, prop]) => !pointer.includes("/if/") && !("const" in prop));
    expect(props.length).toBeGreaterThan(20);
    for (const [pointer, prop] of props) {
      expect(prop.description, pointer).toEqual(expect.any(String));
      expect(prop.markdownDescription, pointer).toEqual(expect.any(String));
    }
    expect(JSON.stringify(schema)).not.toContain('"x-aib-');
    expect((schema.properties as Record<string, { enum?: string[] }>).apiVersion!.enum).toEqual([version]);
  });

  it.each(API_VERSIONS)("%s has the validation schema's properties, no more and no fewer (one model)", (version) => {
    const validation = JSON.parse(readFileSync(new URL(`../schemas/${version}.json`, import.meta.url), "utf8")) as unknown;
    expect(names(editorSchema(version))).toEqual(names(validation));
  });

  it("lists served regions by programmatic and display name, and carries defaults, limits and enums", () => {
    const schema = editorSchema("2025-10-01");
    const props = new Map(propertySchemas(schema));
    const location = (schema.properties as Record<string, { enum: string[] }>).location!;
    expect(location.enum).toEqual(expect.arrayContaining(["eastus2", "East US 2", "westeurope", "West Europe"]));
    expect(location.enum).not.toContain("southindia");
    expect(props.get("#/properties/properties/properties/buildTimeoutInMinutes")).toMatchObject({ type: "integer", default: 0 });
    const targetRegions = props.get("#/definitions/distributor/allOf/1/then/properties/targetRegions") as { items: { properties: Record<string, unknown> } };
    expect(targetRegions.items.properties.replicaCount).toMatchObject({ minimum: 1, default: 1 });
    expect(targetRegions.items.properties.storageAccountType).toMatchObject({ enum: ["Standard_LRS", "Standard_ZRS", "Premium_LRS"], default: "Standard_LRS" });
    expect(String((props.get("#/properties/properties/properties/buildTimeoutInMinutes") as { markdownDescription: string }).markdownDescription)).toContain("from 2019-05-01-preview on");
  });

  type Template = { apiVersion: string; identity: { userAssignedIdentities: Record<string, unknown>; type: string }; properties: Record<string, unknown> & { customize: Record<string, unknown>[]; distribute: Record<string, unknown>[] } };
  const edit = (change: (t: Template) => void, base = LINUX): Template => {
    const t = JSON.parse(base) as Template;
    change(t);
    return t;
  };
  const ID = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/";
  const GALLERY = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/ubuntu";
  const SUBNET = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/";
  // each: what the rule reports as an error, the schema rejects; the value next to it both accept
  const limits: [string, string, Template, Template][] = [
    ["build-timeout", "buildTimeoutInMinutes 1000", edit((t) => (t.properties.buildTimeoutInMinutes = 1000)), edit((t) => (t.properties.buildTimeoutInMinutes = 960))],
    ["build-timeout", "buildTimeoutInMinutes 5", edit((t) => (t.properties.buildTimeoutInMinutes = 5)), edit((t) => (t.properties.buildTimeoutInMinutes = 0))],
    ["build-timeout", "buildTimeoutInMinutes -1", edit((t) => (t.properties.buildTimeoutInMinutes = -1)), edit((t) => (t.properties.buildTimeoutInMinutes = 6))],
    ["run-output-name", "runOutputName with a space", edit((t) => (t.properties.distribute[1]!.runOutputName = "ubuntu vhd")), edit((t) => (t.properties.distribute[1]!.runOutputName = "ubuntu.vhd_2"))],
    ["sha256-checksum", "an MD5 as sha256Checksum", edit((t) => (t.properties.customize[0]!.sha256Checksum = "2c8d2a4e6f1b3c5d7e9f0a1b2c3d4e5f")), edit((t) => (t.properties.customize[0]!.sha256Checksum = ""))],
    ["restart-timeout", "restartTimeout 10 minutes", edit((t) => t.properties.customize.push({ type: "WindowsRestart", restartTimeout: "10 minutes" }), WINDOWS), edit((t) => t.properties.customize.push({ type: "WindowsRestart", restartTimeout: "1h30m" }), WINDOWS)],
    ["identity", "two identities", edit((t) => (t.identity.userAssignedIdentities[`${ID}other`] = {})), edit(() => undefined)],
    ["identity", "identity type None", edit((t) => ((t.identity.type = "None"), (t.identity.userAssignedIdentities = {}))), edit(() => undefined)],
    ["empty-distribute", "an empty distribute", edit((t) => (t.properties.distribute = [])), edit((t) => t.properties.distribute.pop())],
    ["script-source", "scriptUri and inline", edit((t) => (t.properties.customize[0]!.inline = ["x"])), edit((t) => delete t.properties.customize[0]!.sha256Checksum)],
    ["script-source", "neither scriptUri nor inline", edit((t) => delete t.properties.customize[1]!.inline), edit(() => undefined)],
    ["run-as-system", "runAsSystem without runElevated", edit((t) => (t.properties.customize[1]!.runAsSystem = true), WINDOWS), edit((t) => Object.assign(t.properties.customize[1]!, { runAsSystem: true, runElevated: true }), WINDOWS)],
    [
      "target-regions",
      "replicationRegions and targetRegions",
      edit((t) => (t.properties.distribute[0] = { type: "SharedImage", galleryImageId: GALLERY, runOutputName: "sig", replicationRegions: ["westus2"], targetRegions: [{ name: "westus2" }] })),
      edit((t) => (t.properties.distribute[0] = { type: "SharedImage", galleryImageId: GALLERY, runOutputName: "sig", targetRegions: [{ name: "westus2", replicaCount: 2 }] })),
    ],
    [
      "target-regions",
      "a distributor-level storageAccountType with targetRegions",
      edit((t) => (t.properties.distribute[0] = { type: "SharedImage", galleryImageId: GALLERY, runOutputName: "sig", storageAccountType: "Standard_ZRS", targetRegions: [{ name: "westus2" }] })),
      edit((t) => (t.properties.distribute[0] = { type: "SharedImage", galleryImageId: GALLERY, runOutputName: "sig", storageAccountType: "Standard_ZRS", replicationRegions: ["westus2"] })),
    ],
    [
      "vnet-config",
      "containerInstanceSubnetId without subnetId",
      edit((t) => ((t.apiVersion = "2024-02-01"), (t.properties.vmProfile = { vnetConfig: { containerInstanceSubnetId: `${SUBNET}aci` } }))),
      edit((t) => ((t.apiVersion = "2024-02-01"), (t.properties.vmProfile = { vnetConfig: { subnetId: `${SUBNET}vm`, containerInstanceSubnetId: `${SUBNET}aci` } }))),
    ],
    [
      "vnet-config",
      "containerInstanceSubnetId with proxyVmSize",
      edit((t) => ((t.apiVersion = "2024-02-01"), (t.properties.vmProfile = { vnetConfig: { subnetId: `${SUBNET}vm`, containerInstanceSubnetId: `${SUBNET}aci`, proxyVmSize: "Standard_A1_v2" } }))),
      edit((t) => ((t.apiVersion = "2024-02-01"), (t.properties.vmProfile = { vnetConfig: { subnetId: `${SUBNET}vm`, proxyVmSize: "Standard_A1_v2" } }))),
    ],
  ];
  it.each(limits)("says what %s says: %s is rejected, its neighbour accepted, by the rule and by the schema", (ruleId, _what, bad, good) => {
    const errors = (t: Template) => lintText({ file: "t.json", text: JSON.stringify(t, null, 2) }).diagnostics.filter((d) => d.severity === "error").map((d) => d.ruleId);
    expect(errors(bad)).toContain(ruleId);
    expect(validatorFor(bad.apiVersion as ApiVersion)(bad)).toBe(false);
    expect(errors(good)).toEqual([]);
    const validate = validatorFor(good.apiVersion as ApiVersion);
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
  });

  it("follows the version: runOutputName takes '.' from 2019-05-01-preview on, buildTimeoutInMinutes and identity exist from then on", () => {
    const runOutputName = (version: ApiVersion) => new Map(propertySchemas(editorSchema(version))).get("#/definitions/distributor/allOf/0/then/properties/runOutputName") as { pattern: string };
    expect(new RegExp(runOutputName("2019-02-01-preview").pattern, "u").test("a.b")).toBe(false);
    expect(new RegExp(runOutputName("2019-05-01-preview").pattern, "u").test("a.b")).toBe(true);
    const old = editorSchema("2019-02-01-preview");
    expect(old.required).not.toContain("identity");
    expect(JSON.stringify(old)).not.toContain("buildTimeoutInMinutes");
    expect(editorSchema("2019-05-01-preview").required).toContain("identity");
  });

  it("defaults to the latest version and prints per version from the CLI", async () => {
    const latest = await cli(["schema"]);
    expect(latest.code).toBe(0);
    expect(JSON.parse(latest.stdout)).toEqual(editorSchema(LATEST_API_VERSION));
    const old = await cli(["schema", "--api-version", "2020-02-14"]);
    expect(JSON.parse(old.stdout).properties.apiVersion.enum).toEqual(["2020-02-14"]);
    const bad = await cli(["schema", "--api-version", "2020-01-01"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected one of");
  });

  it("accepts a customizer's own fields through if/then on type, and nothing another type owns", () => {
    const validate = validatorFor("2022-07-01");
    const base = JSON.parse(LINUX) as { properties: { customize: unknown[] } };
    base.properties.customize = [{ type: "PowerShell", name: "p", inline: ["x"], runElevated: true, validExitCodes: [0, 3010] }, { type: "WindowsRestart", restartTimeout: "10m" }];
    expect(validate(base), JSON.stringify(validate.errors)).toBe(true);
    base.properties.customize = [{ type: "Shell", name: "s", inline: ["x"], runElevated: true }];
    expect(validate(base)).toBe(false);
    base.properties.customize = [{ type: "shell", name: "s", inline: ["x"] }];
    expect(validate(base)).toBe(false);
  });

  it("accepts the valid templates of the tests and fixtures, and rejects the broken example", () => {
    const valid = [
      ["linux.json", LINUX],
      ["windows.json", WINDOWS],
      ["linux-gallery.json", readFileSync(new URL("../fixtures/examples/linux-gallery.json", import.meta.url), "utf8")],
    ];
    for (const [file, text] of valid) {
      const resources = bareResources(file!, text!);
      expect(resources.length, file).toBeGreaterThan(0);
      for (const { version, value } of resources) expect(validatorFor(version)(value), `${file}: ${JSON.stringify(validatorFor(version).errors)}`).toBe(true);
    }
    const broken = readFileSync(new URL("../fixtures/examples/broken.yaml", import.meta.url), "utf8");
    const [resource] = bareResources("broken.yaml", broken);
    expect(validatorFor(resource!.version)(resource!.value)).toBe(false);
  });

  it.skipIf(!corpusPresent)("agrees with the schema stage on every bare resource of the corpus (placeholders filled in as their sed would)", () => {
    const files = readFileSync(`${CORPUS}MANIFEST.tsv`, "utf8").trim().split("\n").slice(1).map((l) => l.split("\t")[0]!);
    let accepted = 0;
    let rejected = 0;
    for (const file of files) {
      const raw = readFileSync(`${CORPUS}${file}`, "utf8");
      const text = raw.replace(/<<?([A-Za-z][\w .\-/]*)>>?/g, (_, name: string) => (/region|location/i.test(name) ? "westus2" : name.replace(/[^A-Za-z0-9]/g, "")));
      const resources = bareResources(file, text);
      if (resources.length !== 1) continue;
      const { version, value } = resources[0]!;
      const errors = lintText({ file, text }).diagnostics.filter((d) => d.severity === "error" && CHECKED(d.ruleId));
      const verdict = validatorFor(version)(value);
      expect(verdict, `${file}: lint says ${JSON.stringify(errors.map((e) => e.message))}; ajv says ${JSON.stringify(validatorFor(version).errors?.slice(0, 3))}`).toBe(errors.length === 0);
      if (verdict) accepted++;
      else rejected++;
    }
    expect(accepted).toBeGreaterThan(10);
    expect(rejected).toBeGreaterThan(10);
  });
});
