import { beforeAll, describe, expect, it } from "vitest";
import { prepareBicep } from "../../src/parse/bicep-loader.js";
import { at, byRule, expectFinding, LINUX, lint, WINDOWS, withLine } from "../helpers.js";

const shell = (...items: string[]) => withLine(LINUX, 16, `      { "type": "Shell", "name": "tidy", "inline": [${items.map((i) => JSON.stringify(i)).join(", ")}] },`);
const powershell = (...items: string[]) => withLine(WINDOWS, 16, `      { "type": "PowerShell", "name": "tidy", "inline": [${items.map((i) => JSON.stringify(i)).join(", ")}] },`);
/** Two steps of one kind on line 16, the first with `first`'s items and the second with `second`'s. */
const twoSteps = (base: string, type: string, first: string[], second: string[]) =>
  withLine(base, 16, `      { "type": "${type}", "name": "a", "inline": ${JSON.stringify(first)} }, { "type": "${type}", "name": "b", "inline": ${JSON.stringify(second)} },`);

/** The finding expected on line 16 over `covered` (the first place the line holds it). */
const covering = (text: string, covered: string): [number, number, string] => [16, at(text, 16, covered).column, covered];
/** Each finding of a rule as [line, column, the source text it covers]. */
function spans(text: string, ruleId: string, file = "template.json"): [number, number, string][] {
  const lines = text.split("\n");
  return byRule(lint(text, file), ruleId).map((d) => [d.range.start.line, d.range.start.column, d.range.start.line === d.range.end.line ? lines[d.range.start.line - 1]!.slice(d.range.start.column - 1, d.range.end.column - 1) : "(lines)"]);
}

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

describe("interactive-command reads commands one by one", () => {
  // [items of a Shell step on line 16, the source text the finding covers (its column is where that text is on the line)]
  it.each([
    [["until sudo apt-get install nginx; do sleep 5; done"], "apt-get install nginx"],
    [["timeout 600 sudo apt-get install nginx"], "apt-get install nginx"],
    [["sudo bash -c 'apt-get install nginx'"], "apt-get install nginx"],
    [["sudo sh -c \"apt-get update && apt-get upgrade\""], "apt-get upgrade"],
    [[`sudo bash -c "apt-get install \\"nginx\\""`], String.raw`apt-get install \\\"nginx\\\"`],
    [["env X=1 apt-get install nginx"], "apt-get install nginx"],
    [["nice -n 10 nohup apt-get install nginx"], "apt-get install nginx"],
    [["if [ -x /usr/bin/apt ]; then apt-get install nginx; fi"], "apt-get install nginx"],
    [["case \"$ID\" in ubuntu) apt-get install nginx;; esac"], "apt-get install nginx"],
    [["VERSION=$(sudo yum install httpd)"], "yum install httpd"],
    [["ls *.deb | xargs sudo apt-get install"], "apt-get install"],
    [["if true; then", "  apt-get dist-upgrade", "fi"], "apt-get dist-upgrade"],
    // continued on the next line: the program's line
    [["sudo apt-get \\", "  install nginx"], "apt-get"],
    // a yes for one command is not a yes for the others
    [["sudo apt-get install --assume-yes curl", "sudo apt-get install nginx"], "apt-get install nginx"],
    [["sudo yum --setopt=assumeyes=1 install curl", "sudo yum install httpd"], "yum install httpd"],
    // a configured yes counts for the commands after it, and only when it is written into the configuration
    [["sudo apt-get install nginx", `echo 'APT::Get::Assume-Yes "true";' | sudo tee /etc/apt/apt.conf.d/90yes`], "apt-get install nginx"],
    [[`echo 'APT::Get::Assume-Yes "true";' > /tmp/notes.txt`, "apt-get install nginx"], "apt-get install nginx"],
  ])("catches %j", (items, covered) => {
    const text = shell(...items);
    expect(spans(text, "interactive-command")).toEqual([covering(text, covered)]);
  });

  it.each([
    // not commands
    ["echo 'apt-get install nginx'"],
    ["# apt-get install nginx"],
    ["printf '%s\\n' \"sudo apt-get upgrade\""],
    ["cat <<EOF > /tmp/notes", "apt-get install nginx", "EOF"],
    ["command -v apt-get"],
    ["for tool in apt-get yum; do echo $tool; done"],
    // answered
    ["sudo apt-get install -y nginx"],
    ["DEBIAN_FRONTEND=noninteractive apt-get -y install nginx"],
    ["sudo bash -c 'apt-get install -y nginx'"],
    ["until sudo apt-get install -y nginx; do sleep 5; done"],
    ["yes | sudo apt-get install nginx"],
    ["sudo apt-get install nginx <<< y"],
    // a yes written into the manager's configuration, then the commands
    [`echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90yes`, "apt-get install nginx"],
    [`echo 'APT::Get::Assume-Yes "true";' | sudo tee /etc/apt/apt.conf.d/90yes > /dev/null`, "sudo apt-get upgrade"],
    ["sudo tee /etc/apt/apt.conf.d/90yes <<'EOF'", `APT::Get::Assume-Yes "true";`, "EOF", "sudo apt-get install nginx"],
    [`sudo sh -c 'echo "APT::Get::Assume-Yes \\"true\\";" > /etc/apt/apt.conf.d/90yes'`, "apt-get install nginx"],
    ["echo assumeyes=1 | sudo tee -a /etc/dnf/dnf.conf", "sudo dnf install httpd"],
    ["sudo sed -i '$a assumeyes=1' /etc/yum.conf", "sudo yum install httpd"],
    ["sudo dnf config-manager --save --setopt=assumeyes=True", "sudo dnf install httpd"],
  ])("leaves alone %j", (...items) => {
    expect(spans(shell(...items), "interactive-command")).toEqual([]);
  });

  it("counts a yes configured in an earlier step, not in a later one", () => {
    const configure = [`echo 'APT::Get::Assume-Yes "true";' | sudo tee /etc/apt/apt.conf.d/90yes`];
    expect(spans(twoSteps(LINUX, "Shell", configure, ["sudo apt-get install nginx"]), "interactive-command")).toEqual([]);
    const text = twoSteps(LINUX, "Shell", ["sudo apt-get install nginx"], configure);
    expect(spans(text, "interactive-command")).toEqual([covering(text, "apt-get install nginx")]);
  });

  it("honours choco's allowGlobalConfirmation only once enabled, and until disabled", () => {
    const enable = "choco feature enable -n allowGlobalConfirmation";
    const disable = "choco feature disable -n allowGlobalConfirmation";
    expect(spans(powershell(enable, "choco install git"), "interactive-command")).toEqual([]);
    expect(spans(powershell("choco feature enable --name='allowGlobalConfirmation'", "choco upgrade all"), "interactive-command")).toEqual([]);
    expect(spans(twoSteps(WINDOWS, "PowerShell", [enable], ["choco install git"]), "interactive-command")).toEqual([]);
    for (const items of [["choco install git", enable], [disable, "choco install git"], [enable, disable, "choco install git"]]) {
      const text = powershell(...items);
      expect(spans(text, "interactive-command"), items.join("; ")).toEqual([covering(text, "choco install git")]);
    }
  });

  it("reads choco inside PowerShell blocks and behind the call operator", () => {
    const text = powershell("foreach ($p in 'git','7zip') { choco install $p }", "if ($x) { & 'C:\\ProgramData\\chocolatey\\bin\\choco.exe' upgrade all }");
    expect(spans(text, "interactive-command")).toEqual([
      covering(text, "choco install $p"),
      [16, at(text, 16, "'C:").column, "'C:\\\\ProgramData\\\\chocolatey\\\\bin\\\\choco.exe' upgrade all"],
    ]);
  });

  it("reports at each command's own line in a YAML block of several lines", () => {
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
      "        - |",
      "          if ! command -v nginx; then",
      "            until sudo apt-get install nginx; do sleep 5; done",
      "          fi",
      "          echo 'apt-get install is not run here'",
      "  distribute: [{ type: VHD, runOutputName: vhd }]",
    ].join("\n");
    expect(spans(yaml, "interactive-command", "t.yaml")).toEqual([[12, 24, "apt-get install nginx"]]);
  });
});

describe("restart-in-script reads commands one by one", () => {
  // [items of a PowerShell step on line 16, the source text the finding covers (its column is where that text is)]
  it.each([
    [["if ($r.RestartNeeded) { Restart-Computer -Force }"], "Restart-Computer -Force"],
    [["try { Install-WindowsFeature Web-Server } finally { Restart-Computer }"], "Restart-Computer"],
    [["Get-Service x | ForEach-Object { Restart-Computer }"], "Restart-Computer"],
    [["$null = Restart-Computer -Force"], "Restart-Computer -Force"],
    [["cmd /c shutdown /r /t 0"], "shutdown /r /t 0"],
    [["cmd.exe /c \"shutdown /r /t 0\""], "shutdown /r /t 0"],
    [["& shutdown.exe /g"], "shutdown.exe /g"],
    [["if ($pending) {", "  Restart-Computer", "}"], "Restart-Computer"],
  ])("catches %j", (items, covered) => {
    const text = powershell(...items);
    expect(spans(text, "restart-in-script")).toEqual([covering(text, covered)]);
  });

  it.each([
    ["Write-Host 'Restart-Computer'"],
    ["Write-Output \"run Restart-Computer later\""],
    ["<# Restart-Computer #> Write-Host done"],
    ["$text = @'", "Restart-Computer", "'@"],
    ["Get-Command Restart-Computer"],
    ["shutdown /s /t 0"],
    ["$restart = $true # Restart-Computer"],
  ])("leaves alone %j", (...items) => {
    expect(spans(powershell(...items), "restart-in-script")).toEqual([]);
  });
});

describe("commands in a Bicep template", () => {
  beforeAll(prepareBicep);
  it("reports at the command's line and column in a multi-line string and behind escapes", () => {
    const bicep = [
      "resource it 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = {",
      "  name: 'ubuntu'",
      "  location: 'westeurope'",
      "  properties: {",
      "    source: { type: 'PlatformImage', publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2', version: 'latest' }",
      "    customize: [",
      "      {",
      "        type: 'Shell'",
      "        name: 'tidy'",
      "        inline: [",
      "          '''",
      "if true; then",
      "  apt-get install nginx",
      "fi'''",
      "          'sudo apt-get upgrade \\'-q\\''",
      "        ]",
      "      }",
      "    ]",
      "    distribute: [ { type: 'VHD', runOutputName: 'ubuntu-vhd' } ]",
      "  }",
      "}",
    ].join("\n");
    expect(spans(bicep, "interactive-command", "main.bicep")).toEqual([
      [13, 3, "apt-get install nginx"],
      [15, 17, "apt-get upgrade \\'-q\\'"],
    ]);
  });
});
