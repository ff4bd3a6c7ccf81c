import { chmodSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { ObjectNode, StringNode } from "../src/parse/ast.js";
import { parseText } from "../src/parse/index.js";
import { findTemplates } from "../src/find/templates.js";
import { inlineScript } from "../src/scripts/inline.js";
import { inlineShellScripts } from "../src/scripts/collect.js";
import { valueOffset } from "../src/scripts/locate.js";
import { MAX_SCRIPT_LINES, runShellcheck } from "../src/scripts/shellcheck.js";
import type { ShellFinding } from "../src/scripts/types.js";
import { cli, tempDir } from "./cli-harness.js";
import { at, HAS_SHELLCHECK, LINUX, lint, withLine } from "./helpers.js";

const str = (value: string): StringNode => ({ kind: "string", value, start: 0, end: 0, path: [] });
const DEPLOYMENT = parseText(
  JSON.stringify({ parameters: { pkg: { type: "string", defaultValue: "nginx" }, other: { type: "string" } }, variables: { dir: "/opt/app" } }),
  "json",
).documents[0]!.root as ObjectNode;

describe("inlineScript: the script an inline Shell step becomes", () => {
  it("joins the items one per line under Packer's shebang, with each line's origin", () => {
    const items = [str("echo a"), str("echo b\necho c")];
    const script = inlineScript(items, {});
    expect(script.text).toBe("#!/bin/sh -e\necho a\necho b\necho c\n");
    expect(script.lines).toEqual([undefined, { node: items[0], offset: 0 }, { node: items[1], offset: 0 }, { node: items[1], offset: 7 }]);
  });
  it("resolves parameters, variables and concat of them; anything else becomes a neutral command", () => {
    const scope = { deployment: DEPLOYMENT };
    const script = inlineScript(
      [str("[concat('apt-get install -y ', parameters('pkg'))]"), str("[concat('X=', parameters('other'), '/bin')]"), str("[variables('dir')]"), str("[format('{0}', 1)]")],
      scope,
    );
    expect(script.text).toBe("#!/bin/sh -e\napt-get install -y nginx\nX=arm_value/bin\n/opt/app\n:\n");
    expect(script.lines.slice(1).every((l) => l?.offset === undefined)).toBe(true);
    expect(inlineScript([str("[concat('a', parameters('pkg'))]")], {}).text).toBe("#!/bin/sh -e\naarm_value\n");
  });
  it("takes --parameters values before defaults", () => {
    const scope = { deployment: DEPLOYMENT, parameters: new Map([["pkg", str("curl")]]) };
    expect(inlineScript([str("[concat('apt-get install -y ', parameters('pkg'))]")], scope).text).toBe("#!/bin/sh -e\napt-get install -y curl\n");
  });
  it("replaces placeholders, keeping columns, and unescapes [[ in ARM templates", () => {
    expect(inlineScript([str("sudo apt-get install -y <packages>"), str("<your commands here>")], {}).text).toBe("#!/bin/sh -e\nsudo apt-get install -y xxxxxxxxxx\n:\n");
    const escaped = inlineScript([str("[[ -f /x ] && echo y")], { deployment: DEPLOYMENT });
    expect(escaped.text).toBe("#!/bin/sh -e\n[ -f /x ] && echo y\n");
    expect(escaped.lines[1]?.offset).toBe(1);
    expect(inlineScript([str("cat <in >out")], {}).text).toBe("#!/bin/sh -e\ncat <in >out\n");
  });
});

describe("valueOffset", () => {
  it("walks JSON escapes and maps verbatim YAML", () => {
    const text = `{"a": "x\\"y\\u0041z"}`;
    const node = { kind: "string", value: `x"yAz`, start: 6, end: text.length - 1, path: [] } as StringNode;
    expect(text[valueOffset(text, node, 2)!]).toBe("y");
    expect(text[valueOffset(text, node, 4)!]).toBe("z");
    const yaml = "k: echo hi";
    expect(valueOffset(yaml, { kind: "string", value: "echo hi", start: 3, end: 10, path: [] }, 5)).toBe(8);
    expect(valueOffset("k: >\n  a\n  b", { kind: "string", value: "a b\n", start: 3, end: 12, path: [] }, 2)).toBeUndefined();
  });
  it("maps each character of a multi-line YAML scalar (plain, '…', \"…\", folded breaks, empty lines, escapes) to where it is written", () => {
    const scalars = [
      `"echo preparing &&\n    apt-get install nginx &&  \n    \t echo done"`,
      `"a \\\n    b\\x41\\U0001F600 c\n\n    d\\\n\n    e  "`,
      `'it''s\n    two\r\n\r\n    lines '`,
      `plain start\n    and more\n\n\n    after two empty`,
      `"one line \\"quoted\\" \\u0041"`,
    ];
    for (const scalar of scalars) {
      const text = `k: ${scalar}\nnext: 1\n`;
      const root = parseText(text, "yaml").documents[0]!.root as ObjectNode;
      const node = root.members[0]!.value as StringNode;
      const mapped = [...node.value].map((_, i) => valueOffset(text, node, i));
      expect(mapped.every((o) => o !== undefined), scalar).toBe(true);
      // a character written as it reads is found where it is written, in order
      for (let i = 0; i < node.value.length; i++) if (/[a-z&']/.test(node.value[i]!) && node.value[i] !== "'") expect(text[mapped[i]!], `${scalar} @${i}`).toBe(node.value[i]);
      expect(mapped).toEqual([...mapped].sort((a, b) => a! - b!));
      expect(valueOffset(text, node, node.value.length)).toBe(node.end - (scalar.startsWith("p") ? 0 : 1));
    }
    // the value is not what the text reads as (resolved from elsewhere): nothing is mapped
    expect(valueOffset("k: 'a\n  b'", { kind: "string", value: "a\nb", start: 3, end: 11, path: [] }, 0)).toBeUndefined();
  });
  it("a command inside a multi-line double-quoted YAML item is located at its line and column", () => {
    const text = `type: Microsoft.VirtualMachineImages/imageTemplates
apiVersion: 2022-07-01
location: westus2
properties:
  customize:
    - type: Shell
      name: a
      inline:
        - "echo preparing &&
          apt-get install nginx &&
          echo done"
        - 'x &&
          apt-get install foo'
`;
    const found = lint(text, "t.yaml").filter((d) => d.ruleId === "interactive-command");
    expect(found.map((d) => d.range)).toEqual([
      { start: at(text, 10, "apt-get"), end: { line: 10, column: at(text, 10, "apt-get").column + "apt-get install nginx".length } },
      { start: at(text, 13, "apt-get"), end: { line: 13, column: at(text, 13, "apt-get").column + "apt-get install foo".length } },
    ]);
  });
});

const hasShellcheck = HAS_SHELLCHECK;
if (!hasShellcheck && !process.env.CI) console.warn("ShellCheck tests skipped: shellcheck is not installed (apt-get install shellcheck); CI installs it");

describe.runIf(!hasShellcheck && process.env.CI)("ShellCheck in CI", () => {
  it("is installed", () => {
    expect.fail("shellcheck is not on PATH; .ci/run installs it");
  });
});

describe.skipIf(!hasShellcheck)("ShellCheck (the real program)", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("checks many scripts in one run and keeps its levels", async () => {
    const run = await runShellcheck(["#!/bin/sh -e\nrm -rf $DIR/\n", "#!/bin/sh -e\necho ok\n", "#!/bin/sh -e\nif true then\n"], []);
    expect(run.note).toBeUndefined();
    expect((run.scripts.get("#!/bin/sh -e\nrm -rf $DIR/\n") as ShellFinding[]).map((f) => [f.code, f.severity, f.line, f.column])).toEqual([
      [2115, "warning", 2, 8],
      [2086, "info", 2, 8],
    ]);
    expect(run.scripts.get("#!/bin/sh -e\necho ok\n")).toEqual([]);
    expect((run.scripts.get("#!/bin/sh -e\nif true then\n") as ShellFinding[]).some((f) => f.severity === "error")).toBe(true);
  });

  it("puts a parse error in a clean-looking script on an item, as an error, and exits 1", async () => {
    const cwd = tempDir({ "t.json": withLine(LINUX, 16, `      { "type": "Shell", "name": "tidy", "inline": ["if [ -f /x ]", "echo y", "fi"] },`) });
    dirs.push(cwd);
    const run = await cli(["--format", "json", "t.json"], { cwd });
    expect(run.code).toBe(1);
    const found = JSON.parse(run.stdout).files[0].diagnostics.filter((d: { ruleId: string }) => d.ruleId === "shellcheck");
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d: { range: { start: { line: number } } }) => d.range.start.line === 16)).toBe(true);
    expect(found.some((d: { severity: string }) => d.severity === "error")).toBe(true);
  });

  it("checks a local script reached through --map-uri in its own file", async () => {
    const cwd = tempDir({
      "t.json": withLine(LINUX, 15, `      { "type": "Shell", "name": "setup", "scriptUri": "https://example.org/s/setup.sh" },`),
      "scripts/setup.sh": "#!/bin/bash\necho start\nrm -rf $TARGET/\n",
    });
    dirs.push(cwd);
    const run = await cli(["--map-uri", "https://example.org/s/=scripts", "--format", "json", "t.json"], { cwd });
    const files = JSON.parse(run.stdout).files as { file: string; diagnostics: { ruleId: string; severity: string; message: string; range: { start: { line: number; column: number } } }[] }[];
    const script = files.find((f) => f.file === "scripts/setup.sh")!;
    expect(script.diagnostics.map((d) => [d.ruleId, d.severity, d.range.start.line, d.range.start.column, d.message.slice(0, 7)])).toEqual([
      ["shellcheck", "warning", 3, 8, "SC2115:"],
      ["shellcheck", "info", 3, 8, "SC2086:"],
    ]);
    expect(run.code).toBe(0);
  });

  it("does not give ShellCheck a script over its line or size cap, and says so at the step or the file", async () => {
    const long = Array.from({ length: MAX_SCRIPT_LINES }, (_, i) => `"echo ${i}"`).join(", ");
    const text = withLine(LINUX, 16, `      { "type": "Shell", "name": "long", "inline": [${long}] }, { "type": "Shell", "name": "s", "scriptUri": "https://example.org/s/big.sh" },`);
    const cwd = tempDir({ "t.json": text, "s/big.sh": `#!/bin/sh\n${"echo x\n".repeat(45000)}` });
    dirs.push(cwd);
    const run = await cli(["--map-uri", "https://example.org/s/=s", "-f", "json", "t.json"], { cwd });
    const files = JSON.parse(run.stdout).files as { file: string; diagnostics: { ruleId: string; message: string; range: { start: { line: number; column: number } } }[] }[];
    const shown = files.map((f) => f.diagnostics.filter((d) => d.ruleId === "shellcheck").map((d) => `${f.file}:${d.range.start.line}:${d.range.start.column} ${d.message}`));
    expect(shown).toEqual([
      [`t.json:16:${at(text, 16, '"inline"').column} not checked by ShellCheck: it has 2,001 lines, over the 2,000 given to ShellCheck`],
      ["s/big.sh:1:1 not checked by ShellCheck: it is 308 KB, over the 256 KB given to ShellCheck"],
    ]);
    expect(run.code).toBe(0);
  });

  it.runIf(process.platform === "linux")("bounds ShellCheck's memory, and still checks the other scripts of the batch", async () => {
    // ShellCheck's memory grows with the square of a script's variables
    const hungry = `#!/bin/sh -e\n${Array.from({ length: 500 }, (_, i) => `v${i}=x; echo "$v${i}"`).join("\n")}\n`;
    const scripts = ["#!/bin/sh -e\necho ok\n", hungry, "#!/bin/sh -e\nrm -rf $DIR/\n"];
    const run = await runShellcheck(scripts, [], { memoryBytes: 256 * 1024 * 1024 });
    expect(run.scripts.get(hungry)).toEqual({ unchecked: "ShellCheck ran out of memory (it may take 256 MB)" });
    expect(run.scripts.get(scripts[0]!)).toEqual([]);
    expect((run.scripts.get(scripts[2]!) as ShellFinding[]).map((f) => f.code)).toEqual([2115, 2086]);
    expect(run.note).toBeUndefined();
  });

  it("is silenced by rule levels and by --no-shellcheck", async () => {
    const cwd = tempDir({
      "t.json": withLine(LINUX, 16, `      { "type": "Shell", "name": "tidy", "inline": ["if [ -f /x ]"] },`),
      ".aib-lint.yaml": "rules:\n  shellcheck: warning\n",
    });
    dirs.push(cwd);
    expect((await cli(["t.json"], { cwd })).code).toBe(0);
    expect((await cli(["--no-config", "t.json"], { cwd })).code).toBe(1);
    expect((await cli(["--no-config", "--no-shellcheck", "t.json"], { cwd })).code).toBe(0);
  });
});

describe("without a working ShellCheck", () => {
  it("gives up after the time bound with a note", async () => {
    const dir = tempDir({ "slow-shellcheck": "#!/bin/sh\nsleep 5\n" });
    try {
      chmodSync(join(dir, "slow-shellcheck"), 0o755);
      const started = Date.now();
      const run = await runShellcheck(["#!/bin/sh -e\necho a\n"], [], { command: join(dir, "slow-shellcheck"), timeoutMs: 300 });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(run.note).toBe("ShellCheck did not finish within 0.3 s; some scripts were not checked");
      expect([...run.scripts]).toEqual([["#!/bin/sh -e\necho a\n", { unchecked: "ShellCheck did not finish within 0.3 s" }]]);
      expect(run.gaveUp).toBe("ShellCheck did not finish within 0.3 s");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports each script a failing ShellCheck did not check, at its inline key, with one note", async () => {
    const text = withLine(LINUX, 16, `      { "type": "Shell", "name": "a", "inline": ["echo a"] }, { "type": "Shell", "name": "b", "inline": ["echo b"] },`);
    const [first, second] = [...text.split("\n")[15]!.matchAll(/"inline"/g)].map((m) => m.index + 1);
    const cwd = tempDir({ "t.json": text, "broken-shellcheck": "#!/bin/sh\necho 'shellcheck: internal error' >&2\nexit 3\n" });
    chmodSync(join(cwd, "broken-shellcheck"), 0o755);
    const run = await cli(["-f", "json", "t.json"], { cwd, env: { AIB_LINT_SHELLCHECK: join(cwd, "broken-shellcheck") } });
    const found = JSON.parse(run.stdout).files[0].diagnostics.map((d: { ruleId: string; severity: string; message: string; range: { start: { line: number; column: number } } }) => [
      d.ruleId,
      d.severity,
      d.range.start.line,
      d.range.start.column,
      d.message,
    ]);
    const why = "not checked by ShellCheck: ShellCheck failed (shellcheck: internal error)";
    expect(found).toEqual([
      ["shellcheck", "warning", 16, first, why],
      ["shellcheck", "warning", 16, second, why],
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("aib-lint: note: ShellCheck failed (shellcheck: internal error); scripts were not checked\n");
  });

  it("prints one note saying how to install it, and does not fail", async () => {
    const cwd = tempDir({ "t.json": withLine(LINUX, 16, `      { "type": "Shell", "name": "tidy", "inline": ["if [ -f /x ]"] },`) });
    try {
      const run = await cli(["t.json"], { cwd, env: { AIB_LINT_SHELLCHECK: "/nonexistent/shellcheck" } });
      expect(run.code).toBe(0);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain("apt-get install shellcheck");
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

const CORPUS = fileURLToPath(new URL("../../shared/corpus/", import.meta.url));
const corpusPresent = existsSync(`${CORPUS}MANIFEST.tsv`);

describe.skipIf(!hasShellcheck || !corpusPresent)("the corpus's inline Shell scripts", () => {
  it("give ShellCheck no parse error once expressions and placeholders are neutral", async () => {
    const files = readFileSync(`${CORPUS}MANIFEST.tsv`, "utf8").trim().split("\n").slice(1).map((l) => l.split("\t")[0]!);
    const scripts: string[] = [];
    for (const file of files) {
      const text = readFileSync(`${CORPUS}${file}`, "utf8");
      for (const doc of parseText(text, "json").documents) if (!doc.fatal) for (const found of findTemplates(doc.root)) scripts.push(...inlineShellScripts(found, undefined));
    }
    expect(scripts.length).toBeGreaterThan(30);
    const run = await runShellcheck(scripts, []);
    const parseErrors = [...run.scripts].flatMap(([script, findings]) => (findings as ShellFinding[]).filter((f) => f.code >= 1000 && f.code < 2000).map((f) => `SC${f.code} in ${JSON.stringify(script)}`));
    expect(parseErrors).toEqual([]);
  });
});

describe("ShellCheck over a run of many files (a stand-in program)", () => {
  // answers every script with one warning on line 2 and logs what it was given
  const FAKE = `#!/bin/sh
log="$(dirname "$0")/calls.log"
echo call >> "$log"
printf '{"comments":['
sep=
for a in "$@"; do
  case "$a" in -*) continue;; esac
  echo "$a" >> "$log"
  printf '%s{"file":"%s","line":2,"endLine":2,"column":1,"endColumn":5,"level":"warning","code":2034,"message":"fake finding"}' "$sep" "$a"
  sep=,
done
printf ']}'
`;
  const template = (i: number) => withLine(LINUX, 16, `      { "type": "Shell", "name": "step", "inline": ["echo ${i % 400}"] },`);

  it("checks each distinct script once, batch after batch, and every file gets its findings", async () => {
    const files: Record<string, string> = { "fake/shellcheck": FAKE };
    for (let i = 0; i < 600; i++) files[`t/${String(i).padStart(3, "0")}.json`] = template(i);
    const cwd = tempDir(files);
    chmodSync(join(cwd, "fake/shellcheck"), 0o755);
    const run = await cli(["-f", "json", "t"], { cwd, env: { AIB_LINT_SHELLCHECK: join(cwd, "fake/shellcheck") } });
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { files: { file: string; diagnostics: { ruleId: string; range: { start: { line: number } } }[] }[] };
    const withFinding = report.files.filter((f) => f.diagnostics.some((d) => d.ruleId === "shellcheck" && d.range.start.line === 16));
    expect(withFinding).toHaveLength(600);
    const log = readFileSync(join(cwd, "fake/calls.log"), "utf8").trim().split("\n");
    // 600 files in batches of 256, 400 distinct scripts: the first two batches bring new ones, each given once
    expect(log.filter((l) => l === "call").length).toBeGreaterThan(1);
    expect(log.filter((l) => l !== "call")).toHaveLength(400);
  });

  it("finds the one script that takes ShellCheck's memory by halves, and checks the others", async () => {
    // runs out of memory whenever it is given the hungry script
    const hungryFake = `#!/bin/sh\necho call >> "$(dirname "$0")/calls.log"\nfor a; do case "$a" in -*) ;; *) if grep -q HUNGRY "$a"; then echo 'shellcheck: out of memory' >&2; exit 251; fi;; esac; done\nprintf '{"comments":[]}'\n`;
    const cwd = tempDir({ "fake/shellcheck": hungryFake });
    chmodSync(join(cwd, "fake/shellcheck"), 0o755);
    const scripts = Array.from({ length: 40 }, (_, i) => `#!/bin/sh -e\necho ${i === 27 ? "HUNGRY" : i}\n`);
    const run = await runShellcheck(scripts, [], { command: join(cwd, "fake/shellcheck"), memoryBytes: 1024 * 1024 * 1024 });
    expect(scripts.filter((t) => !Array.isArray(run.scripts.get(t)))).toEqual([scripts[27]]);
    expect(run.scripts.get(scripts[27]!)).toEqual({ unchecked: "ShellCheck ran out of memory (it may take 1 GB)" });
    // 40 → 20 → 10 → 5 → 3 → 1 by 1: a dozen runs, not forty
    expect(readFileSync(join(cwd, "fake/calls.log"), "utf8").trim().split("\n").length).toBeLessThan(16);
  });

  it("reports every script of the run once ShellCheck failed, batch after batch", async () => {
    const files: Record<string, string> = { "broken-shellcheck": "#!/bin/sh\nexit 3\n" };
    for (let i = 0; i < 600; i++) files[`t/${i}.json`] = template(i);
    const cwd = tempDir(files);
    chmodSync(join(cwd, "broken-shellcheck"), 0o755);
    const run = await cli(["-f", "json", "t"], { cwd, env: { AIB_LINT_SHELLCHECK: join(cwd, "broken-shellcheck") } });
    const report = JSON.parse(run.stdout) as { files: { diagnostics: { ruleId: string; message: string }[] }[] };
    const unchecked = report.files.filter((f) => f.diagnostics.some((d) => d.ruleId === "shellcheck" && d.message.startsWith("not checked by ShellCheck: ShellCheck failed")));
    expect(unchecked).toHaveLength(600);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("tells once that ShellCheck is missing, however many batches", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 600; i++) files[`t/${i}.json`] = template(i);
    const cwd = tempDir(files);
    const run = await cli(["t"], { cwd, env: { AIB_LINT_SHELLCHECK: "/nonexistent/shellcheck" } });
    expect(run.code).toBe(0);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("ShellCheck is not installed");
  });
});

describe("hasWork: which files the checks outside the templates parse", () => {
  it("finds inline scripts and URIs in any case, in small and large texts", async () => {
    const { hasWork } = await import("../src/run/prepare.js");
    const options = { mappings: [], verifyChecksums: false };
    const big = " ".repeat(70_000);
    for (const pad of ["", big]) {
      expect(hasWork(`${pad}{"InLine": ["echo"]}`, options)).toBe(true);
      expect(hasWork(`${pad}{"inline": ["echo"]}`, { ...options, shellcheck: false })).toBe(false);
      expect(hasWork(`${pad}{"ScriptURI": "https://x"}`, { ...options, verifyChecksums: true, shellcheck: false })).toBe(true);
      expect(hasWork(`${pad}{"SourceUri": "https://x"}`, { ...options, verifyChecksums: true, shellcheck: false })).toBe(true);
      expect(hasWork(`${pad}{"name": "x"}`, { ...options, verifyChecksums: true })).toBe(false);
    }
  });
});
