import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { lintText } from "../src/lint/index.js";
import { prepareBicep } from "../src/parse/bicep-loader.js";
import { prepareTerraform } from "../src/parse/terraform-loader.js";
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

/** Seeded generators of hostile shapes, each bounded in size so the suite stays fast. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

const HEAD = "type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2022-07-01\nlocation: westus2\n";

/** YAML with anchors, aliases, merge keys, self references and aliases to later anchors. */
function aliasYaml(next: (n: number) => number): string {
  const names = ["a", "b", "c", "d"];
  const lines = [HEAD, "x:"];
  for (let i = 0; i < 4 + next(8); i++) {
    const name = names[next(names.length)]!;
    const shapes = [
      `  k${i}: &${name} {type: Shell, name: s${next(3)}, inline: [echo]}`,
      `  k${i}: &${name} [*${names[next(names.length)]}, 1]`,
      `  k${i}: &${name}\n    <<: *${names[next(names.length)]}\n    extra: ${next(100)}`,
      `  k${i}: *${name}`,
      `  k${i}: &${name} "${"z".repeat(next(200))}"`,
    ];
    lines.push(shapes[next(shapes.length)]!);
  }
  lines.push("properties:", `  customize: [${Array.from({ length: 1 + next(4) }, () => `*${names[next(names.length)]}`).join(", ")}]`);
  return lines.join("\n") + "\n";
}

/** Brackets and braces nested around the limit, with comments and strings in the way. */
function deepNesting(next: (n: number) => number, json: boolean): string {
  const depth = 150 + next(150);
  const open = Array.from({ length: depth }, () => (next(2) ? "[" : json ? '{"k":' : "{k: ")).join("");
  const close = [...open.matchAll(/\[|\{/g)].reverse().map((m) => (m[0] === "[" ? "]" : "}")).join("");
  const junk = json ? ["//c\r", "/*c*/", '"s"', '"a\nb"', "\r\n"] : ["# c\n", '"s"', "\n"];
  return `${junk[next(junk.length)]}${open}${junk[next(junk.length)]}${close}`;
}

/** One very long line: a long value, key or run of one character. */
function longLine(next: (n: number) => number): string {
  const fill = ["a.", " ", "1", "w", "\\\\", "*a", "/"][next(7)]!.repeat(20_000 + next(20_000));
  const template = JSON.parse(LINUX) as Record<string, unknown> & { properties: Record<string, unknown> };
  const where = next(4);
  if (where === 0) template.location = fill;
  else if (where === 1) template.properties[fill] = 1;
  else if (where === 2) template.properties.customize = [{ type: "WindowsRestart", restartTimeout: `1${fill}x` }];
  else template.properties.distribute = [{ type: "VHD", runOutputName: fill }];
  return JSON.stringify(template);
}

/** Control characters, lone surrogates, BOMs and NULs sprinkled into a template. */
function controlCharacters(next: (n: number) => number, base: string): string {
  const chars = ["\u0000", "\u0001", "\u001b[2K", "\u007f", "\ud800", "\udfff", "\ufeff", "\u2028", "\r", "\t", "\u0085"];
  let out = base;
  for (let k = 0; k < 1 + next(6); k++) {
    const i = next(out.length + 1);
    out = out.slice(0, i) + chars[next(chars.length)]! + out.slice(i);
  }
  return out;
}

describe("hostile shapes never break the linter", () => {
  const context = { cwd: "/", color: 0 as const, toolVersion: "0" };
  const check = (file: string, text: string): void => {
    const result = lintText({ file, text, explicit: true });
    sarif([result], context);
    pretty([result], context);
    for (const d of result.diagnostics) {
      expect(d.range.start.line, text.slice(0, 200)).toBeGreaterThanOrEqual(1);
      expect(d.range.start.column, text.slice(0, 200)).toBeGreaterThanOrEqual(1);
      expect(d.message.length, d.message.slice(0, 200)).toBeLessThan(1000);
    }
  };
  it.each([1, 2, 3])("seed %i: YAML aliases, deep nesting, long lines and control characters", (seed) => {
    const next = random(seed);
    for (let k = 0; k < 20; k++) {
      check("a.yaml", aliasYaml(next));
      check("d.json", deepNesting(next, true));
      check("d.yaml", deepNesting(next, false));
      if (k % 4 === 0) check("l.json", longLine(next));
      check("c.json", controlCharacters(next, LINUX));
      check("c.yaml", controlCharacters(next, `${HEAD}properties:\n  customize: [{type: Shell, name: a, inline: [echo]}]\n`));
    }
  });
});

const BICEP_PIECES = ["'", "'''", "{", "}", "[", "]", "(", ")", ":", "\n", " ", "a", "\\", "\u0000", "${", "...", "//", "/*", "*/", "@", "?", "!", "=", "resource", "param x string", "[for i in x: "];
const bicepBases = ["bicep/linux-gallery.bicep", "bicep/broken.bicep"].map((f) => readFileSync(new URL(`../fixtures/${f}`, import.meta.url), "utf8"));

/** Mutants of `bases` through lint and two formatters: every finding located at line and column 1 or later. */
function fuzzFormat(language: string, file: string, pieces: string[], bases: string[], prepare: () => Promise<void>): void {
  describe(`mutated ${language} templates never break the linter`, () => {
    beforeAll(prepare);
    it.each([1, 2, 3])(`seed %i: 200 ${language} mutants through lint and the formatters`, (seed) => {
      const mutate = mutator(seed, pieces);
      const context = { cwd: "/", color: 0 as const, toolVersion: "0" };
      for (let k = 0; k < 100; k++) {
        for (const base of bases) {
          const text = mutate(base);
          const result = lintText({ file, text, explicit: true });
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
}

fuzzFormat("Bicep", "t.bicep", BICEP_PIECES, bicepBases, prepareBicep);

const HCL_PIECES = ['"', "{", "}", "[", "]", "(", ")", "=", ":", "\n", " ", "a", "\\", "\u0000", "${", "%{", "<<EOT\n", "\nEOT\n", "#", "//", "/*", "*/", "?", ",", "var.x", "local.y", "jsonencode(", "[for s in x : s]"];
const hclBases = ["terraform/linux-gallery.tf", "terraform/broken.tf"].map((f) => readFileSync(new URL(`../fixtures/${f}`, import.meta.url), "utf8"));

fuzzFormat("Terraform", "t.tf", HCL_PIECES, hclBases, prepareTerraform);
