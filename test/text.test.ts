import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { thousands } from "../src/util/text.js";

describe("thousands", () => {
  it.each([0, 7, 999, 1000, 12_345, 100_000, 1_048_576, 1_234_567_890])("groups %i as toLocaleString('en-US') does", (n) => {
    expect(thousands(n)).toBe(n.toLocaleString("en-US"));
  });
});

describe("locale data", () => {
  // V8 loads ICU's locale data on the first locale-aware call: about 19 ms of every start when one ran at load time
  it("is never asked for by the source (toLocaleString, localeCompare, Intl)", () => {
    const src = fileURLToPath(new URL("../src", import.meta.url));
    const offenders: string[] = [];
    const visit = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) visit(path);
        else if (entry.name.endsWith(".ts")) {
          readFileSync(path, "utf8")
            .split("\n")
            .forEach((line, i) => {
              if (/\.toLocale\w*\(|\.localeCompare\(|\bIntl\./.test(line.replace(/\/\/.*$|\/\*.*?\*\/|^\s*\*.*$/g, ""))) offenders.push(`${path}:${i + 1}`);
            });
        }
      }
    };
    visit(src);
    expect(offenders).toEqual([]);
  });
});
