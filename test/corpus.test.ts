import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/lint/index.js";
import { cli } from "./cli-harness.js";

const CORPUS = fileURLToPath(new URL("../../shared/corpus/", import.meta.url));
const present = existsSync(`${CORPUS}MANIFEST.tsv`);
if (!present && !process.env.CI) console.warn(`corpus tests skipped: ${CORPUS} is absent (it comes with ../shared)`);

// in CI the corpus is laid beside the clone: its absence is a failure, not a silent skip
describe.runIf(!present && process.env.CI)("the real-world corpus in CI", () => {
  it("is present at ../shared/corpus", () => {
    expect.fail(`${CORPUS} is absent`);
  });
});

const files = present ? readFileSync(`${CORPUS}MANIFEST.tsv`, "utf8").trim().split("\n").slice(1).map((l) => l.split("\t")[0]!) : [];
const expectations = JSON.parse(readFileSync(new URL("./corpus-expectations.json", import.meta.url), "utf8")) as Record<string, string[]>;

describe.skipIf(!present)("the real-world corpus (../shared/corpus)", () => {
  it("lints every file with exit 0 or 1, never 2", async () => {
    const run = await cli(["--format", "json", "."], { cwd: CORPUS });
    expect([0, 1]).toContain(run.code);
    // without ShellCheck installed (outside CI) the run says so in one note, which is not a failure
    expect(run.stderr.replace(/^aib-lint: note: ShellCheck is not installed.*\n/, "")).toBe("");
    expect(JSON.parse(run.stdout).files.length).toBe(files.length);
  });

  it.each(files)("%s: findings are located inside the file and match the reviewed expectations", (file) => {
    const text = readFileSync(`${CORPUS}${file}`, "utf8");
    const { diagnostics } = lintText({ file, text, explicit: true });
    const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
    for (const d of diagnostics) {
      for (const p of [d.range.start, d.range.end]) {
        expect(p.line, `${d.ruleId} ${d.message}`).toBeGreaterThanOrEqual(1);
        expect(p.line).toBeLessThanOrEqual(lines.length);
        expect(p.column).toBeGreaterThanOrEqual(1);
        expect(p.column).toBeLessThanOrEqual(lines[p.line - 1]!.length + 1);
      }
    }
    const actual = diagnostics.filter((d) => d.severity !== "info").map((d) => `${d.severity} ${d.ruleId} ${d.range.start.line}`);
    expect(actual).toEqual(expectations[file] ?? []);
  });

  it("the expectations name only corpus files", () => {
    expect(Object.keys(expectations).filter((f) => !files.includes(f))).toEqual([]);
  });
});
