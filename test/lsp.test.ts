import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { suiteTempDir, tempDir } from "./cli-harness.js";
import { fuzzedTexts } from "./fuzz-mutator.js";
import { HAS_SHELLCHECK, LINUX, withLine } from "./helpers.js";
import { LspClient } from "./lsp-client.js";
import { FrameGuard } from "../src/lsp/intake.js";
import { MAX_BICEP_CHARS } from "../src/parse/bicep.js";
import { setBicepMemoryLimit } from "../src/parse/bicep-loader.js";

/** LINUX with an unsupported region on line 4 (`"location": "southindia",`). */
const BROKEN = withLine(LINUX, 4, `  "location": "southindia",`);

interface Action {
  title: string;
  kind?: string;
  edit?: { changes: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> };
}

/** Applies LSP text edits (non-overlapping) to a text. */
function applyEdits(text: string, edits: NonNullable<Action["edit"]>["changes"][string]): string {
  const lines = text.split("\n");
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

// the real server over stdio; the same server in process too, so that coverage sees its code
describe.each([["spawned over stdio", false], ["in process", true]])("aib-lint lsp, %s", (_, inProcess) => {
  let client: LspClient;
  let dir: string;
  const uri = (name: string) => pathToFileURL(join(dir, name)).href;

  beforeAll(async () => {
    dir = suiteTempDir({});
    client = new LspClient(["lsp", "--stdio"], { cwd: dir, inProcess });
    const init = await client.initialize(pathToFileURL(dir).href);
    expect(init.capabilities).toMatchObject({ hoverProvider: true, codeActionProvider: { codeActionKinds: ["quickfix"] } });
  });
  afterAll(async () => {
    expect(await client.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it("publishes findings on open with rule id, severity and position, and clears them when fixed and on close", async () => {
    const opened = await client.open(uri("a.json"), BROKEN);
    const location = opened.diagnostics.find((d) => d.code === "location")!;
    expect(location).toMatchObject({ severity: 1, source: "aib-lint", range: { start: { line: 3, character: 14 } } });
    expect(location.message).toContain('"southindia" is not a region');
    // package.json has no homepage: no guessed documentation address
    expect(location.codeDescription).toBeUndefined();
    const fixed = await client.change(uri("a.json"), LINUX);
    expect(fixed.diagnostics).toEqual([]);
    const broken = await client.change(uri("a.json"), BROKEN);
    expect(broken.diagnostics.map((d) => d.code)).toContain("location");
    expect((await client.close(uri("a.json"))).diagnostics).toEqual([]);
  });

  it("serves .bicep documents too, with Bicep positions and // suppression actions", async () => {
    const bicep = readFileSync(new URL("../fixtures/bicep/linux-gallery.bicep", import.meta.url), "utf8");
    const broken = bicep.replace(/location: '[^']*'/, "location: 'southindia'");
    expect(broken).not.toBe(bicep);
    const published = await client.open(uri("t.bicep"), broken);
    const location = published.diagnostics.find((d) => d.code === "location")!;
    expect(location).toBeDefined();
    const line = broken.split("\n").findIndex((l) => l.includes("'southindia'"));
    expect(location.range.start.line).toBe(line);
    expect(location.range.start.character).toBe(broken.split("\n")[line]!.indexOf("'southindia'"));
    await client.close(uri("t.bicep"));
  });

  it("follows a local Bicep module: a bad value the document passes is found at it, the use in the module related", async () => {
    const fixture = readFileSync(new URL("../fixtures/bicep/linux-gallery.bicep", import.meta.url), "utf8");
    const image = `param location string\n${fixture.replace("location: 'westeurope'", "location: location")}`;
    expect(image).not.toContain("location: 'westeurope'\n  tags");
    writeFileSync(join(dir, "image-module.bicep"), image);
    const caller = `module image 'image-module.bicep' = {\n  params: {\n    location: 'westeurop'\n  }\n}\n`;
    const published = await client.open(uri("caller.bicep"), caller);
    const location = published.diagnostics.find((d) => d.code === "location")!;
    expect(location.range.start).toEqual({ line: 2, character: caller.split("\n")[2]!.indexOf("'westeurop'") });
    expect(location.relatedInformation?.[0]?.location.uri).toBe(uri("image-module.bicep"));
    await client.close(uri("caller.bicep"));
  });

  it("serves .tf documents too, with Terraform positions", async () => {
    const tf = readFileSync(new URL("../fixtures/terraform/linux-gallery.tf", import.meta.url), "utf8");
    const broken = tf.replace('location  = "westeurope"', 'location  = "southindia"');
    expect(broken).not.toBe(tf);
    const published = await client.open(uri("t.tf"), broken);
    const location = published.diagnostics.find((d) => d.code === "location")!;
    const line = broken.split("\n").findIndex((l) => l.includes('"southindia"'));
    expect([location.range.start.line, location.range.start.character]).toEqual([line, broken.split("\n")[line]!.indexOf('"southindia"')]);
    await client.close(uri("t.tf"));
  });

  it("follows a local Terraform module call: a bad input the document passes is found at it", async () => {
    const tf = readFileSync(new URL("../fixtures/terraform/linux-gallery.tf", import.meta.url), "utf8");
    const image = `variable "location" {}\n${tf.replace('location  = "westeurope"', "location  = var.location")}`;
    expect(image).not.toBe(`variable "location" {}\n${tf}`);
    const root = join(dir, "tf-call");
    mkdirSync(join(root, "modules", "image"), { recursive: true });
    mkdirSync(join(root, ".git"), { recursive: true });
    writeFileSync(join(root, ".git", "HEAD"), "ref: x\n");
    writeFileSync(join(root, "modules", "image", "main.tf"), image);
    const caller = `module "image" {\n  source   = "./modules/image"\n  location = "westeurop"\n}\n`;
    const published = await client.open(uri("tf-call/main.tf"), caller);
    const location = published.diagnostics.find((d) => d.code === "location")!;
    expect(location.range.start).toEqual({ line: 2, character: caller.split("\n")[2]!.indexOf('"westeurop"') });
    await client.close(uri("tf-call/main.tf"));
  });

  it.runIf(HAS_SHELLCHECK)("shows ShellCheck's findings too, published again once ShellCheck has run (and at once for a script it knows)", async () => {
    const text = withLine(LINUX, 16, `      { "type": "Shell", "name": "tidy", "inline": ["if [ $x = 1]; then echo; fi"] },`);
    const uri = `file:///work/sc-${Date.now()}.json`;
    const later = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === "shellcheck"), 20_000);
    await client.open(uri, text);
    const published = await later;
    const sc = published.diagnostics.find((d) => d.code === "shellcheck" && d.message.startsWith("SC1020"))!;
    expect(sc.range.start.line).toBe(15);
    // the same script in another document: known already
    const again = await client.open(`${uri}-2.json`, text);
    expect(again.diagnostics.some((d) => d.code === "shellcheck")).toBe(true);
  });

  it("maps severities and related locations", async () => {
    const text = withLine(withLine(LINUX, 16, `      { "type": "Shell", "name": "setup", "inline": ["sudo apt-get clean"] },`), 12, `    "buildTimeoutInMinutes": 100, "vmProfile": {"osDiskSizeGB": 30}, "tags": {},`);
    const published = await client.open(uri("b.json"), text);
    const duplicate = published.diagnostics.find((d) => d.code === "unique-step-name")!;
    expect(duplicate.severity).toBe(2);
    expect(duplicate.relatedInformation?.[0]?.location.uri).toBe(uri("b.json"));
    expect(published.diagnostics.find((d) => d.code === "unknown-property")?.severity).toBe(1);
    const yaml = await client.open(uri("c.yaml"), "type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2020-02-14\nlocation: westus\nproperties:\n  source: {type: PlatformImage}\n  distribute: [{type: VHD, runOutputName: v}]\n  customize: [{type: Shell, name: s, inline: [x]}]\n  stagingResourcegroup: /x\n");
    expect(yaml.diagnostics.map((d) => [d.code, d.severity])).toContainEqual(["unknown-property", 1]);
    await client.close(uri("b.json"));
    await client.close(uri("c.yaml"));
  });

  it("gives documents without templates no diagnostics, even with problems of their own", async () => {
    const published = await client.open(uri("package.json"), `{"name": "x", "name": "y"}`);
    expect(published.diagnostics).toEqual([]);
    const yaml = await client.open(uri("compose.yaml"), "services:\n  a: {image: x}\n  a: {image: y}\n", "yaml");
    expect(yaml.diagnostics).toEqual([]);
    await client.close(uri("package.json"));
    await client.close(uri("compose.yaml"));
  });

  it("lints the editor's text, not the file on disk", async () => {
    writeFileSync(join(dir, "disk.json"), LINUX);
    const published = await client.open(uri("disk.json"), BROKEN);
    expect(published.diagnostics.map((d) => d.code)).toContain("location");
    await client.close(uri("disk.json"));
  });

  it("offers line and file suppressions as comments in JSONC and YAML; applying them clears the finding", async () => {
    const file = uri("s.jsonc");
    const opened = await client.open(file, BROKEN);
    const location = opened.diagnostics.find((d) => d.code === "location")!;
    const actions = await client.request<Action[]>("textDocument/codeAction", { textDocument: { uri: file }, range: location.range, context: { diagnostics: [location] } });
    expect(actions.map((a) => a.title)).toEqual(["Disable location for this line", "Disable location for this file"]);
    expect(actions[0]!.edit!.changes[file]).toEqual([{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: "  // aib-lint-disable-next-line location\n" }]);
    for (const action of actions) {
      expect(action.kind).toBe("quickfix");
      const after = await client.change(file, applyEdits(BROKEN, action.edit!.changes[file]!));
      expect(after.diagnostics).toEqual([]);
    }
    await client.close(file);

    const yamlFile = uri("s.yaml");
    const yamlText = "type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2020-02-14\nlocation: southindia\nproperties:\n  source: {type: PlatformImage, publisher: p, offer: o, sku: s, version: latest}\n  distribute: [{type: VHD, runOutputName: v}]\n";
    const yamlFinding = (await client.open(yamlFile, yamlText)).diagnostics.find((d) => d.code === "location")!;
    const yamlActions = await client.request<Action[]>("textDocument/codeAction", { textDocument: { uri: yamlFile }, range: yamlFinding.range, context: { diagnostics: [] } });
    expect(yamlActions[0]!.edit!.changes[yamlFile]![0]!.newText).toBe("# aib-lint-disable-next-line location\n");
    expect((await client.change(yamlFile, applyEdits(yamlText, yamlActions[0]!.edit!.changes[yamlFile]!))).diagnostics.map((d) => d.code)).not.toContain("location");
    await client.close(yamlFile);
  });

  it("offers only the ARM metadata suppression in strict JSON, and says so", async () => {
    const file = uri("strict.json");
    const location = (await client.open(file, BROKEN)).diagnostics.find((d) => d.code === "location")!;
    const actions = await client.request<Action[]>("textDocument/codeAction", { textDocument: { uri: file }, range: location.range, context: { diagnostics: [location] } });
    expect(actions).toHaveLength(1);
    expect(actions[0]!.title).toContain("metadata");
    const fixed = applyEdits(BROKEN, actions[0]!.edit!.changes[file]!);
    expect(fixed.split("\n")[1]).toBe(`  "metadata": {"aib-lint": {"disable": ["location"]}},`);
    expect((await client.change(file, fixed)).diagnostics).toEqual([]);
    await client.close(file);
  });

  it("hovers a property key with its documentation for the template's version, and a finding with its rule", async () => {
    const file = uri("h.json");
    const text = withLine(BROKEN, 3, `  "apiVersion": "2020-02-14",`);
    await client.open(file, text);
    type Hover = { contents: { kind: string; value: string } } | null;
    const key = await client.request<Hover>("textDocument/hover", { textDocument: { uri: file }, position: { line: 11, character: 8 } });
    expect(key!.contents.kind).toBe("markdown");
    expect(key!.contents.value).toContain("**buildTimeoutInMinutes** · integer");
    expect(key!.contents.value).toContain("Default: `0`");
    expect(key!.contents.value).toContain("from 2019-05-01-preview on");
    expect(key!.contents.value).toContain("apiVersion 2020-02-14");
    const variantKey = await client.request<Hover>("textDocument/hover", { textDocument: { uri: file }, position: { line: 14, character: 10 } });
    expect(variantKey!.contents.value).toContain("selects the customizer kind");
    expect(variantKey!.contents.value).toContain("`PowerShell`");
    const finding = await client.request<Hover>("textDocument/hover", { textDocument: { uri: file }, position: { line: 3, character: 18 } });
    expect(finding!.contents.value).toContain("aib-lint `location`");
    expect(finding!.contents.value).toContain("Display names");
    const nothing = await client.request<Hover>("textDocument/hover", { textDocument: { uri: file }, position: { line: 0, character: 0 } });
    expect(nothing).toBeNull();
    await client.close(file);
  });

  it("logs its own errors through window/logMessage and answers malformed requests without dying", async () => {
    const file = uri("m.json");
    await client.open(file, BROKEN);
    const logged = client.logs.length;
    // a code action request without its context.diagnostics breaks the handler, not the server
    expect(await client.request("textDocument/codeAction", { textDocument: { uri: file }, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } }, context: {} })).toEqual([]);
    expect(await client.request("textDocument/hover", { textDocument: { uri: file }, position: null })).toBeNull();
    await expect.poll(() => client.logs.slice(logged).map((l) => [l.type, l.message.split("\n")[0]])).toEqual([
      [1, expect.stringContaining("aib-lint: code actions: TypeError")],
      [1, expect.stringContaining("aib-lint: hover: TypeError")],
    ]);
    expect((await client.change(file, LINUX)).diagnostics).toEqual([]);
    await client.close(file);
  });

  it.skipIf(inProcess)("survives every fuzzed document sent as edits, and still answers", async () => {
    const files = [uri("fuzz.json"), uri("fuzz.yaml")];
    // no debounce, so that every edit is linted; and `lsp` without --stdio works too
    const fast = new LspClient(["lsp"], { cwd: dir });
    await fast.initialize(null, {}, { debounceMs: 0 });
    try {
      for (const f of files) await fast.open(f, LINUX);
      for (const text of fuzzedTexts()) await Promise.all(files.map((f) => fast.change(f, text)));
      // an edit outside the text is clamped, not fatal
      await fast.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri: files[0], version: 99_999 },
        contentChanges: [{ range: { start: { line: 9_999, character: 0 }, end: { line: 10_000, character: 5 } }, text: "}" }],
      });
      const hover = await fast.request("textDocument/hover", { textDocument: { uri: files[0] }, position: { line: 0, character: 1 } });
      expect(hover === null || typeof hover === "object").toBe(true);
      expect(fast.child!.exitCode).toBeNull();
      expect(fast.logs.filter((l) => l.type === 1)).toEqual([]);
    } finally {
      expect(await fast.stop()).toBe(0);
    }
  }, 120_000);
});

describe.each([["spawned over stdio", false], ["in process", true]])("aib-lint lsp with configuration files, %s", (_, inProcess) => {
  const dirs: string[] = [];
  const clients: LspClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.stop();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function start(files: Record<string, string>) {
    const dir = tempDir(files);
    dirs.push(dir);
    const client = new LspClient(["lsp", "--stdio"], { cwd: dir, inProcess });
    clients.push(client);
    await client.initialize(pathToFileURL(dir).href, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    return { dir, client, uri: (name: string) => pathToFileURL(join(dir, name)).href };
  }

  it("applies the nearest configuration (levels, overrides, ignore) of each document", async () => {
    const { client, uri } = await start({
      ".aib-lint.yaml": "rules:\n  location: warning\noverrides:\n  - files: [strict/**]\n    rules: {location: error}\nignore: [drafts/]\n",
      "sub/.aib-lint.json": `{"rules": {"location": "off"}}`,
    });
    expect((await client.open(uri("t.json"), BROKEN)).diagnostics.find((d) => d.code === "location")?.severity).toBe(2);
    expect((await client.open(uri("strict/t.json"), BROKEN)).diagnostics.find((d) => d.code === "location")?.severity).toBe(1);
    expect((await client.open(uri("drafts/t.json"), BROKEN)).diagnostics).toEqual([]);
    expect((await client.open(uri("sub/t.json"), BROKEN)).diagnostics.map((d) => d.code)).not.toContain("location");
  });

  it("reloads a changed configuration; a broken one is a diagnostic in it and one message, and the server goes on", async () => {
    const { dir, client, uri } = await start({ ".aib-lint.yaml": "rules:\n  location: warning\n" });
    const template = uri("t.json");
    expect((await client.open(template, BROKEN)).diagnostics.find((d) => d.code === "location")?.severity).toBe(2);

    writeFileSync(join(dir, ".aib-lint.yaml"), "rules:\n  locaton: warning\n");
    const configUri = uri(".aib-lint.yaml");
    const configDiagnostics = client.nextDiagnostics(configUri);
    const relinted = client.nextDiagnostics(template);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: configUri, type: 2 }] });
    const config = await configDiagnostics;
    expect(config.diagnostics[0]).toMatchObject({ range: { start: { line: 1, character: 2 } }, severity: 1 });
    expect(config.diagnostics[0]!.message).toContain('unknown rule "locaton"; did you mean "location"?');
    // the defaults apply meanwhile
    expect((await relinted).diagnostics.find((d) => d.code === "location")?.severity).toBe(1);
    // the same broken file again: no second message
    const again = client.nextDiagnostics(template);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: configUri, type: 2 }] });
    await again;
    expect(client.shown).toHaveLength(1);
    expect(client.shown[0]!.message).toContain("locaton");

    // an open configuration document counts with its unsaved text
    const cleared = client.nextDiagnostics(configUri, (p) => p.diagnostics.length === 0);
    const off = client.nextDiagnostics(template, (p) => !p.diagnostics.some((d) => d.code === "location"));
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: configUri, languageId: "yaml", version: 1, text: "rules:\n  location: 'off'\n" } });
    await cleared;
    await off;
  });
});

if (!HAS_SHELLCHECK && !process.env.CI) console.warn("language-server ShellCheck test skipped: shellcheck is not installed (apt-get install shellcheck); CI installs it");

describe("what the client sends, checked before the server reads it (round 3, W4)", () => {
  const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  /** What a FrameGuard passes on and reports, fed `input` in chunks of `size` bytes. */
  async function guarded(input: string, size: number): Promise<{ passed: string; reports: string[] }> {
    const reports: string[] = [];
    const guard = new FrameGuard((m) => reports.push(m));
    const chunks: Buffer[] = [];
    guard.on("data", (c: Buffer) => chunks.push(c));
    const bytes = Buffer.from(input);
    for (let i = 0; i < bytes.length; i += size) guard.write(bytes.subarray(i, i + size));
    guard.end();
    await new Promise((resolve) => guard.on("end", resolve));
    return { passed: Buffer.concat(chunks).toString(), reports };
  }

  it("passes good frames through unchanged, whatever the chunks, and skips a bad header with what follows it up to the next Content-Length", async () => {
    const good = [frame('{"jsonrpc":"2.0","id":1,"method":"a"}'), `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n${frame('{"b":"é"}')}`];
    for (const size of [1, 7, 4096]) {
      expect(await guarded(good.join(""), size)).toEqual({ passed: good.join(""), reports: [] });
      const bad = `${good[0]}Content-Length: -5\r\n\r\n{}garbage${good[1]}content-length: 12345678901\r\n\r\n${good[0]}`;
      const { passed, reports } = await guarded(bad, size);
      // the skip ends at the next Content-Length: a Content-Type before it goes too
      expect(passed).toBe(good[0]! + frame('{"b":"é"}') + good[0]);
      expect(reports).toEqual([
        'aib-lint: unusable message header from the client (Content-Length: "-5" is no length from 0 to 1073741824); skipped to the next Content-Length header',
        'aib-lint: unusable message header from the client (Content-Length: "12345678901" is no length from 0 to 1073741824); skipped to the next Content-Length header',
      ]);
    }
    expect((await guarded(`X-Nothing: 1\r\n\r\n${good[0]}`, 5)).reports).toEqual(["aib-lint: unusable message header from the client (no Content-Length); skipped to the next Content-Length header"]);
    expect((await guarded(`no header at all\r\n\r\n${good[0]}`, 5)).reports[0]).toContain('not a header line: "no header at all"');
    expect((await guarded(`Content-Length: 1\r\nContent-Length: 2\r\n\r\n${good[0]}`, 5)).passed).toBe(good[0]);
  });

  it("the server logs a bad header (stderr and window/logMessage) and answers the next request", async () => {
    const client = new LspClient(["lsp", "--stdio"]);
    try {
      await client.initialize();
      client.child!.stdin!.write("Content-Length: -5\r\n\r\n{}");
      expect(await client.request("textDocument/hover", { textDocument: { uri: "file:///none.json" }, position: { line: 0, character: 0 } })).toBeNull();
      const line = 'aib-lint: unusable message header from the client (Content-Length: "-5" is no length from 0 to 1073741824); skipped to the next Content-Length header';
      expect(client.stderr).toBe(`${line}\n`);
      await expect.poll(() => client.logs.map((l) => [l.type, l.message])).toEqual([[1, line]]);
    } finally {
      expect(await client.stop()).toBe(0);
    }
  });

  it("a document notification whose uri is no string is logged in one line and ignored, without a stack trace", async () => {
    const client = new LspClient(["lsp", "--stdio"]);
    try {
      await client.initialize();
      await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: 5, languageId: "json", version: 1, text: "{}" } });
      await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: "file:///x.json", version: 2 }, contentChanges: [{ text: 7 }] });
      await client.connection.sendNotification("textDocument/didClose", { textDocument: {} });
      await expect.poll(() => client.logs.map((l) => l.message)).toEqual([
        "aib-lint: textDocument/didOpen ignored: its parameters do not name a text document (a string uri, with its text and version)",
        "aib-lint: textDocument/didChange ignored: its parameters do not name a text document (a string uri, with its text and version)",
        "aib-lint: textDocument/didClose ignored: its parameters do not name a text document (a string uri, with its text and version)",
      ]);
      expect(client.stderr).not.toMatch(/\n\s+at /);
      const published = await client.open("file:///ok.json", BROKEN);
      expect(published.diagnostics.map((d) => d.code)).toContain("location");
    } finally {
      expect(await client.stop()).toBe(0);
    }
  });
});

describe("Bicep documents that break the parser (round 3, C1 and H2)", () => {
  const gallery = () => readFileSync(new URL("../fixtures/bicep/broken.bicep", import.meta.url), "utf8");

  it("a document over the size cap is one finding at its start; the next Bicep document is linted", async () => {
    const client = new LspClient(["lsp", "--stdio"]);
    try {
      await client.initialize();
      const big = await client.open("file:///big.bicep", `// ${"x".repeat(MAX_BICEP_CHARS)}\n${gallery()}`, "bicep");
      expect(big.diagnostics.map((d) => [d.code, d.range.start])).toEqual([["syntax", { line: 0, character: 0 }]]);
      expect(big.diagnostics[0]!.message).toMatch(/^Bicep file too large/);
      expect((await client.open("file:///small.bicep", gallery(), "bicep")).diagnostics).toHaveLength(8);
    } finally {
      expect(await client.stop()).toBe(0);
    }
  });

  it("a document that breaks the parser (out of memory) is logged; the parser is loaded again and serves the others", async () => {
    const client = new LspClient(["lsp", "--stdio"], { inProcess: true });
    try {
      await client.initialize();
      setBicepMemoryLimit(48 * 1024 * 1024);
      expect((await client.open("file:///first.bicep", gallery(), "bicep")).diagnostics).toHaveLength(8);
      await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: "file:///dense.bicep", languageId: "bicep", version: 1, text: `var x = [${"1 ".repeat(150_000)}]\n` } });
      await expect.poll(() => client.logs.map((l) => l.message.split("\n")[0])).toEqual([expect.stringMatching(/^aib-lint: lint: Error: the Bicep parser broke on this file \(.*Aborted/)]);
      // reloaded: a change to an open document is linted again, the document that broke it is not retried
      expect((await client.change("file:///first.bicep", gallery().replace("southindia", "westeurope"))).diagnostics).toHaveLength(7);
      expect((await client.open("file:///second.bicep", gallery(), "bicep")).diagnostics).toHaveLength(8);
      expect(client.logs).toHaveLength(1);
    } finally {
      setBicepMemoryLimit();
      expect(await client.stop()).toBe(0);
    }
  });
});
