import { describe, expect, it } from "vitest";
import type { ChecksumResult } from "../../src/checksums/types.js";
import { at, byRule, expectFinding, LINUX, lint, withLine } from "../helpers.js";

const WRITTEN = "2c8d2a4e6f1b3c5d7e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f";
const OTHER = "bba6c7703da9f8aea445fc363bd888830a758b4053345c6c31c29a85e8c23626";
const withResults = (entries: [string, ChecksumResult][]) => ({ checksums: new Map(entries) });

describe("checksum-mismatch", () => {
  it("reports a stale checksum on the checksum, with the file's hash", () => {
    const d = expectFinding(lint(LINUX, "t.json", withResults([["https://example.org/setup.sh", { sha256: OTHER, bytes: 3 }]])), "checksum-mismatch", at(LINUX, 15, `"${WRITTEN}"`), "error");
    expect(d.message).toContain(OTHER);
  });
  it("accepts a matching checksum, in any case", () => {
    for (const sha256 of [WRITTEN, WRITTEN.toUpperCase()]) {
      const text = withLine(LINUX, 15, `      { "type": "Shell", "name": "setup", "scriptUri": "https://example.org/setup.sh", "sha256Checksum": "${sha256}" },`);
      expect(byRule(lint(text, "t.json", withResults([["https://example.org/setup.sh", { sha256: WRITTEN, bytes: 3 }]])), "checksum-mismatch")).toEqual([]);
    }
  });
  it("notes the hash to paste when a step has a URI and no checksum", () => {
    const d = expectFinding(lint(LINUX, "t.json", withResults([["https://example.org/app.conf", { sha256: OTHER, bytes: 3 }]])), "checksum-mismatch", at(LINUX, 17, `"https://example.org/app.conf"`), "info");
    expect(d.message).toContain(`"sha256Checksum": "${OTHER}"`);
  });
  it("leaves alone checksums the sha256-checksum rule reports, expressions, and URIs without a result", () => {
    const short = withLine(LINUX, 15, `      { "type": "Shell", "name": "setup", "scriptUri": "https://example.org/setup.sh", "sha256Checksum": "abc" },`);
    expect(byRule(lint(short, "t.json", withResults([["https://example.org/setup.sh", { sha256: OTHER, bytes: 3 }]])), "checksum-mismatch")).toEqual([]);
    expect(byRule(lint(LINUX, "t.json", withResults([["https://example.org/other.sh", { sha256: OTHER, bytes: 3 }]])), "checksum-mismatch")).toEqual([]);
    expect(byRule(lint(LINUX), "checksum-mismatch")).toEqual([]);
  });
  it("checks validators too", () => {
    const text = LINUX.replace(`"customize": [`, `"validate": { "inVMValidations": [{ "type": "File", "name": "v", "sourceUri": "https://example.org/v.txt", "destination": "/tmp/v.txt", "sha256Checksum": "${WRITTEN}" }] }, "customize": [`);
    expectFinding(lint(text, "t.json", withResults([["https://example.org/v.txt", { sha256: OTHER, bytes: 3 }]])), "checksum-mismatch", at(text, 14, `"${WRITTEN}"`), "error");
  });
});

describe("checksum-unverified", () => {
  it("warns on the URI with the reason, never printing the query", () => {
    const uri = "https://example.org/setup.sh?sv=2022&sig=SECRET";
    const text = withLine(LINUX, 15, `      { "type": "Shell", "name": "setup", "scriptUri": "${uri}", "sha256Checksum": "${WRITTEN}" },`);
    const d = expectFinding(lint(text, "t.json", withResults([[uri, { error: "HTTP 404 Not Found" }]])), "checksum-unverified", at(text, 15, `"${uri}"`), "warning");
    expect(d.message).toBe("cannot verify https://example.org/setup.sh?***: HTTP 404 Not Found");
  });
});
