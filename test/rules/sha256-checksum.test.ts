import { describe, expect, it } from "vitest";
import { at, byRule, expectFinding, LINUX, lint, replaceOnce } from "../helpers.js";

const GOOD = "2c8d2a4e6f1b3c5d7e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f";

describe("sha256-checksum", () => {
  it("reports a checksum that is not 64 hex characters, at the value", () => {
    const text = replaceOnce(LINUX, GOOD, "2c8d2a4e6f1b3c5d7e9f0a1b2c3d4e5f");
    const d = expectFinding(lint(text), "sha256-checksum", at(text, 15, `"2c8d`), "error");
    expect(d.message).toMatch(/32.*MD5/);
    expect(d.path).toBe("$.properties.customize[0].sha256Checksum");
  });
  it("names the first non-hex character", () => {
    const text = replaceOnce(LINUX, GOOD, GOOD.slice(0, 63) + "g");
    expect(byRule(lint(text), "sha256-checksum")[0]!.message).toContain(`"g" at position 64`);
  });
  it("explains a sha256: prefix", () => {
    const text = replaceOnce(LINUX, GOOD, `sha256:${GOOD}`);
    expect(byRule(lint(text), "sha256-checksum")[0]!.message).toContain("prefix");
  });
  it("checks File steps too", () => {
    const text = replaceOnce(LINUX, `"destination": "/tmp/app.conf" }`, `"destination": "/tmp/app.conf", "sha256Checksum": "abc" }`);
    expectFinding(lint(text), "sha256-checksum", at(text, 17, `"abc"`));
  });
  it("accepts valid, upper-case, empty and expression checksums", () => {
    for (const value of [GOOD, GOOD.toUpperCase(), "", "[parameters('checksum')]"]) {
      expect(byRule(lint(replaceOnce(LINUX, GOOD, value)), "sha256-checksum")).toEqual([]);
    }
  });
  it("finds the key in any case, written with the Kelvin sign or with escapes (2022-07-01 matches keys without case)", () => {
    const bad = replaceOnce(LINUX, GOOD, "abc");
    for (const key of ["SHA256CHECKSUM", "sha256chec\u212Asum", "sha256\\u0063hecksum"]) {
      const text = replaceOnce(bad, `"sha256Checksum"`, `"${key}"`);
      expect(byRule(lint(text), "sha256-checksum").map((d) => d.range.start), key).toEqual([at(text, 15, `"abc"`)]);
    }
  });
});
