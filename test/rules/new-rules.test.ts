import { describe, expect, it } from "vitest";
import { COMMAND_PATTERNS, secretIn } from "../../src/rules/secret.js";
import { at, byRule, expectFinding, LINUX, lint, replaceOnce, WINDOWS, withLine } from "../helpers.js";

const SUB = "0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19";
const GALLERY = `/subscriptions/${SUB}/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/d`;

describe("run-as-system", () => {
  it("reports runAsSystem without runElevated, at the key", () => {
    const text = withLine(WINDOWS, 16, `      { "type": "PowerShell", "name": "tidy", "runAsSystem": true, "inline": ["Get-Date"] },`);
    expectFinding(lint(text), "run-as-system", at(text, 16, `"runAsSystem"`), "error");
    const notElevated = withLine(WINDOWS, 16, `      { "type": "PowerShell", "name": "tidy", "runElevated": false, "runAsSystem": true, "inline": ["Get-Date"] },`);
    expectFinding(lint(notElevated), "run-as-system", at(notElevated, 16, `"runAsSystem"`));
  });
  it("accepts runAsSystem with runElevated, and runAsSystem false", () => {
    for (const flags of [`"runElevated": true, "runAsSystem": true`, `"runAsSystem": false`]) {
      const text = withLine(WINDOWS, 16, `      { "type": "PowerShell", "name": "tidy", ${flags}, "inline": ["Get-Date"] },`);
      expect(byRule(lint(text), "run-as-system")).toEqual([]);
    }
  });
});

describe("restart-timeout", () => {
  it("reports a timeout that is not a duration, suggesting one", () => {
    const text = withLine(WINDOWS, 16, `      { "type": "WindowsRestart", "name": "tidy", "restartTimeout": "10 minutes" },`);
    const d = expectFinding(lint(text), "restart-timeout", at(text, 16, `"10 minutes"`), "error");
    expect(d.message).toContain(`"10m"`);
  });
  it.each(["5m", "1h30m", "90s", "2h", "1.5h"])("accepts %s", (value) => {
    const text = withLine(WINDOWS, 16, `      { "type": "WindowsRestart", "name": "tidy", "restartTimeout": "${value}" },`);
    expect(byRule(lint(text), "restart-timeout")).toEqual([]);
  });
});

describe("target-regions", () => {
  const sig = (extra: string) => withLine(LINUX, 21, `      { "type": "SharedImage", "galleryImageId": "${GALLERY}", "runOutputName": "sig", ${extra} }`);
  it("reports replicationRegions together with targetRegions, at the second", () => {
    const text = sig(`"targetRegions": [{ "name": "westus2" }], "replicationRegions": ["westus2"]`);
    expectFinding(lint(text), "target-regions", at(text, 21, `"replicationRegions"`), "error");
  });
  it("reports a distributor-level storageAccountType with targetRegions", () => {
    const text = sig(`"targetRegions": [{ "name": "westus2" }], "storageAccountType": "Standard_ZRS"`);
    expectFinding(lint(text), "target-regions", at(text, 21, `"storageAccountType"`));
  });
  it("warns about a region listed twice", () => {
    const text = sig(`"targetRegions": [{ "name": "westus2" }, { "name": "West US 2", "replicaCount": 2 }]`);
    expectFinding(lint(text), "target-regions", at(text, 21, `"West US 2"`), "warning");
  });
  it("a region listed twice in a parameter's default names the line where the first is written", () => {
    const resource = sig(`"replicationRegions": "[parameters('regions')]"`).replace("{", `{"name": "t",`);
    const text = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
  "parameters": {"regions": {"type": "array", "defaultValue": ["West Europe", "westeurope"]}},
  "resources": [${resource}]}`;
    const found = byRule(lint(text), "target-regions").find((d) => d.message.includes("listed twice"))!;
    expect(found.message).toMatch(/^region "westeurope" is listed twice \(first at line 2\)/);
    expect(found.range.start).toEqual(at(text, 2, `"westeurope"`));
    expect(found.related?.map((r) => r.range.start)).toContainEqual(at(text, 2, `"West Europe"`));
  });
  it("accepts either form alone, and both before 2022-07-01 is left to the schema", () => {
    expect(byRule(lint(sig(`"targetRegions": [{ "name": "westus2" }, { "name": "eastus" }]`)), "target-regions")).toEqual([]);
    expect(byRule(lint(sig(`"replicationRegions": ["westus2"], "storageAccountType": "Standard_LRS"`)), "target-regions")).toEqual([]);
  });
});

describe("vnet-config", () => {
  const VNET = `/subscriptions/${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v`;
  const vnet = (config: string, version = "2024-02-01") => withLine(withLine(LINUX, 3, `  "apiVersion": "${version}",`), 12, `    "vmProfile": { "vnetConfig": { ${config} } },`);
  it("needs subnetId with containerInstanceSubnetId", () => {
    const text = vnet(`"containerInstanceSubnetId": "${VNET}/subnets/aci"`);
    expectFinding(lint(text), "vnet-config", at(text, 12, `"containerInstanceSubnetId"`), "error");
  });
  it("rejects proxyVmSize with containerInstanceSubnetId, the same subnet twice, and another VNet", () => {
    const proxy = vnet(`"subnetId": "${VNET}/subnets/build", "containerInstanceSubnetId": "${VNET}/subnets/aci", "proxyVmSize": "Standard_A1_v2"`);
    expectFinding(lint(proxy), "vnet-config", at(proxy, 12, `"proxyVmSize"`));
    const same = vnet(`"subnetId": "${VNET}/subnets/build", "containerInstanceSubnetId": "${VNET}/subnets/build"`);
    expect(byRule(lint(same), "vnet-config")[0]!.message).toContain("different subnet");
    const other = vnet(`"subnetId": "${VNET}/subnets/build", "containerInstanceSubnetId": "${VNET}2/subnets/aci"`);
    expect(byRule(lint(other), "vnet-config")[0]!.message).toContain("same virtual network");
  });
  it("needs the whole legacy form under 2019-05-01-preview", () => {
    const text = vnet(`"name": "v", "subnetName": "s"`, "2019-05-01-preview");
    expect(byRule(lint(text), "vnet-config").map((d) => d.message)).toEqual([`the legacy vnetConfig with "name" also needs "resourceGroupName"`]);
  });
  it("accepts a consistent configuration", () => {
    expect(byRule(lint(vnet(`"subnetId": "${VNET}/subnets/build", "containerInstanceSubnetId": "${VNET}/subnets/aci"`)), "vnet-config")).toEqual([]);
    expect(byRule(lint(vnet(`"subnetId": "${VNET}/subnets/build", "proxyVmSize": "Standard_A2_v2"`)), "vnet-config")).toEqual([]);
  });
  it("a proxyVmSize that is null or only known at deployment (maybe null) is no conflict", () => {
    const aci = `"subnetId": "${VNET}/subnets/build", "containerInstanceSubnetId": "${VNET}/subnets/aci"`;
    expect(byRule(lint(vnet(`${aci}, "proxyVmSize": null`)), "vnet-config")).toEqual([]);
    expect(byRule(lint(vnet(`${aci}, "proxyVmSize": "[reference('x').size]"`)), "vnet-config")).toEqual([]);
  });
});

describe("resource-id", () => {
  it("reports a malformed managed image ID at the value, with the expected shape", () => {
    const text = replaceOnce(LINUX, `/resourceGroups/img/providers/Microsoft.Compute/images/ubuntu`, `/resourceGroups/img/providers/Microsoft.Compute/images`);
    const d = expectFinding(lint(text), "resource-id", at(text, 20, `"/subscriptions/`), "error");
    expect(d.message).toContain("Microsoft.Compute/images/<image>");
  });
  it("reports a subscription that is not a GUID", () => {
    const text = replaceOnce(LINUX, `/subscriptions/${SUB}/resourceGroups/img`, `/subscriptions/my-subscription/resourceGroups/img`);
    expect(byRule(lint(text), "resource-id")[0]!.message).toContain(`"my-subscription"`);
  });
  it("checks identity keys, subnets, the staging group and gallery versions by API version", () => {
    const identity = replaceOnce(LINUX, "providers/Microsoft.ManagedIdentity/userAssignedIdentities/aib", "providers/Microsoft.ManagedIdentity/aib");
    expectFinding(lint(identity), "resource-id", at(identity, 8, `"/subscriptions/`));
    const staging = withLine(LINUX, 12, `    "stagingResourceGroup": "/subscriptions/${SUB}/resourceGroups/staging/extra",`);
    expectFinding(lint(staging), "resource-id", at(staging, 12, `"/subscriptions/`));
    const latest = (version: string) =>
      withLine(withLine(LINUX, 3, `  "apiVersion": "${version}",`), 13, `    "source": { "type": "SharedImageVersion", "imageVersionId": "${GALLERY}/versions/latest" },`);
    expect(byRule(lint(latest("2022-07-01")), "resource-id")).toEqual([]);
    expect(byRule(lint(latest("2022-02-14")), "resource-id")).toHaveLength(1);
  });
  it("accepts well-formed IDs in any case of the segment names, and expressions", () => {
    expect(byRule(lint(LINUX.replace(/resourceGroups/g, "resourcegroups")), "resource-id")).toEqual([]);
    const expr = replaceOnce(LINUX, `"/subscriptions/${SUB}/resourceGroups/img/providers/Microsoft.Compute/images/ubuntu"`, `"[resourceId('Microsoft.Compute/images', 'ubuntu')]"`);
    expect(byRule(lint(expr), "resource-id")).toEqual([]);
  });
});

describe("template-name", () => {
  it("reports a name outside the pattern", () => {
    const text = withLine(LINUX, 4, `  "location": "westus2", "name": "my template",`);
    expectFinding(lint(text), "template-name", at(text, 4, `"my template"`), "error");
  });
  it("accepts good names and expressions", () => {
    for (const name of ["golden.ubuntu-22_04", "[parameters('name')]"]) {
      expect(byRule(lint(withLine(LINUX, 4, `  "location": "westus2", "name": "${name}",`)), "template-name")).toEqual([]);
    }
  });
});

describe("secret", () => {
  it("warns about a SAS token in a script URI, at the value", () => {
    const text = replaceOnce(LINUX, `"https://example.org/setup.sh"`, `"https://store.blob.core.windows.net/s/setup.sh?sv=2022-11-02&sig=abc%3D"`);
    expectFinding(lint(text), "secret", at(text, 15, `"https://store`), "warning");
  });
  it("recognises credentials in URIs and commands, and leaves ordinary commands alone", () => {
    expect(secretIn("https://user:hunter22@example.org/x", false)).toContain("user name and password");
    expect(secretIn("$password = 'Sup3rS3cret!'", true)).toContain("password");
    expect(secretIn(`ConvertTo-SecureString "P@ssw0rd" -AsPlainText -Force`, true)).toContain("SecureString");
    expect(secretIn("echo password=$PASSWORD", true)).toBeUndefined();
    expect(secretIn("sudo apt-get install -y nginx", true)).toBeUndefined();
    expect(secretIn("$password = 'x'", false)).toBeUndefined();
    expect(secretIn("https://example.org/setup.sh", false)).toBeUndefined();
  });
});

describe("secret: common password forms", () => {
  it.each([
    "DB_PASSWORD=hunter22",
    `ADMIN_PASSWORD="S3cret!x"`,
    `$env:ADMIN_PASSWORD="S3cret!x"`,
    "echo 'admin:S3cret!x' | sudo chpasswd",
    "net user builder P@ssw0rd1 /add",
  ])("%s", (command) => {
    expect(secretIn(command, true)).toBeDefined();
  });
  it.each(["net user builder * /add", "export DB_PASSWORD=$(az keyvault secret show ...)", "echo $ADMIN_PASSWORD | chpasswd"])("leaves %s alone", (command) => {
    expect(secretIn(command, true)).toBeUndefined();
  });
  it("skips the command patterns only for lines none of them can match (no = : quote or /)", () => {
    // each known form, with its = : quotes and slashes taken out, matches none of the patterns
    const forms = ["DB_PASSWORD=hunter22", `ADMIN_PASSWORD="S3cret!x"`, "echo 'admin:S3cret!x' | sudo chpasswd", "net user builder P@ssw0rd1 /add", `ConvertTo-SecureString "P@ssw0rd" -AsPlainText`, `-Password "hunter22"`];
    const words = ["password", "PASSWD", "pwd", "secret", "api_key", "token", "$env", "echo", "chpasswd", "sudo", "|", "net", "user", "add", "-p", "-Password", "ConvertTo-SecureString", "-String", "-AsPlainText", "hunter22", "P@ssw0rd1", "*", "$X", ";", "(", "-"];
    let seed = 7;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const samples = forms.map((f) => f.replace(/[=:'"/]/g, ""));
    for (let i = 0; i < 2000; i++) samples.push(Array.from({ length: 2 + next(8) }, () => words[next(words.length)]).join([" ", "", "  "][next(3)]));
    for (const sample of samples) for (const pattern of COMMAND_PATTERNS) expect(pattern.test(sample), `${pattern} on ${sample}`).toBe(false);
    for (const form of forms) expect(COMMAND_PATTERNS.some((p) => p.test(form)), form).toBe(true);
  });
});

describe("trigger", () => {
  const withTrigger = (kind: string, triggerVersion = "2022-07-01") =>
    withLine(LINUX, 23, `  }, "resources": [ { "type": "triggers", "name": "onNew", "apiVersion": "${triggerVersion}", "properties": { "kind": "${kind}" } } ]`);
  it("reports a trigger kind other than SourceImage, at the value", () => {
    const text = withTrigger("sourceImage");
    expect(expectFinding(lint(text), "trigger", at(text, 23, `"sourceImage"`), "error").message).toContain("case-sensitive");
  });
  it("reports a trigger API version without triggers", () => {
    const text = withTrigger("SourceImage", "2022-02-14");
    expectFinding(lint(text), "trigger", at(text, 23, `"2022-02-14"`));
  });
  it("needs a source that follows latest and an unpinned gallery version", () => {
    const pinned = withLine(
      withLine(withTrigger("SourceImage"), 13, `    "source": { "type": "PlatformImage", "publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen2", "version": "22.04.202311010" },`),
      21,
      `      { "type": "SharedImage", "galleryImageId": "${GALLERY}/versions/1.0.0", "runOutputName": "sig", "targetRegions": [{ "name": "westus2" }] }`,
    );
    const found = byRule(lint(pinned), "trigger");
    expect(found.map((d) => d.range.start.line)).toEqual([13, 21]);
  });
  it("accepts a valid trigger, and says nothing without one", () => {
    expect(byRule(lint(withTrigger("SourceImage")), "trigger")).toEqual([]);
    expect(byRule(lint(LINUX), "trigger")).toEqual([]);
  });
});

describe("second review: false errors that must not come back", () => {
  it("Windows images from mixed publishers are Windows", async () => {
    const { inferOs } = await import("../../src/find/os.js");
    const { parseJson } = await import("../../src/parse/json.js");
    const os = (source: object) => inferOs(parseJson(JSON.stringify({ source })).documents[0]!.root as never);
    expect(os({ type: "PlatformImage", publisher: "center-for-internet-security-inc", offer: "cis-windows-server-2022-l1", sku: "cis-ws2022-l1" })).toBe("windows");
    expect(os({ type: "PlatformImage", publisher: "microsoft-aks", offer: "aks-windows", sku: "2019-datacenter-core-smalldisk" })).toBe("windows");
    expect(os({ type: "PlatformImage", publisher: "center-for-internet-security-inc", offer: "cis-ubuntu-linux-2204-l1", sku: "cis-ubuntu2204-l1" })).toBe("linux");
  });
  it("free-form tag maps are not checked as template fields", () => {
    const text = withLine(LINUX, 21, `      { "type": "VHD", "runOutputName": "ubuntu-vhd", "artifactTags": { "sha256Checksum": "abc", "channel": "Ubuntu <nightly>" } }`);
    expect(lint(text)).toEqual([]);
  });
  it("null means not given, and empty defaults are not set", () => {
    const VNET = `/subscriptions/${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v`;
    const text = withLine(
      withLine(withLine(LINUX, 3, `  "apiVersion": "2024-02-01",`), 12, `    "vmProfile": { "vmSize": null, "vnetConfig": { "subnetId": "${VNET}/subnets/b", "containerInstanceSubnetId": "${VNET}/subnets/a", "proxyVmSize": "" } },`),
      16,
      `      { "type": "Shell", "name": "tidy", "scriptUri": "", "inline": ["sudo apt-get clean"], "sha256Checksum": null },`,
    );
    expect(lint(text)).toEqual([]);
  });
  it("id and systemData copied from a GET response are read-only warnings", () => {
    const text = LINUX.replace(`"location": "westus2",`, `"location": "westus2", "id": "/subscriptions/${SUB}/resourceGroups/r/providers/Microsoft.VirtualMachineImages/imageTemplates/t", "systemData": {},`);
    expect(lint(text).map((d) => `${d.severity} ${d.ruleId}`)).toEqual(["warning read-only-property", "warning read-only-property"]);
  });
  it.each(["0", ".5h", "1h30m", "300ms"])("restartTimeout %s is a Go duration", (value) => {
    const text = withLine(WINDOWS, 16, `      { "type": "WindowsRestart", "name": "tidy", "restartTimeout": "${value}" },`);
    expect(byRule(lint(text), "restart-timeout")).toEqual([]);
  });
  it("an identity without type is an error", () => {
    const text = withLine(LINUX, 6, `    "kind": "x",`).replace(`"kind": "x",`, ``);
    expectFinding(lint(text), "identity", at(text, 5, `"identity"`), "error");
  });
  it("a distributor-level storageAccountType without replicationRegions is an error from 2022-07-01", () => {
    const text = withLine(LINUX, 21, `      { "type": "SharedImage", "galleryImageId": "${GALLERY}", "runOutputName": "sig", "storageAccountType": "Standard_ZRS" }`);
    expectFinding(lint(text), "target-regions", at(text, 21, `"storageAccountType"`), "error");
  });
});

describe("trigger: top-level resources and more requirements", () => {
  const template = { ...JSON.parse(LINUX), name: "golden" };
  const arm = (...triggers: object[]) => JSON.stringify({ contentVersion: "1.0.0.0", resources: [template, ...triggers] }, null, 2);
  const trigger = (name: string, kind = "SourceImage") => ({ type: "Microsoft.VirtualMachineImages/imageTemplates/triggers", apiVersion: "2022-07-01", name, properties: { kind } });
  it("checks a top-level trigger named <template>/<trigger>", () => {
    const text = arm(trigger("golden/on new", "sourceImage"));
    const found = byRule(lint(text), "trigger");
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining(`"on new"`), expect.stringContaining(`"sourceImage"`)]);
    expect(text.split("\n")[found[1]!.range.start.line - 1]).toContain(`"sourceImage"`);
  });
  it("ignores triggers of another template and reports a second trigger", () => {
    expect(byRule(lint(arm(trigger("other/t1", "x"))), "trigger")).toEqual([]);
    expect(byRule(lint(arm(trigger("golden/t1"), trigger("golden/t2"))), "trigger").map((d) => d.message)).toEqual(["a template can have only one SourceImage trigger"]);
  });
  it("needs a target definition other than the gallery source's", () => {
    const same = {
      ...template,
      properties: {
        ...template.properties,
        source: { type: "SharedImageVersion", imageVersionId: `${GALLERY}/versions/latest` },
        distribute: [{ type: "SharedImage", galleryImageId: GALLERY, runOutputName: "sig", targetRegions: [{ name: "westus2" }] }],
      },
    };
    const text = JSON.stringify({ contentVersion: "1.0.0.0", resources: [same, trigger("golden/t")] }, null, 2);
    expect(byRule(lint(text), "trigger").map((d) => d.message)).toEqual([expect.stringContaining("must differ from the source's")]);
  });
});

describe("trigger: languageVersion 2.0", () => {
  it("matches a trigger to its parent by symbolic name", () => {
    const template = JSON.parse(LINUX);
    const trig = (parent: string) => ({ type: "Microsoft.VirtualMachineImages/imageTemplates/triggers", apiVersion: "2022-07-01", parent, name: "onNew", properties: { kind: "sourceimage" } });
    const text = (parent: string) => JSON.stringify({ languageVersion: "2.0", contentVersion: "1.0.0.0", resources: { tpl: template, trig: trig(parent) } }, null, 2);
    expect(byRule(lint(text("tpl")), "trigger")).toHaveLength(1);
    expect(byRule(lint(text("other")), "trigger")).toEqual([]);
  });
});

describe("deprovision", () => {
  it("reports an inline command that deletes the generalization script, at the command", () => {
    const text = withLine(LINUX, 16, `      { "type": "Shell", "name": "tidy", "inline": ["sudo apt-get clean", "sudo rm -f /tmp/DeprovisioningScript.sh"] },`);
    expectFinding(lint(text), "deprovision", at(text, 16, `"sudo rm -f /tmp/DeprovisioningScript.sh"`), "error");
    const win = withLine(WINDOWS, 16, `      { "type": "PowerShell", "name": "tidy", "inline": ["Remove-Item -Force C:\\\\DeprovisioningScript.ps1"] },`);
    expectFinding(lint(win), "deprovision", at(win, 16, `"Remove-Item`), "error");
  });
  it("notes a File step that overwrites the script", () => {
    const text = replaceOnce(LINUX, `"destination": "/tmp/app.conf"`, `"destination": "/tmp/DeprovisioningScript.sh"`);
    expectFinding(lint(text), "deprovision", at(text, 17, `"/tmp/DeprovisioningScript.sh"`), "info");
  });
  it("leaves commands that only mention or run the script alone", () => {
    const text = withLine(LINUX, 16, `      { "type": "Shell", "name": "tidy", "inline": ["cat /tmp/DeprovisioningScript.sh", "echo 'rm is fine' > /tmp/x"] },`);
    expect(byRule(lint(text), "deprovision")).toEqual([]);
  });
});

describe("validation-only", () => {
  const validate = (body: string) => withLine(LINUX, 12, `    "validate": ${body},`);
  it("warns that customizers do not run with sourceValidationOnly, at the key", () => {
    const text = validate(`{ "sourceValidationOnly": true, "inVMValidations": [{ "type": "Shell", "name": "v", "inline": ["true"] }] }`);
    expectFinding(lint(text), "validation-only", at(text, 12, `"sourceValidationOnly"`), "warning");
  });
  it("warns about a validate block without validations", () => {
    const text = validate(`{ "continueDistributeOnFailure": true }`);
    expectFinding(lint(text), "validation-only", at(text, 12, `"validate"`), "warning");
  });
  it("accepts validations after a build", () => {
    expect(byRule(lint(validate(`{ "inVMValidations": [{ "type": "Shell", "name": "v", "inline": ["true"] }] }`)), "validation-only")).toEqual([]);
  });
});
