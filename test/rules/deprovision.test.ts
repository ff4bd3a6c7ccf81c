import { WINDOWS } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

const tidy = (items: string) => ({ lines: { 16: `      { "type": "Shell", "name": "tidy", "inline": [${items}] },` } });

ruleTester.run("deprovision", {
  valid: [
    { name: "steps that leave the script alone" },
    { name: "commands that only mention or run the script", ...tidy(`"cat /tmp/DeprovisioningScript.sh", "echo 'rm is fine' > /tmp/x"`) },
  ],
  invalid: [
    {
      name: "an inline command that deletes the generalization script, at the command",
      ...tidy(`"sudo apt-get clean", "sudo rm -f /tmp/DeprovisioningScript.sh"`),
      errors: [{ line: 16, at: `"sudo rm -f /tmp/DeprovisioningScript.sh"`, severity: "error" }],
    },
    {
      name: "the Windows script removed",
      text: WINDOWS,
      lines: { 16: `      { "type": "PowerShell", "name": "tidy", "inline": ["Remove-Item -Force C:\\\\DeprovisioningScript.ps1"] },` },
      errors: [{ line: 16, at: `"Remove-Item`, severity: "error" }],
    },
    {
      name: "a File step that overwrites the script is a note",
      replace: { [`"destination": "/tmp/app.conf"`]: `"destination": "/tmp/DeprovisioningScript.sh"` },
      errors: [{ line: 17, at: `"/tmp/DeprovisioningScript.sh"`, severity: "info" }],
    },
  ],
});
