import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderRuleReference, renderRuleTable } from "../src/report/rule-markdown.js";
import { CATALOG } from "../src/lint/catalog.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("documentation", () => {
  it("docs/rules.md and the README's rule list are generated from the rules (npm run build && npm run docs)", () => {
    expect(readme).toContain(renderRuleTable());
    expect(readFileSync(new URL("../docs/rules.md", import.meta.url), "utf8")).toBe(renderRuleReference());
  });
  it("every rule has a description, docs and versions, and a unique id", () => {
    expect(new Set(CATALOG.map((r) => r.id)).size).toBe(CATALOG.length);
    for (const r of CATALOG) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.description.length).toBeGreaterThan(15);
      expect(r.docs.length).toBeGreaterThan(60);
      expect(r.versions.length).toBeGreaterThan(2);
    }
  });
  it("the README is a front door (at most 300 lines) and every page it or docs/ links to exists", () => {
    expect(readme.trimEnd().split("\n").length).toBeLessThanOrEqual(300);
    const pages = [["README.md", readme], ...readdirSync(new URL("../docs/", import.meta.url)).map((f) => [`docs/${f}`, readFileSync(new URL(`../docs/${f}`, import.meta.url), "utf8")])];
    for (const [page, text] of pages) {
      for (const [, target] of text!.matchAll(/\]\(((?:\.\.\/)?[\w./-]+\.md)(?:#[\w-]+)?\)/g)) {
        const from = page!.startsWith("docs/") ? new URL("../docs/", import.meta.url) : new URL("../", import.meta.url);
        expect(existsSync(new URL(target!, from)), `${page} links to ${target}`).toBe(true);
      }
    }
  });
  it("the README starts with the two set-up commands", () => {
    expect(readme.split("\n").slice(2, 6).join("\n")).toBe("```sh\nnpm ci && npx aib-lint fixtures/examples/linux-gallery.json\nnpm test\n```");
  });
});
