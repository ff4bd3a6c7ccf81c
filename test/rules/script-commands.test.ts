import { describe, expect, it } from "vitest";
import { commandsIn } from "../../src/rules/commands.js";
import { at, byRule, expectFinding, LINUX, lint, WINDOWS, withLine } from "../helpers.js";

const shell = (...items: string[]) => withLine(LINUX, 16, `      { "type": "Shell", "name": "tidy", "inline": [${items.map((i) => JSON.stringify(i)).join(", ")}] },`);
const powershell = (...items: string[]) => withLine(WINDOWS, 16, `      { "type": "PowerShell", "name": "tidy", "inline": [${items.map((i) => JSON.stringify(i)).join(", ")}] },`);

describe("interactive-command", () => {
  it("warns about apt-get upgrade without -y, on the command in its item", () => {
    const text = shell("sudo apt-get update -y", "sudo apt-get upgrade");
    const d = expectFinding(lint(text), "interactive-command", at(text, 16, "apt-get upgrade\""), "warning");
    expect(d.range.end).toEqual({ line: 16, column: at(text, 16, "apt-get upgrade\"").column + "apt-get upgrade".length });
    expect(d.message).toContain("add -y");
  });
  it.each([
    ["sudo apt-get install nginx", "apt-get install"],
    ["apt install -q nginx", "apt install"],
    ["sudo -E apt-get dist-upgrade", "apt-get dist-upgrade"],
    ["apt-get -o Dpkg::Options::=--force-confold remove nginx", "apt-get remove"],
    ["sudo yum install httpd", "yum install"],
    ["dnf update", "dnf update"],
    ["cd /tmp && sudo apt-get install ./pkg.deb; echo done", "apt-get install"],
  ])("warns about %s", (command, named) => {
    const d = byRule(lint(shell(command)), "interactive-command");
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain(`"${named}"`);
  });
  it("says that DEBIAN_FRONTEND=noninteractive does not answer the prompt", () => {
    const text = shell("sudo DEBIAN_FRONTEND=noninteractive apt-get upgrade");
    const d = expectFinding(lint(text), "interactive-command", at(text, 16, "apt-get upgrade"));
    expect(d.message).toContain("DEBIAN_FRONTEND=noninteractive does not answer it");
  });
  it.each([
    "sudo apt-get install -y nginx",
    "sudo apt-get -yq install nginx",
    "sudo apt-get install --yes nginx",
    "sudo apt-get install --assume-yes nginx",
    "sudo apt-get -qq install nginx",
    "sudo apt-get -o APT::Get::Assume-Yes=true install nginx",
    "yes | sudo apt-get install nginx",
    "sudo apt-get update",
    "sudo apt-get clean",
    "apt list --installed",
    "sudo yum -y install httpd",
    "sudo dnf install --assumeyes httpd",
    "sudo yum makecache",
    "# sudo apt-get upgrade",
    "echo 'apt-get upgrade' is what we avoid",
  ])("leaves alone %s", (command) => {
    expect(byRule(lint(shell(command)), "interactive-command")).toEqual([]);
  });
  it("accepts a yes configured earlier in the template's scripts", () => {
    const text = shell(`echo 'APT::Get::Assume-Yes "true";' | sudo tee /etc/apt/apt.conf.d/90yes`, "sudo apt-get upgrade");
    expect(byRule(lint(text), "interactive-command")).toEqual([]);
  });
  it("warns about choco install without -y in a PowerShell step, and accepts -y or global confirmation", () => {
    const text = powershell("choco install git");
    expectFinding(lint(text), "interactive-command", at(text, 16, "choco install git"), "warning");
    expect(byRule(lint(powershell("choco install git -y")), "interactive-command")).toEqual([]);
    expect(byRule(lint(powershell("choco feature enable -n allowGlobalConfirmation", "choco install git")), "interactive-command")).toEqual([]);
    expect(byRule(lint(powershell("cinst git")), "interactive-command")).toHaveLength(1);
  });
  it("finds the column behind JSON escapes", () => {
    const text = shell(`echo "start" && apt-get remove nano`);
    expectFinding(lint(text), "interactive-command", at(text, 16, "apt-get remove"));
  });
  it("leaves ARM expression items alone", () => {
    const text = shell("[concat('apt-get install ', parameters('p'))]");
    expect(byRule(lint(text), "interactive-command")).toEqual([]);
  });
  it("finds the item in a YAML template", () => {
    const yaml = [
      "type: Microsoft.VirtualMachineImages/imageTemplates",
      "apiVersion: 2022-07-01",
      "location: westus2",
      "properties:",
      "  source: { type: PlatformImage, publisher: Canonical, offer: 0001-com-ubuntu-server-jammy, sku: 22_04-lts-gen2, version: latest }",
      "  customize:",
      "    - type: Shell",
      "      name: setup",
      "      inline:",
      "        - apt-get update -y",
      "        - apt-get install nginx",
      "  distribute: [{ type: VHD, runOutputName: vhd }]",
    ].join("\n");
    const d = byRule(lint(yaml, "t.yaml"), "interactive-command");
    expect(d.map((x) => x.range.start)).toEqual([{ line: 11, column: 11 }]);
  });
});

describe("restart-in-script", () => {
  it("warns about Restart-Computer in a PowerShell step, on the command", () => {
    const text = powershell("Install-WindowsFeature Web-Server", "Restart-Computer -Force");
    const d = expectFinding(lint(text), "restart-in-script", at(text, 16, "Restart-Computer"), "warning");
    expect(d.message).toContain("WindowsRestart");
  });
  it("warns about shutdown /r and shutdown.exe -r", () => {
    for (const command of ["shutdown /r /t 0", "C:\\Windows\\System32\\shutdown.exe -r -f"]) expect(byRule(lint(powershell(command)), "restart-in-script")).toHaveLength(1);
  });
  it("leaves alone other commands, comments, shutdown without restart, and Shell steps", () => {
    for (const command of ["Write-Host done", "# Restart-Computer", "shutdown /s /t 0", "Get-Command Restart-Computer"]) {
      expect(byRule(lint(powershell(command)), "restart-in-script"), command).toEqual([]);
    }
    expect(byRule(lint(shell("sudo shutdown -r now")), "restart-in-script")).toEqual([]);
  });
});

describe("commandsIn", () => {
  it("splits at separators outside quotes and marks piped input", () => {
    const commands = commandsIn(`echo "a; b" | sudo tee x && sudo -u me apt-get install y # note`);
    expect(commands.map((c) => [c.program, c.piped, c.args.map((a) => a.text)])).toEqual([
      ["echo", false, [`"a; b"`]],
      ["tee", true, ["x"]],
      ["apt-get", false, ["install", "y"]],
    ]);
  });
});
