import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATALOG } from "../src/lint/catalog.js";

const FILES = readdirSync(new URL("./rules/", import.meta.url)).filter((f) => f.endsWith(".test.ts"));

describe("test/rules: one file per rule", () => {
  it("every rule of the catalogue has test/rules/<rule-id>.test.ts", () => {
    expect(CATALOG.map((r) => r.id).filter((id) => !FILES.includes(`${id}.test.ts`))).toEqual([]);
  });
  it("every file there is named after a rule", () => {
    const ids = new Set(CATALOG.map((r) => r.id));
    expect(FILES.filter((f) => !ids.has(f.replace(/\.test\.ts$/, "")))).toEqual([]);
  });
});
