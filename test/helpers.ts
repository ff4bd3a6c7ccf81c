import { execFileSync } from "node:child_process";
import { expect } from "vitest";
import type { Diagnostic } from "../src/core/diagnostic.js";
import { lintText, type LintOptions } from "../src/lint/index.js";

export function lint(text: string, file = "template.json", options: LintOptions = {}): Diagnostic[] {
  return lintText({ file, text, explicit: true }, options).diagnostics;
}

export function byRule(diagnostics: Diagnostic[], ruleId: string): Diagnostic[] {
  return diagnostics.filter((d) => d.ruleId === ruleId);
}

/** Line `line` of `text`, where `token` must occur: the expected 1-based position of the token. */
export function at(text: string, line: number, token: string): { line: number; column: number } {
  const lineText = text.split(/\r?\n/)[line - 1] ?? "";
  const index = lineText.indexOf(token);
  if (index < 0) throw new Error(`test bug: "${token}" is not on line ${line}: ${lineText}`);
  return { line, column: index + 1 };
}

export function expectFinding(diagnostics: Diagnostic[], ruleId: string, position: { line: number; column: number }, severity?: Diagnostic["severity"]): Diagnostic {
  const found = diagnostics.filter((d) => d.ruleId === ruleId);
  expect(found.map((d) => ({ ...d.range.start })), `findings of ${ruleId}: ${JSON.stringify(diagnostics.map((d) => [d.ruleId, d.range.start.line, d.message]))}`).toContainEqual(position);
  const d = found.find((f) => f.range.start.line === position.line && f.range.start.column === position.column)!;
  if (severity) expect(d.severity).toBe(severity);
  return d;
}

export function errors(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "error");
}

/**
 * A valid 2022-07-01 Linux template, one property per line so tests can swap a line and know where
 * findings land. Line numbers are in the comments of `lines()` below.
 */
export const LINUX = `{
  "type": "Microsoft.VirtualMachineImages/imageTemplates",
  "apiVersion": "2022-07-01",
  "location": "westus2",
  "identity": {
    "type": "UserAssigned",
    "userAssignedIdentities": {
      "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aib": {}
    }
  },
  "properties": {
    "buildTimeoutInMinutes": 100,
    "source": { "type": "PlatformImage", "publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen2", "version": "latest" },
    "customize": [
      { "type": "Shell", "name": "setup", "scriptUri": "https://example.org/setup.sh", "sha256Checksum": "2c8d2a4e6f1b3c5d7e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f" },
      { "type": "Shell", "name": "tidy", "inline": ["sudo apt-get clean"] },
      { "type": "File", "name": "config", "sourceUri": "https://example.org/app.conf", "destination": "/tmp/app.conf" }
    ],
    "distribute": [
      { "type": "ManagedImage", "imageId": "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/images/ubuntu", "location": "westus2", "runOutputName": "ubuntu-mi" },
      { "type": "VHD", "runOutputName": "ubuntu-vhd" }
    ]
  }
}
`;

/** The user-assigned identity of the templates below. */
export const IDENTITY_ID = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aib";

/** A valid Linux template in Terraform, declared with azapi, the body an HCL object; tests replace single lines. */
export const TERRAFORM = `variable "location" {
  type    = string
  default = "westeurope"
}

locals {
  run_output = "ubuntu-vhd"
}

resource "azapi_resource" "ubuntu" {
  type      = "Microsoft.VirtualMachineImages/imageTemplates@2024-02-01"
  name      = "ubuntu"
  parent_id = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img"
  location  = var.location

  identity {
    type         = "UserAssigned"
    identity_ids = ["${IDENTITY_ID}"]
  }

  body = {
    properties = {
      buildTimeoutInMinutes = 100
      source = {
        type      = "PlatformImage"
        publisher = "Canonical"
        offer     = "0001-com-ubuntu-server-jammy"
        sku       = "22_04-lts-gen2"
        version   = "latest"
      }
      customize = [
        {
          type   = "Shell"
          name   = "tidy"
          inline = ["sudo apt-get clean"]
        }
      ]
      distribute = [
        {
          type          = "VHD"
          runOutputName = local.run_output
        }
      ]
    }
  }
}
`;

/** The Windows twin of LINUX: same line layout, Windows source and steps. */
export const WINDOWS = LINUX.replace(
  `{ "type": "PlatformImage", "publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen2", "version": "latest" }`,
  `{ "type": "PlatformImage", "publisher": "MicrosoftWindowsServer", "offer": "WindowsServer", "sku": "2022-datacenter-azure-edition", "version": "latest" }`,
)
  .replace(`{ "type": "Shell", "name": "tidy", "inline": ["sudo apt-get clean"] }`, `{ "type": "PowerShell", "name": "tidy", "inline": ["Remove-Item C:\\\\temp -Recurse"] }`)
  .replace(`"destination": "/tmp/app.conf"`, `"destination": "C:\\\\app\\\\app.conf"`)
  .replace(`{ "type": "Shell", "name": "setup", "scriptUri": "https://example.org/setup.sh"`, `{ "type": "PowerShell", "name": "setup", "scriptUri": "https://example.org/setup.ps1"`);

/** `base` with line 16 a step of `type` running these inline commands. */
function inlineStep(base: string, type: string, items: readonly string[]): string {
  return withLine(base, 16, `      { "type": "${type}", "name": "tidy", "inline": [${items.map((i) => JSON.stringify(i)).join(", ")}] },`);
}

/** LINUX with line 16 a Shell step running these inline commands. */
export const shellStep = (...items: string[]): string => inlineStep(LINUX, "Shell", items);

/** WINDOWS with line 16 a PowerShell step running these inline commands. */
export const powershellStep = (...items: string[]): string => inlineStep(WINDOWS, "PowerShell", items);

/** Replaces 1-based line `line` of `text` (keeping line numbers stable). */
export function withLine(text: string, line: number, replacement: string): string {
  const lines = text.split("\n");
  if (lines[line - 1] === undefined) throw new Error(`test bug: no line ${line}`);
  lines[line - 1] = replacement;
  return lines.join("\n");
}

/** Replaces a substring that must occur exactly once. */
export function replaceOnce(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  if (first < 0 || text.indexOf(from, first + 1) >= 0) throw new Error(`test bug: "${from}" must occur exactly once`);
  return text.slice(0, first) + to + text.slice(first + from.length);
}

/** Whether ShellCheck (Debian's package; CI installs it) is on this machine: its tests skip without it outside CI. */
export const HAS_SHELLCHECK = (() => {
  try {
    execFileSync("shellcheck", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
