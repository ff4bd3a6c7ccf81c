import { describe, expect, it } from "vitest";
import { API_VERSIONS, type ApiVersion } from "../src/model/versions.js";
import { byRule, errors, lint } from "./helpers.js";

const SUB = "0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19";
const IDENTITY = { type: "UserAssigned", userAssignedIdentities: { [`/subscriptions/${SUB}/resourceGroups/id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aib`]: {} } };
const GALLERY = `/subscriptions/${SUB}/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/d`;

/** A minimal valid template written the way each version wants it. */
function minimal(version: ApiVersion): Record<string, unknown> {
  const old = version === "2018-02-01-preview" || version === "2019-02-01-preview";
  const properties: Record<string, unknown> = {
    source: { type: "PlatformImage", publisher: "Canonical", offer: "UbuntuServer", sku: "18.04-LTS", version: "18.04.201903060" },
    customize: [{ type: version === "2018-02-01-preview" ? "shell" : "Shell", name: "s", ...(old ? { script: "https://example.org/s.sh" } : { scriptUri: "https://example.org/s.sh" }) }],
    distribute: [
      version === "2018-02-01-preview"
        ? { type: "sharedImage", galleryImageId: GALLERY, runOutputName: "sig", replicationRegions: ["westus2"] }
        : { type: "SharedImage", galleryImageId: GALLERY, runOutputName: "sig", ...(version <= "2022-02-14" ? { replicationRegions: ["westus2"] } : {}) },
    ],
  };
  return { type: "Microsoft.VirtualMachineImages/imageTemplates", apiVersion: version, location: "westus2", ...(old ? {} : { identity: IDENTITY }), properties };
}

const text = (value: unknown) => JSON.stringify(value, null, 2);

describe.each(API_VERSIONS)("apiVersion %s", (version) => {
  it("accepts a minimal template written for it (only the version's own status is reported)", () => {
    const found = lint(text(minimal(version)));
    expect(found.filter((d) => d.ruleId !== "api-version")).toEqual([]);
    const status = byRule(found, "api-version").map((d) => d.severity);
    if (version < "2019-05-01-preview") expect(status).toEqual(["error"]);
    else if (version === "2019-05-01-preview") expect(status).toEqual(["warning"]);
    else expect(status).toEqual([]);
  });
});

/** Properties added by a version: flagged (naming the version) in the version before, accepted from it on. */
const INTRODUCED: { since: ApiVersion; what: string; apply: (t: { properties: Record<string, unknown> } & Record<string, unknown>) => void }[] = [
  { since: "2019-05-01-preview", what: "buildTimeoutInMinutes", apply: (t) => (t.properties.buildTimeoutInMinutes = 60) },
  { since: "2020-02-14", what: "planInfo", apply: (t) => Object.assign(t.properties.source as object, { planInfo: { planName: "p", planProduct: "q", planPublisher: "r" } }) },
  { since: "2020-02-14", what: "excludeFromLatest", apply: (t) => Object.assign((t.properties.distribute as object[])[0]!, { excludeFromLatest: true }) },
  { since: "2021-10-01", what: "userAssignedIdentities", apply: (t) => (t.properties.vmProfile = { userAssignedIdentities: [] }) },
  { since: "2022-02-14", what: "stagingResourceGroup", apply: (t) => (t.properties.stagingResourceGroup = `/subscriptions/${SUB}/resourceGroups/staging`) },
  { since: "2022-02-14", what: "validate", apply: (t) => (t.properties.validate = { inVMValidations: [{ type: "Shell", name: "v", inline: ["true"] }] }) },
  { since: "2022-07-01", what: "optimize", apply: (t) => (t.properties.optimize = { vmBoot: { state: "Enabled" } }) },
  { since: "2022-07-01", what: "uri", apply: (t) => (t.properties.distribute as object[]).push({ type: "VHD", runOutputName: "vhd", uri: "https://s.blob.core.windows.net/c/x.vhd" }) },
  { since: "2023-07-01", what: "errorHandling", apply: (t) => (t.properties.errorHandling = { onCustomizerError: "abort", onValidationError: "cleanup" }) },
  { since: "2024-02-01", what: "autoRun", apply: (t) => (t.properties.autoRun = { state: "Disabled" }) },
  { since: "2024-02-01", what: "managedResourceTags", apply: (t) => (t.properties.managedResourceTags = { team: "platform" }) },
  { since: "2025-10-01", what: "additionalDataDisks", apply: (t) => (t.properties.additionalDataDisks = [{ sizeGB: 64 }]) },
  { since: "2025-10-01", what: "replicationMode", apply: (t) => Object.assign((t.properties.distribute as object[])[0]!, { replicationMode: "Shallow" }) },
];

describe.each(INTRODUCED)("$what (from $since)", ({ since, what, apply }) => {
  const index = API_VERSIONS.indexOf(since);
  it(`is accepted in ${since} and later`, () => {
    for (const version of API_VERSIONS.slice(index)) {
      const t = minimal(version) as Parameters<typeof apply>[0];
      apply(t);
      expect(errors(lint(text(t))), version).toEqual([]);
    }
  });
  it(`is reported before ${since}, naming ${since}`, () => {
    const before = API_VERSIONS[index - 1]!;
    const t = minimal(before) as Parameters<typeof apply>[0];
    apply(t);
    const found = byRule(lint(text(t)), "property-version");
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.message).toContain(what);
    expect(found[0]!.message).toContain(since);
  });
});

describe("removed or renamed across versions", () => {
  it("ISO sources exist up to 2019-05-01-preview only", () => {
    const t = minimal("2020-02-14") as { properties: Record<string, unknown> };
    t.properties.source = { type: "ISO", sourceUri: "https://x/rhel-server-7.4-x86_64-dvd.iso", sha256Checksum: "" };
    expect(byRule(lint(text(t)), "property-version")[0]!.message).toMatch(/source type "ISO".*up to 2019-05-01-preview/);
  });
  it("the legacy vnetConfig is accepted under 2019-05-01-preview and reported from 2020-02-14", () => {
    for (const [version, count] of [["2019-05-01-preview", 0], ["2020-02-14", 3]] as const) {
      const t = minimal(version) as { properties: Record<string, unknown> };
      t.properties.vmProfile = { vnetConfig: { name: "v", subnetName: "s", resourceGroupName: "r" } };
      expect(byRule(lint(text(t)), "property-version"), version).toHaveLength(count);
    }
  });
  it("replicationRegions is required up to 2022-02-14 and deprecated from 2022-07-01", () => {
    const without = minimal("2022-02-14") as { properties: { distribute: Record<string, unknown>[] } };
    delete without.properties.distribute[0]!.replicationRegions;
    expect(byRule(lint(text(without)), "required-property")[0]!.message).toContain("replicationRegions");
    const deprecated = minimal("2022-07-01") as { properties: { distribute: Record<string, unknown>[] } };
    deprecated.properties.distribute[0]!.replicationRegions = ["westus2"];
    expect(byRule(lint(text(deprecated)), "deprecated-property")).toHaveLength(1);
  });
  it("Premium_LRS exists from 2022-07-01", () => {
    for (const [version, count] of [["2022-02-14", 1], ["2022-07-01", 0]] as const) {
      const t = minimal(version) as { properties: { distribute: Record<string, unknown>[] } };
      Object.assign(t.properties.distribute[0]!, { replicationRegions: ["westus2"], storageAccountType: "Premium_LRS" });
      expect(errors(lint(text(t))), version).toHaveLength(count);
    }
  });
  it("WindowsUpdate customizers exist from 2019-05-01-preview (service-supported there) on", () => {
    for (const [version, count] of [["2019-02-01-preview", 1], ["2019-05-01-preview", 0]] as const) {
      const t = minimal(version) as { properties: Record<string, unknown> };
      t.properties.source = { type: "PlatformImage", publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2019-Datacenter", version: "latest" };
      t.properties.customize = [{ type: "WindowsUpdate", name: "wu" }];
      expect(byRule(lint(text(t)), "property-version"), version).toHaveLength(count);
    }
  });
  it("versioning.major belongs to the Latest scheme only", () => {
    const t = minimal("2022-07-01") as { properties: { distribute: Record<string, unknown>[] } };
    t.properties.distribute[0]!.versioning = { scheme: "Source", major: 2 };
    expect(byRule(lint(text(t)), "unknown-property")[0]!.message).toContain(`"major"`);
  });
});
