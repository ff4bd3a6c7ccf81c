import { describe, expect, it } from "vitest";
import { rhelRelease } from "../../src/rules/iso-source.js";
import { errors, LINUX, lint, withLine } from "../helpers.js";
import { type InvalidCase, ruleTester } from "../rule-tester.js";

const iso = (file: string, key = "sourceUri") =>
  withLine(
    withLine(LINUX, 3, `  "apiVersion": "2019-05-01-preview",`),
    13,
    `    "source": { "type": "ISO", "${key}": "https://access.cdn.redhat.com/content/origin/files/${file}?_auth_=1", "sha256Checksum": "d07d4c3b0b8e6d4e5f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e" },`,
  );

/** Every ISO source: retired since March 2020, said at its type. */
const RETIRED = { line: 13, at: `"ISO"`, includes: "since March 2020" };

ruleTester.run("iso-source", {
  valid: [{ name: "a platform image source" }],
  invalid: [
    { name: "a RHEL release other than 7.3-7.5, at the URI", text: iso("rhel-server-7.2-x86_64-dvd.iso"), errors: [RETIRED, { line: 13, at: `"https://access`, severity: "error", includes: "RHEL 7.2" }] },
    { name: "sourceURI is read (case-insensitive before 2024-02-01)", text: iso("rhel-server-7.6-x86_64-dvd.iso", "sourceURI"), errors: [RETIRED, { line: 13, at: `"https://access`, severity: "error" }] },
    ...["7.3", "7.4", "7.5"].map((release): InvalidCase => ({
      name: `RHEL ${release} is accepted: only that ISO sources are retired, at the type, and no other error`,
      text: iso(`rhel-server-${release}-x86_64-dvd.iso`),
      errors: [RETIRED],
      also: ({ all }) => expect(errors(all)).toHaveLength(1),
    })),
    { name: "a release that cannot be read is a warning", text: iso("my-image.iso"), errors: [RETIRED, { line: 13, at: `"https://access`, severity: "warning" }] },
  ],
});

describe("ISO sources outside the rule's table", () => {
  it("parses the usual file names", () => {
    expect(rhelRelease("https://x/rhel-server-7.4-x86_64-dvd.iso")).toBe("7.4");
    expect(rhelRelease("https://x/RHEL-7.5-20180322.0-Server-x86_64-dvd1.iso")).toBe("7.5");
    expect(rhelRelease("https://x/rhel-8.1-x86_64-dvd.iso?rhel-server-7.4")).toBe("8.1");
    expect(rhelRelease("https://x/ubuntu.iso")).toBeUndefined();
  });
  it("is an unknown source type from 2020-02-14", () => {
    const text = withLine(iso("rhel-server-7.4-x86_64-dvd.iso"), 3, `  "apiVersion": "2020-02-14",`);
    expect(lint(text).some((d) => d.ruleId === "property-version" && d.message.includes("ISO"))).toBe(true);
  });
});
