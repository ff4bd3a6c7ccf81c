import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bicepFileReads, readFiles } from "../src/read/file-reads.js";
import { cli, tempDir } from "./cli-harness.js";

const BICEP = readFileSync(new URL("../fixtures/bicep/linux-gallery.bicep", import.meta.url), "utf8");

interface Finding {
  file: string;
  ruleId: string;
  range: { start: { line: number; column: number } };
}

async function lintJson(dir: string, file: string): Promise<{ code: number; findings: Finding[] }> {
  const { code, stdout } = await cli(["-f", "json", "--no-shellcheck", file], { cwd: dir });
  return { code, findings: JSON.parse(stdout).files.flatMap((f: { diagnostics: Finding[] }) => f.diagnostics) };
}

describe("Bicep's loadTextContent and loadJsonContent read local files", () => {
  it("a value loaded from a text file is checked, and the finding stands in that file", async () => {
    const dir = tempDir({ ".git/HEAD": "ref: refs/heads/main\n", "main.bicep": BICEP.replace("location: 'westeurope'", "location: loadTextContent('region.txt')"), "region.txt": "westeurop" });
    const { code, findings } = await lintJson(dir, "main.bicep");
    expect(code).toBe(1);
    expect(findings.map((d) => [d.ruleId, d.file, d.range.start])).toEqual([["location", "region.txt", { line: 1, column: 1 }]]);
  });
  it("a file outside the repository is not read: the value stays unknown", async () => {
    const dir = tempDir({ "repo/.git/HEAD": "ref: refs/heads/main\n", "repo/main.bicep": BICEP.replace("location: 'westeurope'", "location: loadTextContent('../region.txt')"), "region.txt": "westeurop" });
    const { code, findings } = await lintJson(join(dir, "repo"), "main.bicep");
    expect(code).toBe(0);
    expect(findings).toEqual([]);
  });
  it("a variable imported from a local file is checked where that file writes it", async () => {
    const shared = "@export()\nvar region = 'westeurop'\n@export()\nvar computed = '${region}x'\n";
    const named = `import { region as r } from 'shared.bicep'\n${BICEP.replace("location: 'westeurope'", "location: r")}`;
    const spaced = `import * as s from './shared.bicep'\n${BICEP.replace("location: 'westeurope'", "location: s.region")}`;
    const computed = `import * as s from './shared.bicep'\n${BICEP.replace("location: 'westeurope'", "location: s.computed")}`;
    const registry = `import { region } from 'br/public:avm/utl/types:0.1.0'\n${BICEP.replace("location: 'westeurope'", "location: region")}`;
    const dir = tempDir({ ".git/HEAD": "x", "shared.bicep": shared, "named.bicep": named, "spaced.bicep": spaced, "computed.bicep": computed, "registry.bicep": registry });
    for (const file of ["named.bicep", "spaced.bicep"]) {
      const { code, findings } = await lintJson(dir, file);
      expect(code, file).toBe(1);
      expect(findings.map((d) => [d.ruleId, d.file, d.range.start]), file).toEqual([["location", "shared.bicep", { line: 2, column: 14 }]]);
    }
    // a value the other file computes from its own names, and a registry's, stay unknown
    for (const file of ["computed.bicep", "registry.bicep"]) expect((await lintJson(dir, file)).findings, file).toEqual([]);
  });
  it("names only literal paths, once each", () => {
    expect(bicepFileReads("a: loadTextContent('x.sh')\nb: loadJsonContent( 'd/r.json' )\nc: loadTextContent(p)\nd: loadTextContent('x.sh', 'utf-8')")).toEqual(["file:x.sh", "file:d/r.json"]);
  });
  it("reads regular files only, inside the repository, each bounded", () => {
    const dir = tempDir({ ".git/HEAD": "x", "a.txt": "hello", "big.txt": "x".repeat(300 * 1024) });
    const read = readFiles(dir, ["file:a.txt", "file:big.txt", "file:missing.txt", "file:/etc/hostname"], 1 << 20, dir);
    expect([...read.keys()]).toEqual(["file:a.txt"]);
    expect(read.get("file:a.txt")!.node).toMatchObject({ kind: "string", value: "hello" });
  });
});
