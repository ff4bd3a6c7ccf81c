import { powershellStep as powershell, shellStep as shell } from "../helpers.js";
import { ruleTester, type InvalidCase, type ValidCase } from "../rule-tester.js";

/** [items of a PowerShell step on line 16, the source text the finding covers (at its first place on the line)]. */
const CAUGHT: [string[], string][] = [
  [["if ($r.RestartNeeded) { Restart-Computer -Force }"], "Restart-Computer -Force"],
  [["try { Install-WindowsFeature Web-Server } finally { Restart-Computer }"], "Restart-Computer"],
  [["Get-Service x | ForEach-Object { Restart-Computer }"], "Restart-Computer"],
  [["$null = Restart-Computer -Force"], "Restart-Computer -Force"],
  [["cmd /c shutdown /r /t 0"], "shutdown /r /t 0"],
  [["cmd.exe /c \"shutdown /r /t 0\""], "shutdown /r /t 0"],
  [["& shutdown.exe /g"], "shutdown.exe /g"],
  [["if ($pending) {", "  Restart-Computer", "}"], "Restart-Computer"],
];

/** Items of a PowerShell step that do not restart the VM. */
const LEFT_ALONE: string[][] = [
  ["Write-Host done"],
  ["# Restart-Computer"],
  ["Write-Host 'Restart-Computer'"],
  ["Write-Output \"run Restart-Computer later\""],
  ["<# Restart-Computer #> Write-Host done"],
  ["$text = @'", "Restart-Computer", "'@"],
  ["Get-Command Restart-Computer"],
  ["shutdown /s /t 0"],
  ["$restart = $true # Restart-Computer"],
];

ruleTester.run("restart-in-script", {
  valid: [
    ...LEFT_ALONE.map((items): ValidCase => ({ name: `leaves alone ${JSON.stringify(items)}`, text: powershell(...items) })),
    { name: "a Shell step", text: shell("sudo shutdown -r now") },
  ],
  invalid: [
    {
      name: "Restart-Computer in a PowerShell step, on the command",
      text: powershell("Install-WindowsFeature Web-Server", "Restart-Computer -Force"),
      errors: [{ line: 16, at: "Restart-Computer", severity: "warning", includes: "WindowsRestart" }],
    },
    { name: "shutdown /r", text: powershell("shutdown /r /t 0"), errors: [{ line: 16, at: "shutdown" }] },
    { name: "shutdown.exe -r", text: powershell("C:\\Windows\\System32\\shutdown.exe -r -f"), errors: [{ line: 16, at: "C:" }] },
    ...CAUGHT.map(([items, covered]): InvalidCase => ({ name: `catches ${JSON.stringify(items)}`, text: powershell(...items), errors: [{ line: 16, covers: covered }] })),
  ],
});
