import { chmodSync, chownSync, existsSync, linkSync, lstatSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/core/diagnostic.js";
import { applyFixes } from "../src/edit/apply.js";
import { caseVariant, rewriteToken, soleCandidate } from "../src/edit/rewrite.js";
import { readSource, writeSource } from "../src/run/fix-files.js";
import { fixText } from "../src/run/fix-loop.js";
import { InputError } from "../src/read/input.js";
import { lintText, type LintOptions } from "../src/lint/index.js";
import { sarif } from "../src/report/sarif.js";
import { cli, tempDir } from "./cli-harness.js";
import { byRule, LINUX, replaceOnce, withLine } from "./helpers.js";
import { mutator } from "./mutate.js";
import { sarifValidator } from "./sarif-schema.js";

const fix = (text: string, file = "template.json", options: LintOptions = {}) => fixText({ file, text, explicit: true }, options);
const keyOf = (d: Diagnostic) => `${d.ruleId}|${d.path}`;

/** The fix gives exactly `expected`, is idempotent, leaves nothing of `rule` and adds no finding. */
function expectFixed(input: string, expected: string, rule: string, file = "template.json", options: LintOptions = {}) {
  const before = lintText({ file, text: input, explicit: true }, options).diagnostics;
  expect(before.filter((d) => d.ruleId === rule).every((d) => d.fixes?.length), `${rule} findings carry fixes`).toBe(true);
  const out = fix(input, file, options);
  expect(out.output).toBe(expected);
  expect(out.fixedByRule[rule]).toBeGreaterThan(0);
  expect(byRule(out.result.diagnostics, rule)).toEqual([]);
  const old = new Set(before.map(keyOf));
  expect(out.result.diagnostics.filter((d) => !old.has(keyOf(d))).map(keyOf)).toEqual([]);
  const again = fix(out.output, file, options);
  expect(again.changed).toBe(false);
  expect(again.output).toBe(expected);
  return out;
}

describe("fixes of each fixable rule", () => {
  it("unknown-type: the case of a distributor type (VHD)", () => {
    const bad = replaceOnce(LINUX, `{ "type": "VHD"`, `{ "type": "vhd"`);
    expectFixed(bad, LINUX, "unknown-type");
  });
  it("unknown-type: the case of a customizer type and of the 2020 documentation's managedImage", () => {
    const bad = replaceOnce(replaceOnce(LINUX, `{ "type": "Shell", "name": "tidy"`, `{ "type": "shell", "name": "tidy"`), `{ "type": "ManagedImage"`, `{ "type": "managedImage"`);
    const out = expectFixed(bad, LINUX, "unknown-type");
    expect(out.fixedByRule["unknown-type"]).toBe(2);
  });
  it("unknown-type: a discriminator's fix edits only the characters that change", () => {
    const bad = replaceOnce(LINUX, `{ "type": "VHD"`, `{ "type": "vhd"`);
    const finding = byRule(lintText({ file: "t.json", text: bad }).diagnostics, "unknown-type")[0]!;
    const start = bad.indexOf(`"vhd"`) + 1;
    expect(finding.fixes).toEqual([{ description: `replace "vhd" with "VHD"`, edits: [{ start, end: start + 3, text: "VHD" }] }]);
  });
  it("allowed-values: the case of an enum value (identity type)", () => {
    const bad = replaceOnce(LINUX, `"type": "UserAssigned"`, `"type": "userAssigned"`);
    expectFixed(bad, LINUX, "allowed-values");
  });
  it("unknown-property: a misspelt key with one close candidate (aritfactTags)", () => {
    const good = replaceOnce(LINUX, `"runOutputName": "ubuntu-vhd" }`, `"runOutputName": "ubuntu-vhd", "artifactTags": { "os": "ubuntu" } }`);
    expectFixed(replaceOnce(good, "artifactTags", "aritfactTags"), good, "unknown-property");
  });
  it("unknown-property: a key that differs only in case where the version is case-strict (osDiskSizeGb, 2024-02-01)", () => {
    const good = withLine(withLine(LINUX, 3, `  "apiVersion": "2024-02-01",`), 12, `    "buildTimeoutInMinutes": 100, "vmProfile": { "vmSize": "Standard_D2s_v3", "osDiskSizeGB": 64 },`);
    expect(lintText({ file: "t.json", text: good }).diagnostics).toEqual([]);
    expectFixed(replaceOnce(replaceOnce(good, "osDiskSizeGB", "osDiskSizeGb"), `"vmSize"`, `"vmsize"`), good, "unknown-property");
  });
  it("resource-type: the provider alone becomes the resource type", () => {
    const bad = withLine(LINUX, 2, `  "type": "Microsoft.VirtualMachineImages",`);
    expectFixed(bad, LINUX, "resource-type");
  });
  it("trigger: the case of a trigger kind", () => {
    const good = withLine(LINUX, 23, `  }, "resources": [ { "type": "triggers", "name": "onNew", "apiVersion": "2022-07-01", "properties": { "kind": "SourceImage" } } ]`);
    expectFixed(replaceOnce(good, `"kind": "SourceImage"`, `"kind": "sourceImage"`), good, "trigger");
  });
});

describe("what is not fixed", () => {
  it("a key that differs only in case in a case-insensitive version (accepted there; a note only)", () => {
    const text = withLine(LINUX, 12, `    "buildTimeoutInMinutes": 100, "vmProfile": { "osDiskSizeGb": 64 },`);
    const out = fix(text);
    expect(byRule(out.result.diagnostics, "property-case")).toHaveLength(1);
    expect(byRule(out.result.diagnostics, "property-case")[0]!.fixes).toBeUndefined();
    expect(out.changed).toBe(false);
  });
  it("a misspelt key whose candidate is already in the object or stands for another key too, and the tags → artifactTags hint", () => {
    const present = replaceOnce(LINUX, `"runOutputName": "ubuntu-vhd" }`, `"runOutputName": "ubuntu-vhd", "artifactTags": {}, "artifactTag": {} }`);
    const tags = replaceOnce(LINUX, `"runOutputName": "ubuntu-vhd" }`, `"runOutputName": "ubuntu-vhd", "tags": {} }`);
    const twice = replaceOnce(LINUX, `"runOutputName": "ubuntu-vhd" }`, `"runOutputName": "ubuntu-vhd", "aritfactTags": {}, "artifactTag": {} }`);
    for (const text of [present, tags]) {
      const out = fix(text);
      expect(byRule(out.result.diagnostics, "unknown-property")).toHaveLength(1);
      expect(out.changed).toBe(false);
    }
    // two misspellings of one property: which one is meant is a guess
    expect(byRule(fix(twice).result.diagnostics, "unknown-property").map((d) => d.fixes)).toEqual([undefined, undefined]);
  });
  it("a misspelt key whose only candidate is read-only (lastRunStatus): the fix would trade one finding for another", () => {
    const text = withLine(LINUX, 12, `    "buildTimeoutInMinutes": 100, "lastRunStats": {},`);
    const found = byRule(lintText({ file: "t.json", text }).diagnostics, "unknown-property");
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining(`did you mean "lastRunStatus"`)]);
    expect(found[0]!.fixes).toBeUndefined();
  });
  it("a value that is not a case variant, an apiVersion, a location, a checksum", () => {
    const text = withLine(withLine(replaceOnce(LINUX, `"type": "UserAssigned"`, `"type": "UserAssignd"`), 3, `  "apiVersion": "2022-07-1",`), 4, `  "location": "uksouthh",`);
    const out = fix(text.replace(/"2c8d2a4e[0-9a-f]+"/, `"2c8d"`));
    expect(out.changed).toBe(false);
    expect(out.result.diagnostics.map((d) => d.ruleId)).toEqual(expect.arrayContaining(["allowed-values", "api-version", "location", "sha256-checksum"]));
    expect(out.result.diagnostics.filter((d) => d.fixes)).toEqual([]);
  });
  it("a YAML value that aliases read (another template, a tag, a merge): the finding stays, unfixed, and says why", () => {
    const head = (name: string, version: string) => `  - type: Microsoft.VirtualMachineImages/imageTemplates\n    apiVersion: ${version}\n    name: ${name}\n    location: westus2\n`;
    const source = "      source: {type: PlatformImage, publisher: Canonical, offer: 0001-com-ubuntu-server-jammy, sku: 22_04-lts-gen2, version: latest}\n";
    const distribute = (type: string) => `      distribute:\n        - {type: ${type}, runOutputName: v}\n`;
    const text = `resources:\n${head("new", "2022-07-01")}    properties:\n${source}      customize:\n        - {type: &t shell, name: a, inline: [echo hi]}\n${distribute("VHD")}    tags:\n      stepKind: *t\n${head("old", "2018-02-01-preview")}    properties:\n${source}      customize:\n        - {type: *t, name: a, inline: [echo hi]}\n${distribute("VHD")}`;
    const finding = byRule(lintText({ file: "t.yaml", text }).diagnostics, "unknown-type");
    expect(finding.map((d) => [d.range.start, d.fixes, d.related?.map((r) => [r.message, r.range.start])])).toEqual([
      [{ line: 9, column: 21 }, undefined, [["*t reads the same value", { line: 13, column: 17 }]]],
    ]);
    expect(finding[0]!.message).toMatch(/\(not fixable: the value is anchored as &t, which \*t at line 13 also reads\)$/);
    expect(fix(text, "t.yaml").changed).toBe(false);
    // an anchor no alias reads is fixed as any value
    const unread = text.replace("stepKind: *t", "stepKind: x").replace("{type: *t,", "{type: shell,");
    expect(fix(unread, "t.yaml").output).toBe(unread.replace("&t shell", "&t Shell"));
    // a mapping merged with <<: the values inside the anchored mapping are shared too
    const merged = `resources:\n${head("m", "2022-07-01")}    properties:\n${source}      customize:\n        - &step {type: shell, name: a, inline: [echo hi]}\n        - {<<: *step, name: b}\n${distribute("vhd")}`;
    const out = fix(merged, "t.yaml");
    expect(out.output).toBe(merged.replace("type: vhd", "type: VHD"));
    expect(byRule(out.result.diagnostics, "unknown-type").map((d) => [d.range.start.line, d.fixes])).toEqual([[9, undefined], [10, undefined]]);
  });
  it("a later version's spelling under a retired apiVersion (Shell in 2018-02-01-preview asks for a newer version)", () => {
    const text = withLine(LINUX, 3, `  "apiVersion": "2018-02-01-preview",`);
    const found = byRule(lintText({ file: "t.json", text }).diagnostics, "unknown-type");
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((d) => d.fixes)).toEqual([]);
  });
  it("two equally close candidates, or a second case variant", () => {
    expect(soleCandidate("Standard_XRS", ["Standard_LRS", "Standard_ZRS"])).toBeUndefined();
    expect(soleCandidate("aritfactTags", ["artifactTags", "runOutputName"])).toBe("artifactTags");
    expect(soleCandidate("osDiskSizeGb", ["osDiskSizeGB", "vmSize"])).toBe("osDiskSizeGB");
    expect(caseVariant("abc", ["ABC", "Abc"])).toBeUndefined();
    expect(caseVariant("vhd", ["VHD", "SharedImage"])).toBe("VHD");
  });
});

describe("the source around the edited token stays as it was", () => {
  it("CRLF line ends and a byte-order mark", () => {
    const crlf = `\ufeff${LINUX.replace(/\n/g, "\r\n")}`;
    const out = fix(replaceOnce(crlf, `{ "type": "VHD"`, `{ "type": "vhd"`));
    expect(out.output).toBe(crlf);
  });
  it("JSONC comments, odd spacing and escapes outside the changed characters", () => {
    const bad = replaceOnce(LINUX, `{ "type": "VHD", "runOutputName": "ubuntu-vhd" }`, `{ /* c */ "type"  :   "v\\u0068d" , // note\n        "runOutputName": "ubuntu-vhd" }`);
    // every character of "v\u0068d" changes: the token's content is rewritten, the comments and spacing are not
    const good = replaceOnce(bad, `"v\\u0068d"`, `"VHD"`);
    expect(fix(bad, "t.jsonc").output).toBe(good);
    const keep = replaceOnce(LINUX, `{ "type": "ManagedImage"`, `{ "type": "managedIm\\u0061ge"`);
    expect(fix(keep).output).toBe(replaceOnce(LINUX, `{ "type": "ManagedImage"`, `{ "type": "ManagedIm\\u0061ge"`));
  });
  it("YAML plain, single- and double-quoted scalars, flow collections and comments", () => {
    const yaml = (distType: string, idType: string, shell: string, key: string, kind: string) => `# a template
type: Microsoft.VirtualMachineImages/imageTemplates   # the resource type
apiVersion: "2024-02-01"
location: westus2
identity:
  type: ${idType}   # one identity
  userAssignedIdentities:
    /subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aib: {}
properties:
  vmProfile: { ${key}: 64 }
  source: {type: PlatformImage, publisher: Canonical, offer: 0001-com-ubuntu-server-jammy, sku: 22_04-lts-gen2, version: latest}
  customize:
    - type: ${shell}
      name: 'it''s'
      inline: ["sudo apt-get -y update"]
  distribute:
    - {type: ${distType}, runOutputName: vhd}
    - type: ManagedImage
      imageId: /subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/images/u
      location: westus2
      runOutputName: mi
      artifactTags: {${kind}: x}
`;
    const bad = yaml(`"\\x76hd"`, `'userAssigned'`, "shell", `"osDiskSizeGb"`, "os");
    const good = yaml(`"VHD"`, `'UserAssigned'`, "Shell", `"osDiskSizeGB"`, "os");
    expect(lintText({ file: "t.yaml", text: good }).diagnostics).toEqual([]);
    expectFixed(bad, good, "unknown-type", "t.yaml");
    expect(fix(bad.replace(/\n/g, "\r\n"), "t.yaml").output).toBe(good.replace(/\n/g, "\r\n"));
  });
  it("a single-quoted YAML token doubles a quote; a plain scalar is never rewritten into a non-string", () => {
    const text = "key: 'ab'";
    expect(rewriteToken(text, 5, 9, "ab", "a'b")).toEqual({ start: 7, end: 7, text: "''" });
    expect(rewriteToken("key: tru", 5, 8, "tru", "true")).toBeUndefined();
    expect(rewriteToken("key: *anchor", 5, 12, "vhd", "VHD")).toBeUndefined();
    expect(rewriteToken("key: |\n  vhd\n", 5, 13, "vhd\n", "VHD\n")).toBeUndefined();
    expect(rewriteToken(`"vhd"`, 0, 5, "other", "VHD")).toBeUndefined();
  });
});

describe("passes and conflicts", () => {
  it("a fix that reveals another: the distributor's type first, then its misspelt property (2 passes)", () => {
    const good = replaceOnce(LINUX, `"runOutputName": "ubuntu-mi" }`, `"runOutputName": "ubuntu-mi", "artifactTags": { "os": "ubuntu" } }`);
    const bad = replaceOnce(replaceOnce(good, `{ "type": "ManagedImage"`, `{ "type": "managedImage"`), "artifactTags", "artifactTag");
    expect(byRule(lintText({ file: "t.json", text: bad }).diagnostics, "unknown-property")).toEqual([]);
    const out = fix(bad);
    expect(out.output).toBe(good);
    expect(out.passes).toBe(2);
    expect(out.fixedByRule).toEqual({ "unknown-type": 1, "unknown-property": 1 });
    expect(out.result.diagnostics).toEqual([]);
  });
  const finding = (start: number, end: number, text: string, ruleId = "r"): Diagnostic => ({
    file: "f",
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    severity: "error",
    ruleId,
    message: "m",
    path: "$",
    fixes: [{ description: "d", edits: [{ start, end, text }] }],
  });
  it("overlapping fixes: the first in source order goes in, the other waits; identical edits count once", () => {
    const { output, fixed } = applyFixes("abcdef", [finding(2, 4, "XY", "b"), finding(0, 3, "Q", "a"), finding(4, 6, "ZZ", "c"), finding(4, 6, "ZZ", "d")]);
    expect(output).toBe("QdZZ");
    expect(fixed.map((d) => d.ruleId)).toEqual(["a", "c", "d"]);
  });
  it("two insertions at one point conflict; invalid ranges are ignored", () => {
    const { output, fixed } = applyFixes("ab", [finding(1, 1, "x"), finding(1, 1, "y"), finding(3, 5, "z"), finding(2, 1, "w")]);
    expect(output).toBe("axb");
    expect(fixed).toHaveLength(1);
  });
  it("a fix of several edits goes in whole or waits whole, whatever the order of its edits", () => {
    const multi = (ruleId: string, ...edits: [number, number, string][]): Diagnostic => ({ ...finding(0, 0, "", ruleId), fixes: [{ description: "d", edits: edits.map(([start, end, text]) => ({ start, end, text })) }] });
    const { output, fixed } = applyFixes("abcdefgh", [multi("a", [6, 7, "G"], [0, 1, "A"]), multi("b", [2, 3, "C"], [6, 8, "X"]), multi("c", [0, 1, "A"], [4, 5, "E"]), multi("d", [3, 4, "1"], [3, 4, "2"])]);
    expect(output).toBe("AbcdEfGh");
    expect(fixed.map((d) => d.ruleId)).toEqual(["a", "c"]);
  });
  it("takes the same fixes as checking every pair (seeded random edits, given in any order)", () => {
    // the rule the one-pass check keeps: in order of first edit, a fix whose new edits overlap nothing taken (nor each other)
    const byPairs = (text: string, findings: Diagnostic[]) => {
      const taken: { start: number; end: number; text: string }[] = [];
      const kept: string[] = [];
      const clash = (a: (typeof taken)[number], b: (typeof taken)[number]) => (a.start === b.start && (a.start === a.end || b.start === b.end)) || (a.start < b.end && b.start < a.end);
      const sorted = [...findings].sort((a, b) => Math.min(...a.fixes![0]!.edits.map((e) => e.start)) - Math.min(...b.fixes![0]!.edits.map((e) => e.start)));
      for (const d of sorted) {
        const fresh = d.fixes![0]!.edits.filter((e) => !taken.some((t) => t.start === e.start && t.end === e.end && t.text === e.text));
        if (fresh.some((e) => taken.some((t) => clash(t, e)) || fresh.some((o) => o !== e && clash(o, e)))) continue;
        taken.push(...fresh);
        kept.push(d.ruleId);
      }
      taken.sort((a, b) => a.start - b.start);
      let out = "";
      let at = 0;
      for (const e of taken) (out += text.slice(at, e.start) + e.text), (at = e.end);
      return { output: out + text.slice(at), kept };
    };
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const text = "0123456789abcdefghij";
    for (let round = 0; round < 300; round++) {
      const findings = Array.from({ length: 1 + random(8) }, (_, i) => {
        const edits = Array.from({ length: 1 + random(3) }, () => {
          const start = random(text.length + 1);
          return { start, end: Math.min(text.length, start + random(3)), text: "xyz"[random(3)]! };
        });
        return { ...finding(0, 0, "", `f${i}`), fixes: [{ description: "d", edits }] };
      });
      const expected = byPairs(text, findings);
      const got = applyFixes(text, findings);
      expect({ output: got.output, kept: got.fixed.map((d) => d.ruleId) }, JSON.stringify(findings.map((f) => f.fixes![0]!.edits))).toEqual(expected);
    }
  });
  it("the number of passes is bounded; one pass applies every non-conflicting fix", () => {
    const bad = replaceOnce(replaceOnce(LINUX, `{ "type": "VHD"`, `{ "type": "vhd"`), `"type": "Shell", "name": "tidy"`, `"type": "shell", "name": "tidy"`);
    expect(fixText({ file: "t.json", text: bad }, {}, 0).changed).toBe(false);
    expect(fixText({ file: "t.json", text: bad }, {}, 1).output).toBe(LINUX);
  });
  it("findings suppressed or turned off are not fixed", () => {
    const bad = replaceOnce(LINUX, `{ "type": "VHD"`, `{ "type": "vhd"`);
    expect(fix(bad, "t.json", { rules: { "unknown-type": { level: "off" } } }).changed).toBe(false);
  });
});

describe("mutated templates (seeded) never break the fixer", () => {
  it("each fix run ends within 10 passes, parses no worse than its input and is idempotent when it ended early", () => {
    const mutate = mutator(7);
    const broken = (ds: Diagnostic[]) => ds.filter((d) => d.ruleId === "syntax" || d.ruleId === "duplicate-key").length;
    let changed = 0;
    for (let k = 0; k < 60; k++) {
      for (const base of [LINUX, withLine(LINUX, 3, `  "apiVersion": "2024-02-01",`)]) {
        const text = mutate(base);
        for (const file of ["t.json", "t.yaml"]) {
          const before = lintText({ file, text, explicit: true }).diagnostics;
          const out = fix(text, file);
          expect(out.passes).toBeLessThanOrEqual(10);
          expect(broken(out.result.diagnostics), text).toBeLessThanOrEqual(broken(before));
          if (out.passes < 10) expect(fix(out.output, file).changed, text).toBe(false);
          if (out.changed) changed++;
        }
      }
    }
    expect(changed).toBeGreaterThan(0);
  });
});

describe("command line", () => {
  // tempDir folders are removed after each test
  const dir = tempDir;
  const BAD = replaceOnce(LINUX, `{ "type": "VHD"`, `{ "type": "vhd"`);
  const LEFT = withLine(BAD, 4, `  "location": "southindia",`);

  it("--fix rewrites the file in place: its mode, inode and hard links stay, no temporary file, exit 0 when nothing is left", async () => {
    const d = dir({ "t.json": BAD });
    chmodSync(join(d, "t.json"), 0o640);
    linkSync(join(d, "t.json"), join(d, "u.json"));
    const inode = statSync(join(d, "t.json")).ino;
    const run = await cli(["--fix", "t.json"], { cwd: d });
    expect(run.code).toBe(0);
    expect(readFileSync(join(d, "t.json"), "utf8")).toBe(LINUX);
    expect(readFileSync(join(d, "u.json"), "utf8")).toBe(LINUX);
    expect(statSync(join(d, "t.json")).mode & 0o777).toBe(0o640);
    expect(statSync(join(d, "t.json")).ino).toBe(inode);
    expect(readdirSync(d)).toEqual(["t.json", "u.json"]);
  });
  it("--fix writes a shorter text in place without leaving the old tail", async () => {
    const d = dir({ "t.json": replaceOnce(BAD, `"Microsoft.VirtualMachineImages/imageTemplates"`, `"Microsoft.VirtualMachineImages"`) });
    expect((await cli(["--fix", "t.json"], { cwd: d })).code).toBe(0);
    expect(readFileSync(join(d, "t.json"), "utf8")).toBe(LINUX);
  });
  // chown needs root (as in CI containers, where --fix used to hand the file to root); skipped otherwise
  it.skipIf(process.getuid?.() !== 0)("--fix run as root keeps the file's owner and group (needs root to chown; skipped otherwise)", async () => {
    const d = dir({ "t.json": BAD });
    chownSync(join(d, "t.json"), 1234, 1234);
    expect((await cli(["--fix", "t.json"], { cwd: d })).code).toBe(0);
    expect(readFileSync(join(d, "t.json"), "utf8")).toBe(LINUX);
    const { uid, gid } = statSync(join(d, "t.json"));
    expect([uid, gid]).toEqual([1234, 1234]);
  });
  it("--fix reports what remains, with exit 1 for a remaining error, positions in the fixed text", async () => {
    const d = dir({ "t.json": LEFT });
    const run = await cli(["--fix", "--format", "json", "t.json"], { cwd: d });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.files[0].diagnostics.map((x: Diagnostic) => x.ruleId)).toEqual(["location"]);
    expect(report.files[0].output).toBe(withLine(LINUX, 4, `  "location": "southindia",`));
    expect(readFileSync(join(d, "t.json"), "utf8")).toBe(report.files[0].output);
  });
  it("--fix through a symbolic link updates the target and keeps the link", async () => {
    const d = dir({ "real.json": BAD });
    symlinkSync(join(d, "real.json"), join(d, "link.json"));
    expect((await cli(["--fix", "link.json"], { cwd: d })).code).toBe(0);
    expect(lstatSync(join(d, "link.json")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, "real.json"), "utf8")).toBe(LINUX);
  });
  it("--fix on a file without write bits: root writes it as ESLint does, mode kept; anyone else is refused (exit 2, findings kept)", async () => {
    const d = dir({ "t.json": BAD });
    chmodSync(join(d, "t.json"), 0o444);
    const run = await cli(["--fix", "t.json"], { cwd: d });
    if (process.getuid?.() === 0) {
      expect(run.code).toBe(0);
      expect(readFileSync(join(d, "t.json"), "utf8")).not.toBe(BAD);
      expect(statSync(join(d, "t.json")).mode & 0o777).toBe(0o444);
    } else {
      expect(run.code).toBe(2);
      expect(run.stdout).toContain("unknown-type");
      expect(run.stderr).toMatch(/^aib-lint: t\.json not rewritten/);
      expect(readFileSync(join(d, "t.json"), "utf8")).toBe(BAD);
    }
  });
  it("--fix on a folder does not write through a file link found there (exit 2, the target unchanged); a link named is written through", async () => {
    const d = dir({ "outside.json": BAD, "walked/inside.json": BAD });
    symlinkSync(join(d, "outside.json"), join(d, "walked", "link.json"));
    const run = await cli(["--fix", "walked"], { cwd: d });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`aib-lint: ${join("walked", "link.json")} not rewritten: it is a symbolic link found by walking a folder, and --fix writes through a link only when it is named on the command line\n`);
    expect(readFileSync(join(d, "outside.json"), "utf8")).toBe(BAD);
    expect(readFileSync(join(d, "walked", "inside.json"), "utf8")).toBe(LINUX);
    expect(run.stdout).toMatch(/link\.json\n.*unknown-type/);
    expect((await cli(["--fix", join("walked", "link.json")], { cwd: d })).code).toBe(0);
    expect(readFileSync(join(d, "outside.json"), "utf8")).toBe(LINUX);
  });
  it("a file changed after it was read is not rewritten: other bytes, or the same size with a new modification time", () => {
    const d = dir({ "t.json": BAD });
    const path = join(d, "t.json");
    const edited = BAD.replace(`"westeurope"`, `"northeurope"`);
    const read = readSource(path);
    writeFileSync(path, edited);
    expect(() => writeSource(path, LINUX, read, { followLink: true }, "t.json")).toThrow(new InputError("t.json not rewritten: it changed while aib-lint was fixing it; run --fix again"));
    expect(readFileSync(path, "utf8")).toBe(edited);
    const again = readSource(path);
    const sameSize = edited.replace("northeurope", "southeurope");
    writeFileSync(path, sameSize);
    utimesSync(path, new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(() => writeSource(path, LINUX, again, { followLink: true })).toThrow(/changed while aib-lint was fixing it/);
    expect(readFileSync(path, "utf8")).toBe(sameSize);
    // unchanged: written
    writeSource(path, LINUX, readSource(path), { followLink: true });
    expect(readFileSync(path, "utf8")).toBe(LINUX);
  });
  it.each([
    ["UTF-16LE with BOM", (t: string) => Buffer.from(`\ufeff${t}`, "utf16le")],
    ["UTF-16BE with BOM", (t: string) => Buffer.from(`\ufeff${t}`, "utf16le").swap16()],
    ["UTF-16LE", (t: string) => Buffer.from(t, "utf16le")],
    ["UTF-8 with BOM", (t: string) => Buffer.from(`\ufeff${t}`, "utf8")],
  ])("--fix keeps a %s file in its encoding", async (_, encode) => {
    const d = dir({});
    writeFileSync(join(d, "t.json"), encode(BAD));
    expect((await cli(["--fix", "t.json"], { cwd: d })).code).toBe(0);
    expect(readFileSync(join(d, "t.json"))).toEqual(encode(LINUX));
  });
  it("--fix leaves a file that is not valid UTF-8 alone (exit 2)", async () => {
    const d = dir({});
    const bytes = Buffer.from(replaceOnce(BAD, `"ubuntu-vhd"`, `"ubuntu-vhd-@"`));
    bytes[bytes.indexOf("@")] = 0xff;
    writeFileSync(join(d, "t.json"), bytes);
    const run = await cli(["--fix", "t.json"], { cwd: d });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("unknown-type");
    expect(run.stderr).toContain("not valid UTF-8");
    expect(readFileSync(join(d, "t.json"))).toEqual(bytes);
  });
  it("--fix-dry-run changes no file; findings and exit code are those after the fixes; JSON carries the fixed output", async () => {
    const d = dir({ "t.json": BAD, "u.json": LEFT });
    const clean = await cli(["--fix-dry-run", "--format", "json", "t.json"], { cwd: d });
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).files[0]).toMatchObject({ diagnostics: [], output: LINUX });
    expect(readFileSync(join(d, "t.json"), "utf8")).toBe(BAD);
    const left = await cli(["--fix-dry-run", "u.json"], { cwd: d });
    expect(left.code).toBe(1);
    expect(left.stdout).toContain("location");
    expect(left.stdout).not.toContain("unknown-type");
    expect(readFileSync(join(d, "u.json"), "utf8")).toBe(LEFT);
  });
  it("without --fix, JSON output carries each finding's edits and no output", async () => {
    const d = dir({ "t.json": BAD });
    const report = JSON.parse((await cli(["--format", "json", "t.json"], { cwd: d })).stdout);
    expect(report.files[0].output).toBeUndefined();
    expect(report.files[0].diagnostics[0].fixes[0].edits).toEqual([{ start: BAD.indexOf(`"vhd"`) + 1, end: BAD.indexOf(`"vhd"`) + 4, text: "VHD" }]);
  });
  it("standard input with --fix: the fixed text on stdout, the report on stderr", async () => {
    const run = await cli(["--fix", "--stdin-filename", "t.json", "-"], { stdin: "\ufeff" + LEFT });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(withLine(LINUX, 4, `  "location": "southindia",`));
    expect(run.stderr).toContain("location");
    const unchanged = await cli(["--fix", "-"], { stdin: LINUX });
    expect([unchanged.code, unchanged.stdout]).toEqual([0, LINUX]);
  });
  it("--fix and --fix-dry-run together are a usage error", async () => {
    const d = dir({ "t.json": BAD });
    expect((await cli(["--fix", "--fix-dry-run", "t.json"], { cwd: d })).code).toBe(2);
    expect(readFileSync(join(d, "t.json"), "utf8")).toBe(BAD);
  });
  it("`aib-lint rules` marks the fixable rules", async () => {
    const out = (await cli(["rules"])).stdout;
    for (const id of ["unknown-type", "allowed-values", "unknown-property", "resource-type", "trigger"]) expect(out).toMatch(new RegExp(`^${id} .*\\[fixable\\]$`, "m"));
    expect(out).toMatch(/^location .*[^\]]$/m);
    expect((await cli(["explain", "unknown-type"])).stdout).toMatch(/^unknown-type \(error; all; fixable with --fix\)$/m);
  });
  it("SARIF results carry fixes as artifactChanges with replacements, valid against the SARIF 2.1.0 schema", () => {
    const result = lintText({ file: "/w/t.json", text: replaceOnce(LINUX, `"type": "UserAssigned"`, `"type": "userAssigned"`), explicit: true });
    const log = JSON.parse(sarif([result], { cwd: "/w", color: 0, toolVersion: "1.0.0" }));
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(log.runs[0].results[0].fixes).toEqual([
      {
        description: { text: `replace "userAssigned" with "UserAssigned"` },
        artifactChanges: [
          {
            artifactLocation: { uri: "t.json", uriBaseId: "%SRCROOT%" },
            replacements: [{ deletedRegion: { startLine: 6, startColumn: 14, endLine: 6, endColumn: 15 }, insertedContent: { text: "U" } }],
          },
        ],
      },
    ]);
  });
});

const CORPUS = new URL("../../shared/corpus/", import.meta.url).pathname;
const corpusPresent = existsSync(`${CORPUS}MANIFEST.tsv`);
if (!corpusPresent) console.warn(`--fix corpus test skipped: ${CORPUS} is absent (it comes with ../shared)`);

describe.skipIf(!corpusPresent)("--fix over a copy of the corpus", () => {
  it("every file still parses, no finding is added (beyond those under a fixed type), the CLI writes what fixText computes", async () => {
    const { cpSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const copy = mkdtempSync(join(tmpdir(), "aib-fix-corpus-"));
    try {
      cpSync(CORPUS, copy, { recursive: true });
      // the shared corpus is read-only; the copy is made writable, as a user's own files are
      const writable = (path: string): void => {
        const isDir = statSync(path).isDirectory();
        chmodSync(path, isDir ? 0o755 : 0o644);
        if (isDir) for (const name of readdirSync(path)) writable(join(path, name));
      };
      writable(copy);
      const run = await cli(["--fix", "--format", "json", "."], { cwd: copy });
      expect([0, 1]).toContain(run.code);
      const files = (JSON.parse(run.stdout).files as { file: string }[]).map((f) => f.file);
      const byRuleTotal: Record<string, number> = {};
      let changed = 0;
      for (const file of files) {
        const original = readFileSync(join(CORPUS, file), "utf8");
        const written = readFileSync(join(copy, file), "utf8");
        const outcome = fix(original, file);
        expect(written, file).toBe(outcome.output);
        if (!outcome.changed) continue;
        changed++;
        for (const [rule, n] of Object.entries(outcome.fixedByRule)) byRuleTotal[rule] = (byRuleTotal[rule] ?? 0) + n;
        const before = lintText({ file, text: original, explicit: true }).diagnostics;
        const after = outcome.result.diagnostics;
        const broken = (ds: Diagnostic[]) => ds.filter((d) => d.ruleId === "syntax" || d.ruleId === "duplicate-key").length;
        expect(broken(after), file).toBeLessThanOrEqual(broken(before));
        // an object whose type was fixed is checked for the first time: its findings are new, not added by the fix
        const retyped = outcome.fixed.filter((d) => d.ruleId === "unknown-type").map((d) => d.path.replace(/\.(type|scheme)$/, ""));
        const old = new Set(before.map(keyOf));
        const added = after.filter((d) => !old.has(keyOf(d)) && !retyped.some((p) => d.path.startsWith(`${p}.`)));
        expect(added.map(keyOf), file).toEqual([]);
        expect(fix(outcome.output, file).changed, `${file} is fixed in one run`).toBe(false);
      }
      console.log(`--fix over the corpus copy: ${changed} of ${files.length} files changed; fixes by rule ${JSON.stringify(byRuleTotal)}`);
      expect(changed).toBeGreaterThan(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 120_000);
});
