import { LINUX, powershellStep as powershell, shellStep as shell, WINDOWS, withLine } from "../helpers.js";
import { ruleTester, type InvalidCase, type ValidCase } from "../rule-tester.js";

/** Two steps of one kind on line 16, the first with `first`'s items and the second with `second`'s. */
const twoSteps = (base: string, type: string, first: string[], second: string[]) =>
  withLine(base, 16, `      { "type": "${type}", "name": "a", "inline": ${JSON.stringify(first)} }, { "type": "${type}", "name": "b", "inline": ${JSON.stringify(second)} },`);
const APT_YES = `echo 'APT::Get::Assume-Yes "true";' | sudo tee /etc/apt/apt.conf.d/90yes`;
const CHOCO_ON = "choco feature enable -n allowGlobalConfirmation";
const CHOCO_OFF = "choco feature disable -n allowGlobalConfirmation";

/** [items of a Shell step on line 16, the source text the finding covers (at its first place on the line)]. */
const CAUGHT: [string[], string][] = [
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
  [["sudo apt-get install nginx", APT_YES], "apt-get install nginx"],
  [[`echo 'APT::Get::Assume-Yes "true";' > /tmp/notes.txt`, "apt-get install nginx"], "apt-get install nginx"],
];

/** Items of a Shell step that ask nothing. */
const LEFT_ALONE: string[][] = [
  ["sudo apt-get install -y nginx"],
  ["sudo apt-get -yq install nginx"],
  ["sudo apt-get install --yes nginx"],
  ["sudo apt-get install --assume-yes nginx"],
  ["sudo apt-get -qq install nginx"],
  ["sudo apt-get -o APT::Get::Assume-Yes=true install nginx"],
  ["yes | sudo apt-get install nginx"],
  ["sudo apt-get update"],
  ["sudo apt-get clean"],
  ["apt list --installed"],
  ["sudo yum -y install httpd"],
  ["sudo dnf install --assumeyes httpd"],
  ["sudo yum makecache"],
  ["# sudo apt-get upgrade"],
  ["echo 'apt-get upgrade' is what we avoid"],
  // not commands
  ["echo 'apt-get install nginx'"],
  ["# apt-get install nginx"],
  ["printf '%s\\n' \"sudo apt-get upgrade\""],
  ["cat <<EOF > /tmp/notes", "apt-get install nginx", "EOF"],
  ["command -v apt-get"],
  ["for tool in apt-get yum; do echo $tool; done"],
  // answered
  ["DEBIAN_FRONTEND=noninteractive apt-get -y install nginx"],
  ["sudo bash -c 'apt-get install -y nginx'"],
  ["until sudo apt-get install -y nginx; do sleep 5; done"],
  ["sudo apt-get install nginx <<< y"],
  // a yes written into the manager's configuration, then the commands
  [`echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90yes`, "apt-get install nginx"],
  [APT_YES, "sudo apt-get upgrade"],
  [`${APT_YES} > /dev/null`, "sudo apt-get upgrade"],
  ["sudo tee /etc/apt/apt.conf.d/90yes <<'EOF'", `APT::Get::Assume-Yes "true";`, "EOF", "sudo apt-get install nginx"],
  [`sudo sh -c 'echo "APT::Get::Assume-Yes \\"true\\";" > /etc/apt/apt.conf.d/90yes'`, "apt-get install nginx"],
  ["echo assumeyes=1 | sudo tee -a /etc/dnf/dnf.conf", "sudo dnf install httpd"],
  ["sudo sed -i '$a assumeyes=1' /etc/yum.conf", "sudo yum install httpd"],
  ["sudo dnf config-manager --save --setopt=assumeyes=True", "sudo dnf install httpd"],
  // an ARM expression item
  ["[concat('apt-get install ', parameters('p'))]"],
];

/** [a command that asks, the package manager's command the message names]. */
const NAMED: [string, string][] = [
  ["sudo apt-get install nginx", "apt-get install"],
  ["apt install -q nginx", "apt install"],
  ["sudo -E apt-get dist-upgrade", "apt-get dist-upgrade"],
  ["apt-get -o Dpkg::Options::=--force-confold remove nginx", "apt-get remove"],
  ["sudo yum install httpd", "yum install"],
  ["dnf update", "dnf update"],
  ["cd /tmp && sudo apt-get install ./pkg.deb; echo done", "apt-get install"],
];

const YAML_ITEMS = [
  "type: Microsoft.VirtualMachineImages/imageTemplates",
  "apiVersion: 2022-07-01",
  "location: westus2",
  "properties:",
  "  source: { type: PlatformImage, publisher: Canonical, offer: 0001-com-ubuntu-server-jammy, sku: 22_04-lts-gen2, version: latest }",
  "  customize:",
  "    - type: Shell",
  "      name: setup",
  "      inline:",
];
const YAML_END = "  distribute: [{ type: VHD, runOutputName: vhd }]";

const BICEP = [
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

ruleTester.run("interactive-command", {
  valid: [
    ...LEFT_ALONE.map((items): ValidCase => ({ name: `leaves alone ${JSON.stringify(items)}`, text: shell(...items) })),
    { name: "a yes configured in an earlier step", text: twoSteps(LINUX, "Shell", [APT_YES], ["sudo apt-get install nginx"]) },
    { name: "choco install -y", text: powershell("choco install git -y") },
    { name: "choco after allowGlobalConfirmation is enabled", text: powershell(CHOCO_ON, "choco install git") },
    { name: "choco after allowGlobalConfirmation is enabled with --name=", text: powershell("choco feature enable --name='allowGlobalConfirmation'", "choco upgrade all") },
    { name: "choco after allowGlobalConfirmation is enabled in an earlier step", text: twoSteps(WINDOWS, "PowerShell", [CHOCO_ON], ["choco install git"]) },
  ],
  invalid: [
    {
      name: "apt-get upgrade without -y, on the command in its item",
      text: shell("sudo apt-get update -y", "sudo apt-get upgrade"),
      errors: [{ line: 16, covers: "apt-get upgrade", severity: "warning", includes: "add -y" }],
    },
    ...NAMED.map(([command, named]): InvalidCase => ({ name: `warns about ${command}`, text: shell(command), errors: [{ line: 16, at: named.split(" ")[0], includes: `"${named}"` }] })),
    {
      name: "DEBIAN_FRONTEND=noninteractive does not answer the prompt",
      text: shell("sudo DEBIAN_FRONTEND=noninteractive apt-get upgrade"),
      errors: [{ line: 16, at: "apt-get upgrade", includes: "DEBIAN_FRONTEND=noninteractive does not answer it" }],
    },
    { name: "the column behind JSON escapes", text: shell(`echo "start" && apt-get remove nano`), errors: [{ line: 16, at: "apt-get remove" }] },
    ...CAUGHT.map(([items, covered]): InvalidCase => ({ name: `catches ${JSON.stringify(items)}`, text: shell(...items), errors: [{ line: 16, covers: covered }] })),
    {
      name: "a yes configured in a later step does not count",
      text: twoSteps(LINUX, "Shell", ["sudo apt-get install nginx"], [APT_YES]),
      errors: [{ line: 16, covers: "apt-get install nginx" }],
    },
    { name: "choco install without -y in a PowerShell step", text: powershell("choco install git"), errors: [{ line: 16, covers: "choco install git", severity: "warning" }] },
    { name: "cinst", text: powershell("cinst git"), errors: [{ line: 16, at: "cinst" }] },
    ...[["choco install git", CHOCO_ON], [CHOCO_OFF, "choco install git"], [CHOCO_ON, CHOCO_OFF, "choco install git"]].map(
      (items): InvalidCase => ({ name: `choco's allowGlobalConfirmation not in force: ${items.join("; ")}`, text: powershell(...items), errors: [{ line: 16, covers: "choco install git" }] }),
    ),
    {
      name: "choco inside PowerShell blocks and behind the call operator",
      text: powershell("foreach ($p in 'git','7zip') { choco install $p }", "if ($x) { & 'C:\\ProgramData\\chocolatey\\bin\\choco.exe' upgrade all }"),
      errors: [
        { line: 16, covers: "choco install $p" },
        { line: 16, at: "'C:", covers: "'C:\\\\ProgramData\\\\chocolatey\\\\bin\\\\choco.exe' upgrade all" },
      ],
    },
    {
      name: "the item in a YAML template",
      text: [...YAML_ITEMS, "        - apt-get update -y", "        - apt-get install nginx", YAML_END].join("\n"),
      file: "t.yaml",
      errors: [{ line: 11, column: 11 }],
    },
    {
      name: "each command's own line in a YAML block of several lines",
      text: [
        ...YAML_ITEMS,
        "        - |",
        "          if ! command -v nginx; then",
        "            until sudo apt-get install nginx; do sleep 5; done",
        "          fi",
        "          echo 'apt-get install is not run here'",
        YAML_END,
      ].join("\n"),
      file: "t.yaml",
      errors: [{ line: 12, column: 24, covers: "apt-get install nginx" }],
    },
    {
      name: "Bicep: the command's line and column in a multi-line string and behind escapes",
      text: BICEP,
      file: "main.bicep",
      errors: [
        { line: 13, column: 3, covers: "apt-get install nginx" },
        { line: 15, column: 17, covers: "apt-get upgrade \\'-q\\'" },
      ],
    },
  ],
});
