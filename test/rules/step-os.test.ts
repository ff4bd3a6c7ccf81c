import { describe, expect, it } from "vitest";
import { inferOs } from "../../src/find/os.js";
import { parseJson } from "../../src/parse/json.js";
import type { ObjectNode } from "../../src/parse/ast.js";
import { at, byRule, expectFinding, LINUX, lint, WINDOWS, withLine } from "../helpers.js";

describe("step-os", () => {
  it("reports a Shell step on a Windows image, at its type", () => {
    const text = withLine(WINDOWS, 16, `      { "type": "Shell", "name": "tidy", "inline": ["sudo apt-get clean"] },`);
    const d = expectFinding(lint(text), "step-os", at(text, 16, `"Shell"`), "error");
    expect(d.message).toContain("Windows");
  });
  it("reports WindowsRestart and WindowsUpdate on a Linux image", () => {
    for (const type of ["WindowsRestart", "WindowsUpdate"]) {
      const text = withLine(LINUX, 16, `      { "type": "${type}", "name": "tidy" },`);
      expectFinding(lint(text), "step-os", at(text, 16, `"${type}"`), "error");
    }
  });
  it("warns about PowerShell on Linux", () => {
    const text = withLine(LINUX, 16, `      { "type": "PowerShell", "name": "tidy", "inline": ["Get-Date"] },`);
    expectFinding(lint(text), "step-os", at(text, 16, `"PowerShell"`), "warning");
  });
  it("says nothing when the OS is unknown (managed image source)", () => {
    const source = `    "source": { "type": "ManagedImage", "imageId": "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/images/base" },`;
    const text = withLine(withLine(LINUX, 13, source), 16, `      { "type": "WindowsRestart", "name": "tidy" },`);
    expect(byRule(lint(text), "step-os")).toEqual([]);
  });
  it("infers the OS from publisher, offer and SKU", () => {
    const os = (source: object) => inferOs((parseJson(JSON.stringify({ source })).documents[0]!.root as ObjectNode));
    expect(os({ type: "PlatformImage", publisher: "MicrosoftWindowsDesktop", offer: "windows-11", sku: "win11-22h2-avd" })).toBe("windows");
    expect(os({ type: "PlatformImage", publisher: "RedHat", offer: "RHEL", sku: "8-lvm-gen2" })).toBe("linux");
    expect(os({ type: "PlatformImage", publisher: "MicrosoftSQLServer", offer: "sql2019-ws2019", sku: "enterprise" })).toBe("windows");
    expect(os({ type: "PlatformImage", publisher: "MicrosoftSQLServer", offer: "sql2019-ubuntu2004", sku: "enterprise" })).toBe("linux");
    expect(os({ type: "PlatformImage", publisher: "microsoft-dsvm", offer: "dsvm-win-2019", sku: "server-2019" })).toBe("windows");
    expect(os({ type: "PlatformImage", publisher: "contoso", offer: "appliance", sku: "v1" })).toBeUndefined();
    expect(os({ type: "ISO", sourceUri: "https://x/rhel.iso" })).toBe("linux");
    expect(os({ type: "PlatformImage", publisher: "[parameters('publisher')]" })).toBeUndefined();
  });
});
