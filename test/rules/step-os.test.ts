import { describe, expect, it } from "vitest";
import { inferOs } from "../../src/find/os.js";
import { parseJson } from "../../src/parse/json.js";
import type { ObjectNode } from "../../src/parse/ast.js";
import { WINDOWS } from "../helpers.js";
import { ruleTester, type InvalidCase } from "../rule-tester.js";

const tidy = (step: string) => ({ lines: { 16: `      ${step},` } });
const MANAGED_SOURCE = `    "source": { "type": "ManagedImage", "imageId": "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/images/base" },`;

ruleTester.run("step-os", {
  valid: [
    { name: "Shell and File steps on Linux" },
    { name: "PowerShell steps on Windows", text: WINDOWS },
    { name: "nothing when the OS is unknown (managed image source)", lines: { 13: MANAGED_SOURCE, 16: `      { "type": "WindowsRestart", "name": "tidy" },` } },
  ],
  invalid: [
    {
      name: "a Shell step on a Windows image, at its type",
      text: WINDOWS,
      ...tidy(`{ "type": "Shell", "name": "tidy", "inline": ["sudo apt-get clean"] }`),
      errors: [{ line: 16, at: `"Shell"`, severity: "error", includes: "Windows" }],
    },
    ...["WindowsRestart", "WindowsUpdate"].map((type): InvalidCase => ({ name: `${type} on a Linux image`, ...tidy(`{ "type": "${type}", "name": "tidy" }`), errors: [{ line: 16, at: `"${type}"`, severity: "error" }] })),
    { name: "PowerShell on Linux is a warning", ...tidy(`{ "type": "PowerShell", "name": "tidy", "inline": ["Get-Date"] }`), errors: [{ line: 16, at: `"PowerShell"`, severity: "warning" }] },
  ],
});

describe("the OS of the source image", () => {
  const os = (source: object) => inferOs(parseJson(JSON.stringify({ source })).documents[0]!.root as ObjectNode);
  it("infers the OS from publisher, offer and SKU", () => {
    expect(os({ type: "PlatformImage", publisher: "MicrosoftWindowsDesktop", offer: "windows-11", sku: "win11-22h2-avd" })).toBe("windows");
    expect(os({ type: "PlatformImage", publisher: "RedHat", offer: "RHEL", sku: "8-lvm-gen2" })).toBe("linux");
    expect(os({ type: "PlatformImage", publisher: "MicrosoftSQLServer", offer: "sql2019-ws2019", sku: "enterprise" })).toBe("windows");
    expect(os({ type: "PlatformImage", publisher: "MicrosoftSQLServer", offer: "sql2019-ubuntu2004", sku: "enterprise" })).toBe("linux");
    expect(os({ type: "PlatformImage", publisher: "microsoft-dsvm", offer: "dsvm-win-2019", sku: "server-2019" })).toBe("windows");
    expect(os({ type: "PlatformImage", publisher: "contoso", offer: "appliance", sku: "v1" })).toBeUndefined();
    expect(os({ type: "ISO", sourceUri: "https://x/rhel.iso" })).toBe("linux");
    expect(os({ type: "PlatformImage", publisher: "[parameters('publisher')]" })).toBeUndefined();
  });
  it("Windows images from mixed publishers are Windows", () => {
    expect(os({ type: "PlatformImage", publisher: "center-for-internet-security-inc", offer: "cis-windows-server-2022-l1", sku: "cis-ws2022-l1" })).toBe("windows");
    expect(os({ type: "PlatformImage", publisher: "microsoft-aks", offer: "aks-windows", sku: "2019-datacenter-core-smalldisk" })).toBe("windows");
    expect(os({ type: "PlatformImage", publisher: "center-for-internet-security-inc", offer: "cis-ubuntu-linux-2204-l1", sku: "cis-ubuntu2204-l1" })).toBe("linux");
  });
});
