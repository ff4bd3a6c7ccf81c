import { describe, expect, it } from "vitest";
import { COMMAND_PATTERNS, secretIn } from "../../src/rules/secret.js";
import { WINDOWS } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

const SETUP = `"https://example.org/setup.sh"`;
const shell = (...items: string[]) => ({ lines: { 16: `      { "type": "Shell", "name": "tidy", "inline": ${JSON.stringify(items)} },` } });
const powershell = (...items: string[]) => ({ text: WINDOWS, lines: { 16: `      { "type": "PowerShell", "name": "tidy", "inline": ${JSON.stringify(items)} },` } });

ruleTester.run("secret", {
  valid: [
    { name: "plain URIs and commands" },
    { name: "a password read from the environment", ...shell("echo password=$PASSWORD", "sudo apt-get install -y nginx") },
    { name: "a password asked for", ...powershell("net user builder * /add") },
  ],
  invalid: [
    {
      name: "a SAS token in a script URI, at the value",
      replace: { [SETUP]: `"https://store.blob.core.windows.net/s/setup.sh?sv=2022-11-02&sig=abc%3D"` },
      errors: [{ line: 15, at: `"https://store`, severity: "warning" }],
    },
    { name: "a user name and password in a URI", replace: { [SETUP]: `"https://user:hunter22@example.org/setup.sh"` }, errors: [{ line: 15, at: `"https://user`, includes: "user name and password" }] },
    { name: "a password in an inline command", ...shell("DB_PASSWORD=hunter22"), errors: [{ line: 16, at: `"DB_PASSWORD`, severity: "warning" }] },
    { name: "a SecureString from plain text", ...powershell(`ConvertTo-SecureString "P@ssw0rd" -AsPlainText -Force`), errors: [{ line: 16, at: `"ConvertTo`, includes: "SecureString" }] },
  ],
});

describe("secretIn and its command patterns", () => {
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

describe("secretIn: common password forms", () => {
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
