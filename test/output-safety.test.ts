import { spawnSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { decode } from "../src/read/input.js";
import { displayText, jsonText } from "../src/report/escape.js";
import { quoteLine } from "../src/report/pretty.js";
import { redacted, redactUris, uriSecrets } from "../src/util/redact.js";
import { cli, tempDir } from "./cli-harness.js";
import { LINUX } from "./helpers.js";

// tempDir folders are removed after each test
const folder = tempDir;

const FORGED = "westeurope2\n::error file=README.md,line=1::forged\n##vso[task.setvariable variable=PWNED]yes \u001b]0;title\u0007\u001b[2K \u202e";
const hostile = LINUX.replace('"location": "westus2"', `"location": ${JSON.stringify(FORGED)}`);

describe("values from files are shown escaped", () => {
  it("displayText escapes controls, bidi overrides and CI command prefixes", () => {
    expect(displayText("a\nb\r\tc")).toBe("a\\nb\\r\\tc");
    expect(displayText("\u001b[2K\u0007\u009b\u202e")).toBe("\\u001b[2K\\u0007\\u009b\\u202e");
    expect(displayText("x ##vso[task.x]y ##[group]z")).toBe("x #\\u0023vso[task.x]y #\\u0023[group]z");
    expect(displayText("##VSO[task]")).toBe("#\\u0023VSO[task]");
    expect(displayText("::error::x")).toBe("\\u003a:error::x");
    expect(displayText("plain westus2")).toBe("plain westus2");
    expect(JSON.parse(jsonText(JSON.stringify({ a: "##vso[x] \u009b \u2028" }, null, 2)))).toEqual({ a: "##vso[x] \u009b \u2028" });
    expect(jsonText(JSON.stringify("##vso[x]"))).not.toContain("##vso[");
    // every class of character JSON.stringify leaves raw, alone in an otherwise plain report
    for (const c of ["\u007f", "\u0085", "\u009f", "\u2028", "\u2029", "\u202a", "\u202e", "\u2066", "\u2069", "\u200e", "\u200f"]) {
      const json = jsonText(JSON.stringify({ message: `plain ${c} text`, other: "x".repeat(1000) }));
      expect(json, c.charCodeAt(0).toString(16)).not.toContain(c);
      expect(JSON.parse(json).message).toBe(`plain ${c} text`);
    }
    expect(jsonText(JSON.stringify({ a: "é ü ✔ 中" }))).toBe(JSON.stringify({ a: "é ü ✔ 中" }));
  });

  it.each(["stylish", "pretty", "junit", "json", "sarif", "github", "azure-devops"])("%s forges no CI command and prints no control character", async (format) => {
    const dir = folder({ "t.json": hostile });
    const run = await cli(["-f", format, "t.json"], { cwd: dir });
    expect(run.code).toBe(1);
    const text = run.stdout;
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    const lines = text.split("\n");
    const own = (line: string) => (format === "github" && /^::(error|warning|notice) file=/.test(line)) || (format === "azure-devops" && /^##vso\[task\.logissue /.test(line));
    for (const line of lines) {
      if (own(line)) {
        // the format's own command: no second command inside it
        expect(line.slice(2)).not.toMatch(/##vso\[|##\[/i);
        continue;
      }
      expect(line, line).not.toMatch(/^\s*::|##vso\[|##\[/i);
    }
    if (format === "json") expect(text).toContain("\\u0023vso[");
    if (format === "junit") expect(() => new XMLParser().parse(text)).not.toThrow();
  });

  it("config errors and usage errors on stderr are escaped", async () => {
    const dir = folder({ ".aib-lint.yaml": '"##vso[task.prependpath]/tmp/evil": 1\n', "t.json": LINUX });
    const run = await cli(["t.json"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/##vso\[/);
    expect(run.stderr).toContain("#\\u0023vso[task.prependpath]");
  });

  it("azure-devops notes escape the file name and message", async () => {
    const dir = folder({ ".aib-lint.yaml": "rules:\n  location: info\n", "##vso[x]1.json": hostile });
    const run = await cli(["-f", "azure-devops", "##vso[x]1.json"], { cwd: dir });
    const notes = run.stdout.split("\n").filter((l) => l.startsWith("note: "));
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note).not.toMatch(/##vso\[/);
  });
});

const WITH_CREDENTIALS = LINUX.replace(/"customize": \[[\s\S]*?\n    \]/, () => `"customize": [
      { "type": "Shell", "name": "a", "scriptUri": "https://deploy:S3cretPassw0rd@stimages.blob.core.windows.net/s/a.sh", "sha256Checksum": "${"0".repeat(64)}" },
      { "type": "Shell", "name": "b", "scriptUri": "https://acct.blob.core.windows.net/c/b.sh?sv=2022-11-02&sp=r&sig=SECRETSIG%3D" }
    ]`);

describe("the secrets of URIs are never printed", () => {
  it("redacts user info and query (or fragment) of every URI in a text, in one form", () => {
    expect(redactUris("cannot verify https://u:p@h.org/a.sh?sig=X: the URL carries credentials")).toBe("cannot verify https://***@h.org/a.sh?***: the URL carries credentials");
    expect(redactUris('curl "http://a@b@h.org:8080/x#tok" and ftp://h.org/ok, s3://h/k?x=1.')).toBe('curl "http://***@h.org:8080/x#***" and ftp://h.org/ok, s3://h/k?***.');
    expect(redactUris('"https://h.org/a?sv=1\\u0026sig=Z\\" -o x')).toBe('"https://h.org/a?***\\" -o x');
    expect(redactUris("plain https://h.org/path/x.sh and mail@h.org")).toBe("plain https://h.org/path/x.sh and mail@h.org");
    expect(uriSecrets("https://u@h/?q")).toEqual([
      { start: 8, end: 10, replacement: "***@" },
      { start: 12, end: 14, replacement: "?***" },
    ]);
    // an index past a secret moves by what the replacement changed; inside one, to where it starts
    const r = redacted("x https://h/?abcdef y");
    expect(r.text).toBe("x https://h/?*** y");
    expect([r.at(0), r.at(13), r.at(19), r.at(20)]).toEqual([0, 12, 16, 17]);
  });

  it.each(["stylish", "pretty", "junit", "json", "sarif", "github", "azure-devops"])("%s prints no password and no query, in messages or excerpts", async (format) => {
    const dir = folder({ "t.json": WITH_CREDENTIALS });
    const run = await cli(["--no-config", "--no-shellcheck", "--verify-checksums", "-f", format, "t.json"], { cwd: dir });
    expect(run.stdout).toContain("https://***@stimages.blob.core.windows.net/s/a.sh");
    expect(run.stdout).not.toMatch(/S3cretPassw0rd|deploy:|SECRETSIG|sp=r/);
  });

  it("pretty keeps the caret under the finding on a redacted line", async () => {
    const dir = folder({ "t.json": WITH_CREDENTIALS });
    const run = await cli(["--no-config", "--no-shellcheck", "--verify-checksums", "-f", "pretty", "t.json"], { cwd: dir });
    const block = run.stdout.split("\n\n").find((b) => b.includes("[checksum-unverified]"))!;
    expect(block.split("\n").slice(2)).toEqual([
      `15 |       { "type": "Shell", "name": "a", "scriptUri": "https://***@stimages.blob.core.windows.net/s/a.sh", "sha256Checksum": "${"0".repeat(28)}…`,
      `   |                                                    ^${"~".repeat(50)}`,
    ]);
  });
});

describe("pretty quotes long lines around the column", () => {
  it("clips a minified line to a window with the caret under the value", () => {
    const line = `${"x".repeat(5000)}"southindia"${"y".repeat(5000)}`;
    const q = quoteLine(line, 5001, 5013);
    expect(q.text.length).toBeLessThan(200);
    expect(q.text.slice(q.caretStart, q.caretStart + q.caretWidth)).toBe('"southindia"');
    expect(q.text.startsWith("…")).toBe(true);
    expect(q.text.endsWith("…")).toBe(true);
  });
  it("keeps the caret aligned after escaped characters", () => {
    const q = quoteLine('"a\u001bb": "v"', 8, 11);
    expect(q.text).toBe('"a\\u001bb": "v"');
    expect(q.text.slice(q.caretStart, q.caretStart + q.caretWidth)).toBe('"v"');
  });
  it("prints a bounded report for many findings on one minified line", async () => {
    const t = JSON.parse(LINUX);
    t.properties.distribute = Array.from({ length: 300 }, () => ({ type: "VHD", runOutputName: "same", pad: "p".repeat(1000) }));
    const dir = folder({ "min.json": JSON.stringify(t) });
    const run = await cli(["-f", "pretty", "min.json"], { cwd: dir });
    expect(run.code).toBe(1);
    const longest = Math.max(...run.stdout.split("\n").map((l) => l.length));
    expect(longest).toBeLessThan(400);
  });
});

describe("inputs that are not templates", () => {
  it("refuses -o naming one of the inputs before reading anything", async () => {
    const dir = folder({ "t.json": LINUX, "sub/u.json": LINUX });
    for (const target of ["t.json", "./t.json", "sub/u.json"]) {
      const run = await cli(["-f", "sarif", "-o", target, "t.json", "sub"], { cwd: dir });
      expect(run.code, target).toBe(2);
      expect(run.stderr).toContain("is one of the files to lint");
    }
    expect(readFileSync(join(dir, "t.json"), "utf8")).toBe(LINUX);
    expect(readFileSync(join(dir, "sub/u.json"), "utf8")).toBe(LINUX);
  });

  it("refuses -o naming an input through a symbolic or hard link, and accepts a new report file", async () => {
    const dir = folder({ "t.json": LINUX });
    symlinkSync(join(dir, "t.json"), join(dir, "soft.sarif"));
    linkSync(join(dir, "t.json"), join(dir, "hard.sarif"));
    for (const target of ["soft.sarif", "hard.sarif"]) {
      const run = await cli(["-f", "sarif", "-o", target, "t.json"], { cwd: dir });
      expect(run.code, target).toBe(2);
      expect(run.stderr).toContain("is one of the files to lint");
    }
    expect(readFileSync(join(dir, "t.json"), "utf8")).toBe(LINUX);
    const fresh = await cli(["-f", "sarif", "-o", "out/new.sarif", "t.json"], { cwd: dir });
    expect(fresh.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "out/new.sarif"), "utf8")).version).toBe("2.1.0");
  });

  it("refuses -o naming the configuration, the --parameters file or a mapped script, and leaves each as it was", async () => {
    const config = "rules:\n  location: warning\nchecksums:\n  map:\n    https://c.org/: cfgmapped\n";
    const params = '{"parameters":{"loc":{"value":"westeurope"}}}';
    const dir = folder({ "t.json": LINUX, ".aib-lint.yaml": config, "other.yaml": "rules: {}\n", "p.json": params, "scripts/setup.sh": "echo important\n", "cfgmapped/a.sh": "echo a\n" });
    const cases: [string[], string, string][] = [
      [["-o", ".aib-lint.yaml"], ".aib-lint.yaml", "the configuration file"],
      [["--config", "other.yaml", "-o", "./other.yaml"], "other.yaml", "the configuration file"],
      [["--parameters", "p.json", "-o", "p.json"], "p.json", "the --parameters file"],
      [["--map-uri", "https://e.org/=scripts", "-o", "scripts/setup.sh"], "scripts/setup.sh", "a file in the folder mapped for https://e.org/ (--map-uri or checksums.map)"],
      [["-o", "cfgmapped/a.sh"], "cfgmapped/a.sh", "a file in the folder mapped for https://c.org/ (--map-uri or checksums.map)"],
    ];
    for (const [args, file, what] of cases) {
      const before = readFileSync(join(dir, file), "utf8");
      const run = await cli(["-f", "json", ...args, "t.json"], { cwd: dir });
      expect(run.code, file).toBe(2);
      expect(run.stderr).toBe(`aib-lint: --output ${args[args.length - 1]} is ${what}; the report would overwrite it\n`);
      expect(run.stdout).toBe("");
      expect(readFileSync(join(dir, file), "utf8")).toBe(before);
    }
    // a new file in a mapped folder overwrites nothing
    expect((await cli(["--map-uri", "https://e.org/=scripts", "-o", "scripts/report.json", "-f", "json", "t.json"], { cwd: dir })).code).toBe(0);
  });

  it("refuses FIFOs, devices and the kernel's file systems with one line", async () => {
    const dir = folder({ "t.json": LINUX });
    spawnSync("mkfifo", [join(dir, "fifo.json")]);
    symlinkSync("/dev/zero", join(dir, "zero.json"));
    symlinkSync("/proc/self/environ", join(dir, "env.json"));
    for (const name of ["fifo.json", "zero.json", "env.json"]) {
      if (!existsSync(join(dir, name)) && name === "fifo.json") continue;
      const run = await cli(["-f", "pretty", name], { cwd: dir });
      expect(run.code, name).toBe(2);
      expect(run.stderr, name).toMatch(/not a regular file|special file/);
      expect(run.stdout).toContain("read-error");
    }
    const config = await cli(["--config", "zero.json", "t.json"], { cwd: dir });
    expect(config.code).toBe(2);
    const params = await cli(["--parameters", "zero.json", "t.json"], { cwd: dir });
    expect(params.code).toBe(2);
    expect(params.stderr).toContain("parameters file");
  });

  it("refuses files over --max-file-size, named in the report", async () => {
    const dir = folder({ "t.json": LINUX, "big.json": `${" ".repeat(2 * 1024 * 1024)}${LINUX}` });
    const run = await cli(["--max-file-size", "1", "-f", "json", "t.json", "big.json"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("over the 1.0 MB limit (--max-file-size)");
    const report = JSON.parse(run.stdout);
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(["t.json", "big.json"]);
    expect(report.files[1].diagnostics[0].ruleId).toBe("read-error");
    expect((await cli(["--max-file-size", "0", "t.json"], { cwd: dir })).code).toBe(2);
    expect((await cli(["--max-file-size", "501", "t.json"], { cwd: dir })).code).toBe(2);
    const stdin = await cli(["--max-file-size", "1", "-"], { cwd: dir, stdin: " ".repeat(2 * 1024 * 1024) });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain("standard input");
  });

  it("reads files found in a folder whole, whatever their size, and refuses those over --max-file-size", async () => {
    const padded = (bytes: number) => `${" ".repeat(bytes - LINUX.length)}${LINUX}`;
    const sizes = { "a-small.json": LINUX, "a2-20k.json": padded(20 * 1024), "b-exactly-64k.json": padded(64 * 1024), "c-over-64k.json": padded(64 * 1024 + 1), "d-large.json": padded(300 * 1024) };
    const dir = folder(Object.fromEntries(Object.entries(sizes).map(([name, text]) => [`fleet/${name}`, text])));
    const run = await cli(["-f", "json", "--no-shellcheck", "fleet"], { cwd: dir });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.files.map((f: { file: string; templates: unknown[] }) => [f.file, f.templates.length])).toEqual(Object.keys(sizes).map((name) => [`fleet/${name}`, 1]));
    // 0.1 MB: one file fits the limit but not the first read, one is over it; 0.01 MB: files under 64 KB are over it too
    const limited = await cli(["-f", "json", "--no-shellcheck", "--max-file-size", "0.1", "fleet"], { cwd: dir });
    expect(limited.code).toBe(2);
    expect(JSON.parse(limited.stdout).files.map((f: { diagnostics: { ruleId: string }[] }) => f.diagnostics[0]?.ruleId ?? "ok")).toEqual(["ok", "ok", "ok", "ok", "read-error"]);
    const small = await cli(["-f", "json", "--no-shellcheck", "--max-file-size", "0.01", "fleet"], { cwd: dir });
    expect(small.stderr).toContain("a2-20k.json: it is 20 KB, over the 10 KB limit (--max-file-size)");
    expect(small.stderr).toContain("c-over-64k.json: it is 64 KB, over the 10 KB limit (--max-file-size)");
    expect(JSON.parse(small.stdout).files.map((f: { diagnostics: { ruleId: string }[] }) => f.diagnostics[0]?.ruleId ?? "ok")).toEqual(["ok", "read-error", "read-error", "read-error", "read-error"]);
  });

  it("decodes UTF-16 and UTF-32, with or without a mark", () => {
    const text = '{"a": "é€😀"}';
    const le16 = Buffer.from(text, "utf16le");
    const be16 = Buffer.from(le16).swap16();
    const be32 = Buffer.alloc(text.length * 4);
    const le32 = Buffer.alloc(text.length * 4);
    let n = 0;
    for (const ch of text) {
      be32.writeUInt32BE(ch.codePointAt(0)!, n * 4);
      le32.writeUInt32LE(ch.codePointAt(0)!, n * 4);
      n++;
    }
    const cut = (b: Buffer) => b.subarray(0, n * 4);
    expect(decode(Buffer.concat([Buffer.from([0xff, 0xfe]), le16]))).toBe(text);
    expect(decode(Buffer.concat([Buffer.from([0xfe, 0xff]), be16]))).toBe(text);
    expect(decode(Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), cut(be32)]))).toBe(text);
    expect(decode(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), cut(le32)]))).toBe(text);
    expect(decode(le16)).toBe(text);
    expect(decode(be16)).toBe(text);
    expect(decode(cut(be32))).toBe(text);
    expect(decode(cut(le32))).toBe(text);
    expect(decode(Buffer.from(`\ufeff${text}`))).toBe(text);
  });

  it("lints a UTF-16BE template found while walking a folder", async () => {
    const dir = folder({});
    mkdirSync(join(dir, "enc"));
    writeFileSync(join(dir, "enc/be.json"), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(LINUX.replace('"westus2"', '"southindia"'), "utf16le").swap16()]));
    const run = await cli(["enc"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("southindia");
  });
});

const BIN = fileURLToPath(new URL("../bin/aib-lint.js", import.meta.url));
describe.skipIf(!existsSync(new URL("../dist/aib-lint.cjs", import.meta.url)))("write errors (needs `npm run build`)", () => {
  it.skipIf(!existsSync("/dev/full"))("a full disk behind stdout is one line and exit 2, never a stack trace", () => {
    const example = fileURLToPath(new URL("../fixtures/examples/linux-gallery.json", import.meta.url));
    const run = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" "${example}" > /dev/full`], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual(["aib-lint: cannot write to standard output: no space left on the device"]);
    const both = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" nonexistent.json 2> /dev/full`], { encoding: "utf8" });
    expect(both.status).toBe(2);
  });
});

describe("line ends", () => {
  it("reads CR-only YAML as YAML 1.2 does, with the lines it has", async () => {
    const yaml = ["type: Microsoft.VirtualMachineImages/imageTemplates", "apiVersion: 2022-07-01", "location: southindia", "identity:", "  type: UserAssigned", "  userAssignedIdentities:", "    /subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aib: {}", "properties:", "  source: {type: PlatformImage, publisher: Canonical, offer: ubuntu-24_04-lts, sku: server, version: latest}", "  distribute:", "    - {type: VHD, runOutputName: vhd}", ""].join("\r");
    const dir = folder({ "cr.yaml": yaml });
    const run = await cli(["-f", "json", "cr.yaml"], { cwd: dir });
    const report = JSON.parse(run.stdout);
    const location = report.files[0].diagnostics.find((d: { ruleId: string }) => d.ruleId === "location");
    expect(location.range.start).toEqual({ line: 3, column: 11 });
  });
});

describe("big runs", () => {
  it("splits a big run over worker threads only when bundled, and never with standard input or pretty", async () => {
    const { workerCount, PARALLEL_MIN_FILES, MIN_CORES } = await import("../src/run/parallel.js");
    const files = Array.from({ length: PARALLEL_MIN_FILES * 4 }, (_, i) => ({ path: `f${i}.json`, explicit: false }));
    const settings = { cwd: "/", config: { baseDir: "/", rules: {}, ignore: [], regions: [], overrides: [] }, reportUnusedDisables: true, maxFileSize: 1, keepSource: false };
    const script = new URL("file:///x/aib-lint.mjs");
    expect(workerCount(files, settings, undefined, {})).toBe(1);
    expect(workerCount(files.slice(0, 10), settings, script, {})).toBe(1);
    expect(workerCount([...files, { path: "-", explicit: true }], settings, script, {})).toBe(1);
    expect(workerCount(files, { ...settings, keepSource: true }, script, {})).toBe(1);
    expect(workerCount(files, settings, script, { AIB_LINT_THREADS: "1" })).toBe(1);
    expect(workerCount(files, settings, script, { AIB_LINT_THREADS: "3" })).toBe(3);
    // on fewer cores than MIN_CORES, V8's own threads keep the second core busy: no workers unless asked
    const cores = (await import("node:os")).availableParallelism();
    expect(workerCount(files, settings, script, {})).toBe(cores < MIN_CORES ? 1 : Math.min(Math.floor(cores / 2), 4));
  });
});

describe.skipIf(!existsSync(new URL("../dist/aib-lint.cjs", import.meta.url)))("worker threads (needs `npm run build`)", () => {
  it("gives the same report in the same order on one thread and on several", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 700; i++) files[`t${String(i % 7)}/f${i}.json`] = i % 97 === 0 ? LINUX.replace('"westus2"', '"southindia"') : i % 101 === 0 ? "{ broken" : LINUX;
    const dir = folder(files);
    const one = spawnSync(process.execPath, [BIN, "-f", "json", "."], { cwd: dir, encoding: "utf8", env: { ...process.env, AIB_LINT_THREADS: "1" }, maxBuffer: 1 << 28 });
    const many = spawnSync(process.execPath, [BIN, "-f", "json", "."], { cwd: dir, encoding: "utf8", env: { ...process.env, AIB_LINT_THREADS: "2" }, maxBuffer: 1 << 28 });
    expect(many.status).toBe(1);
    expect(many.status).toBe(one.status);
    expect(many.stdout).toBe(one.stdout);
    expect(JSON.parse(many.stdout).files).toHaveLength(700);
  });
});
