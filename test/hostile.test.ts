/**
 * Hostile inputs (issue 7, "Unbreakable"), each at a size small enough for the test suite where the
 * behaviour is the same as at full size: a defined, located outcome. The full-size inputs, with their
 * time and memory bounds, are in scripts/stress.mjs (`npm run stress`).
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { matches } from "../src/config/resolve.js";
import { secretIn } from "../src/rules/secret.js";
import { closest } from "../src/util/text.js";
import { cli, tempDir } from "./cli-harness.js";
import { at, byRule, expectFinding, lint, LINUX, withLine } from "./helpers.js";

const NESTING = "the document nests deeper than 200 levels; it is not an image template";
const HEAD = "type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2022-07-01\nlocation: westus2\n";

describe("C3: the JSON nesting guard sees what the parser sees", () => {
  const crComment = `//x\r${"[".repeat(300)}${"]".repeat(300)}`;
  it("counts brackets after a line comment ended by a lone CR", () => {
    expect(expectFinding(lint(crComment), "syntax", { line: 2, column: 201 }).message).toBe(NESTING);
  });
  it("counts brackets after a string broken by a raw line break", () => {
    expect(expectFinding(lint(`["a\n${"[".repeat(300)}${"]".repeat(300)}"]`), "syntax", { line: 2, column: 200 }).message).toBe(NESTING);
  });
  it("gives a located configuration error for --config and a clear one for --parameters, exit 2", async () => {
    const dir = tempDir({ "cr.json": crComment, "t.json": LINUX });
    const config = await cli(["--config", "cr.json", "t.json"], { cwd: dir });
    expect(config.code).toBe(2);
    expect(config.stderr.trim().split("\n")).toEqual([`aib-lint: ${dir}/cr.json:2:201: ${NESTING}`]);
    const parameters = await cli(["--parameters", "cr.json", "t.json"], { cwd: dir });
    expect(parameters.code).toBe(2);
    expect(parameters.stderr).toContain(NESTING);
    expect(parameters.stderr).not.toMatch(/call stack|internal error/);
  });
});

describe("C4, U2: deep YAML", () => {
  it("reports the nesting limit at the bracket, as for JSON (U2)", () => {
    const d = expectFinding(lint(`${HEAD}a: ${"[".repeat(300)}${"]".repeat(300)}\n`, "deep.yaml"), "syntax", { line: 4, column: 203 });
    expect(d.message).toBe(NESTING);
  });
  it("collects suppression comments from deep YAML without recursion (C4)", () => {
    const diagnostics = lint(`# aib-lint-disable location\na: ${"[".repeat(3000)}${"]".repeat(3000)}\n`, "deep.yaml");
    expect(expectFinding(diagnostics, "syntax", { line: 2, column: 203 }).message).toBe(NESTING);
  });
  it("nests through aliases no deeper than the limit either", () => {
    const lines = ["a0: &a0 [1]", ...Array.from({ length: 250 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}]`)];
    const d = byRule(lint(lines.join("\n"), "chain.yaml"), "syntax");
    expect(d.map((x) => x.message)).toEqual([NESTING]);
  });
});

describe("YAML aliases", () => {
  it("C6: refuses an alias repeating a long string past the character budget, at the alias", () => {
    const big = "a b".repeat(34_000); // 102,000 characters: the 99th alias passes 10,000,000
    const text = `${HEAD}x-big: &b "${big}"\nproperties:\n  distribute:\n${"    - {type: VHD, runOutputName: *b}\n".repeat(120)}`;
    const d = expectFinding(lint(text, "amp.yaml"), "syntax", at(text, 7 + 98, "*b"));
    expect(d.message).toBe("YAML document too large: aliases repeat more than 10,000,000 characters of text (*b among them)");
  });
  it("H1: each alias takes the last anchor of its name before it", () => {
    const text = `${HEAD}properties:\n  customize:\n    - &s {type: Shell, name: one, inline: [a]}\n    - *s\n    - &s {type: Shell, name: two, inline: [b]}\n    - *s\n`;
    const dups = byRule(lint(text, "t.yaml"), "unique-step-name");
    expect(dups.map((d) => [d.range.start.line, d.message])).toEqual([
      [7, 'customizer name "one" is already used at line 6; every customizer needs a unique name'],
      [9, 'customizer name "two" is already used at line 8; every customizer needs a unique name'],
    ]);
  });
  it("H1: a billion-laughs block after a long list stops at the node budget, at an alias", () => {
    const laughs = ['a0: &a0 ["lol"' + ',"lol"'.repeat(8) + "]", ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(",")}]`)];
    const text = `f: [${Array(5000).fill("1").join(",")}]\n${laughs.join("\n")}\n`;
    const [d] = byRule(lint(text, "bf.yaml"), "syntax");
    expect(d?.message).toBe("YAML document too large: aliases add more than 100,000 nodes");
    expect(text.split("\n")[d!.range.start.line - 1]!.slice(d!.range.start.column - 1)).toMatch(/^\*a\d/);
  });
  it("U1: follows an alias chain of 66 levels", () => {
    const text = ["x0: &x0 1", ...Array.from({ length: 65 }, (_, i) => `x${i + 1}: &x${i + 1} [*x${i}]`)].join("\n");
    expect(lint(text, "chain.yaml").map((d) => d.ruleId)).toEqual(["no-template"]);
  });
  it("U1: reports a mapping that merges itself as a cycle, at the alias", () => {
    const text = `${HEAD}properties:\n  source: &c\n    <<: *c\n`;
    const d = expectFinding(lint(text, "t.yaml"), "syntax", at(text, 6, "*c"));
    expect(d.message).toBe("YAML syntax error: alias *c refers to a node that contains it, which would repeat forever");
  });
  it("W4: locates a duplicate reached through aliases at the second alias", () => {
    const text = `type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2020-02-14\nlocation: westus2\nx: &step {type: Shell, name: setup, inline: [echo]}\nproperties:\n  customize: [*step, *step]\n`;
    const d = expectFinding(lint(text, "t.yaml"), "unique-step-name", { line: 6, column: 22 });
    expect(d.message).toBe('customizer name "setup" is already used at line 6; every customizer needs a unique name');
  });
});

describe("W2: !!omap and !!pairs", () => {
  it("reads an !!omap as the mapping it is, located where it is written", () => {
    const text = `${HEAD}properties:\n  distribute: !!omap\n    - runOutputName: a\n`;
    const d = expectFinding(lint(text, "t.yaml"), "value-type", { line: 6, column: 5 });
    expect(d.message).toBe('"distribute" must be an array, not an object');
  });
  it("reads !!pairs items as one-key mappings with their own positions", () => {
    const text = `${HEAD}properties:\n  distribute: !!pairs\n    - runOutputName: a\n`;
    const diagnostics = lint(text, "t.yaml");
    expect(diagnostics.some((d) => d.range.start.line === 1 && d.range.start.column === 1 && /not null/.test(d.message))).toBe(false);
    const d = expectFinding(diagnostics, "required-property", { line: 6, column: 7 });
    expect(d.message).toBe('the distributor is missing the required property "type"');
  });
});

describe("W3: numbers that are not finite", () => {
  it("reports 1e400 once, at the number", () => {
    const text = withLine(LINUX, 12, `    "buildTimeoutInMinutes": 1e400,`);
    const diagnostics = lint(text);
    const d = expectFinding(diagnostics, "syntax", at(text, 12, "1e400"));
    expect(d.message).toBe('"1e400" is not a finite number: JSON has no infinity or NaN, so the service cannot read it');
    expect(diagnostics).toHaveLength(1);
  });
  it("reports YAML's .inf", () => {
    const text = `${HEAD}properties:\n  buildTimeoutInMinutes: .inf\n`;
    expect(expectFinding(lint(text, "t.yaml"), "syntax", { line: 5, column: 26 }).message).toContain('".inf" is not a finite number');
  });
});

describe("H2, H3: regular expressions stay linear", () => {
  it("H2: the user-info pattern on a long dotted run (quadratic before)", () => {
    expect(secretIn("a.".repeat(100_000), false)).toBeUndefined();
    expect(secretIn("git+ssh://deploy:hunter22@example.org/repo", false)).toBe("a URI with a user name and password");
  });
  it("H3: restartTimeout of a digit, 100,000 spaces and a letter: one clipped finding", () => {
    const text = withLine(LINUX, 16, `      { "type": "WindowsRestart", "restartTimeout": "1${" ".repeat(100_000)}x" },`)
      .replace('"publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen2"', '"publisher": "MicrosoftWindowsServer", "offer": "WindowsServer", "sku": "2022-datacenter"')
      .replace(`{ "type": "Shell", "name": "setup", "scriptUri": "https://example.org/setup.sh", "sha256Checksum": "2c8d2a4e6f1b3c5d7e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f" },`, `{ "type": "PowerShell", "name": "setup", "inline": ["echo"] },`)
      .replace(`{ "type": "File", "name": "config", "sourceUri": "https://example.org/app.conf", "destination": "/tmp/app.conf" }`, `{ "type": "PowerShell", "name": "config", "inline": ["echo"] }`);
    const d = expectFinding(lint(text), "restart-timeout", at(text, 16, `"1 `));
    expect(d.message).toBe(`restartTimeout "1${" ".repeat(78)}…" is not a duration such as "5m" or "1h30m"`);
  });
});

describe("H4: configuration globs", () => {
  it("does not backtrack on *a*a*a…c", () => {
    expect(matches(["*a*a*a*a*a*a*a*a*a*a*a*a*c"], `${"a".repeat(200)}.yaml`)).toBe(false);
    expect(matches(["*a*a*a*a*a*a*a*a*a*a*a*a*c"], `${"a".repeat(200)}c`)).toBe(true);
  });
  it.each([
    ["drafts", "x/drafts/t.json", true],
    ["drafts/", "drafts/a/b.json", true],
    ["*.draft.json", "deep/a.draft.json", true],
    ["*.draft.json", "deep/a.draft.jsonc", false],
    ["/top.json", "top.json", true],
    ["/top.json", "sub/top.json", false],
    ["legacy/**", "legacy/a/b/c.json", true],
    ["legacy/**/*.json", "legacy/t.json", true],
    ["a/**/b/*.json", "a/x/y/b/t.json", true],
    ["a/**/b/*.json", "a/x/y/c/t.json", false],
    ["{old,legacy}/*.json", "legacy/t.json", true],
    ["{old,legacy}/*.json", "new/t.json", false],
    ["t[0-9].json", "t7.json", true],
    ["t[!0-9].json", "t7.json", false],
    ["?.json", "a.json", true],
    ["?.json", "ab.json", false],
    ["\\*.json", "*.json", true],
    ["\\*.json", "a.json", false],
    ["*.json", ".hidden.json", true],
  ])("%s matches %s: %s", (pattern, path, expected) => {
    expect(matches([pattern], path)).toBe(expected);
  });
  it("refuses an extended glob with a located configuration error", async () => {
    const dir = tempDir({ ".aib-lint.yaml": "ignore:\n  - ok/\n  - '@(a|b).json'\n", "t.json": LINUX });
    const run = await cli(["t.json"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`.aib-lint.yaml:3:5: ignore: "@(a|b).json": extended globs such as @(a|b) are not supported; write {a,b}`);
  });
});

describe("H5: top-level triggers in an ARM file with many templates", () => {
  it("gives each trigger to the template its name starts with", () => {
    const template = (name: string) => ({ ...JSON.parse(LINUX), name });
    const trigger = { type: "Microsoft.VirtualMachineImages/imageTemplates/triggers", apiVersion: "2022-07-01", name: "t2/onNew", properties: { kind: "sourceImage" } };
    const text = JSON.stringify({ contentVersion: "1.0.0.0", resources: [template("t1"), template("t2"), template("t3"), trigger] }, null, 1);
    const d = byRule(lint(text), "trigger");
    expect(d.map((x) => x.message)).toEqual(['trigger kind "sourceImage" is not "SourceImage" (values are case-sensitive)']);
  });
});

describe("H6: closest() on long words", () => {
  it("suggests for a typo and gives up on a megabyte word at once", () => {
    expect(closest("westus3x", ["westus2", "westus3", "eastus"])).toBe("westus3");
    expect(closest("w".repeat(1 << 20), ["westus2", "w".repeat(1 << 20)])).toBeUndefined();
  });
  it("remembers a suggestion per list of candidates, never across lists", () => {
    const regions = ["westus2", "westus3", "eastus"];
    const other = ["westus3x1", "northeurope"];
    expect(closest("westus3x", regions)).toBe("westus3");
    expect(closest("westus3x", regions)).toBe("westus3");
    expect(closest("westus3x", other)).toBe("westus3x1");
    expect(closest("nowhere-at-all", regions)).toBeUndefined();
    expect(closest("nowhere-at-all", regions)).toBeUndefined();
  });
});

describe("H7: case variants of one key", () => {
  it("reports each variant once against the exact spelling", () => {
    const variants = new Set<string>();
    for (let i = 1; variants.size < 2000; i++) {
      const v = [..."buildTimeoutInMinutes"].map((c, k) => ((i >> k % 20) & 1 ? c.toUpperCase() : c.toLowerCase())).join("") + (i >= 1 << 20 ? "" : "");
      if (v !== "buildTimeoutInMinutes") variants.add(v);
    }
    const template = JSON.parse(LINUX) as { apiVersion: string; properties: Record<string, unknown> };
    template.apiVersion = "2022-02-14";
    template.properties = { ...Object.fromEntries([...variants].map((v) => [v, 90])), ...template.properties };
    const d = byRule(lint(JSON.stringify(template)), "duplicate-key");
    expect(d).toHaveLength(2000);
  });
});

describe("U4: messages clip values from the file", () => {
  it("quotes a 100,000-character location in 80 characters", () => {
    const text = withLine(LINUX, 4, `  "location": "${"w".repeat(100_000)}",`);
    const d = expectFinding(lint(text), "location", at(text, 4, `"www`));
    expect(d.message.startsWith(`"${"w".repeat(79)}…" is not a region`)).toBe(true);
    expect(d.message.length).toBeLessThan(300);
  });
  it("quotes a long unknown key and a long rule name in a suppression in 80 characters", () => {
    const key = "k".repeat(50_000);
    const text = withLine(LINUX, 12, `    "${key}": 1, // aib-lint-disable-line ${"r".repeat(50_000)}`);
    for (const d of lint(text)) expect(d.message.length, d.ruleId).toBeLessThan(400);
  });
});

/** Whether a process is alive (a zombie is not: it only waits to be reaped). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, "utf8") : "";
  return !/^\d+ \(.*\) Z/.test(stat);
}

describe.runIf(process.platform !== "win32")("W5: an interrupted run leaves nothing behind", () => {
  const BIN = fileURLToPath(new URL("../bin/aib-lint.js", import.meta.url));
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s during ShellCheck stops it, removes the inline scripts and exits %i", async (signal, code) => {
    // a ShellCheck that says it started, then hangs
    const dir = tempDir({ "t.json": withLine(LINUX, 16, `      { "type": "Shell", "name": "a", "inline": ["echo $TOKEN"] },`), "slow-shellcheck": '#!/bin/sh\necho $$ > "$(dirname "$0")/pid"\nexec sleep 30\n' });
    chmodSync(join(dir, "slow-shellcheck"), 0o755);
    const child = spawn(process.execPath, [BIN, "--no-config", "t.json"], { cwd: dir, env: { ...process.env, AIB_LINT_SHELLCHECK: join(dir, "slow-shellcheck") }, stdio: "ignore" });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
    const pidFile = join(dir, "pid");
    for (let i = 0; i < 200 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    const checker = Number(readFileSync(pidFile, "utf8"));
    const ownDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`aib-lint-shellcheck-${child.pid}-`));
    expect(ownDirs()).toHaveLength(1);
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(ownDirs()).toEqual([]);
    // the hung ShellCheck is gone, or dead and waiting to be reaped by whoever adopted it
    expect(running(checker)).toBe(false);
  });
});
