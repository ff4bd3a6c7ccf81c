import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { lintText } from "../src/lint.js";
import { prepareBicep } from "../src/parse/bicep-loader.js";
import { junit } from "../src/report/junit.js";
import { pretty } from "../src/report/pretty.js";
import { sarif } from "../src/report/sarif.js";
import { LINUX, WINDOWS } from "./helpers.js";
import { mutator } from "./mutate.js";

const bases = [LINUX, WINDOWS, readFileSync(new URL("../fixtures/examples/broken.yaml", import.meta.url), "utf8")];

describe("mutated templates never break the linter", () => {
  it.each([1, 2, 3])("seed %i: 300 mutants, each as JSON and YAML, through lint and the formatters", (seed) => {
    const mutate = mutator(seed);
    const context = { cwd: "/", color: 0 as const, toolVersion: "0" };
    for (let k = 0; k < 100; k++) {
      for (const base of bases) {
        const text = mutate(base);
        for (const file of ["t.json", "t.yaml"]) {
          const result = lintText({ file, text, explicit: true });
          sarif([result], context);
          junit([result], context);
          pretty([result], context);
          for (const d of result.diagnostics) {
            expect(d.range.start.line, text).toBeGreaterThanOrEqual(1);
            expect(d.range.start.column, text).toBeGreaterThanOrEqual(1);
          }
        }
      }
    }
  });
});

const BICEP_PIECES = ["'", "'''", "{", "}", "[", "]", "(", ")", ":", "\n", " ", "a", "\\", "\u0000", "${", "...", "//", "/*", "*/", "@", "?", "!", "=", "resource", "param x string", "[for i in x: "];
const bicepBases = ["bicep/linux-gallery.bicep", "bicep/broken.bicep"].map((f) => readFileSync(new URL(`../fixtures/${f}`, import.meta.url), "utf8"));

describe("mutated Bicep templates never break the linter", () => {
  beforeAll(prepareBicep);
  it.each([1, 2, 3])("seed %i: 200 Bicep mutants through lint and the formatters", (seed) => {
    const mutate = mutator(seed, BICEP_PIECES);
    const context = { cwd: "/", color: 0 as const, toolVersion: "0" };
    for (let k = 0; k < 100; k++) {
      for (const base of bicepBases) {
        const text = mutate(base);
        const result = lintText({ file: "t.bicep", text, explicit: true });
        sarif([result], context);
        pretty([result], context);
        for (const d of result.diagnostics) {
          expect(d.range.start.line, text).toBeGreaterThanOrEqual(1);
          expect(d.range.start.column, text).toBeGreaterThanOrEqual(1);
        }
      }
    }
  });
});
