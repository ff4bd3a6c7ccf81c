import { describe, expect, it } from "vitest";
import { at, byRule, expectFinding, LINUX, lint, replaceOnce, WINDOWS } from "../helpers.js";

const dest = (base: string, value: string) => replaceOnce(base, `"destination": "/tmp/app.conf"`, `"destination": "${value}"`);

describe("file-destination", () => {
  it("reports a Linux destination outside /tmp, at the value", () => {
    const text = dest(LINUX, "/etc/app.conf");
    const d = expectFinding(lint(text), "file-destination", at(text, 17, `"/etc/app.conf"`), "error");
    expect(d.message).toContain("/tmp");
  });
  it("reports /tmp itself and a directory", () => {
    for (const value of ["/tmp", "/tmp/", "/tmpfiles/app.conf"]) {
      const text = dest(LINUX, value);
      expectFinding(lint(text), "file-destination", at(text, 17, `"${value}"`));
    }
  });
  it("accepts files under /tmp, Windows paths on Windows, and expressions", () => {
    for (const value of ["/tmp/app.conf", "/tmp/sub/app.conf", "[variables('dest')]"]) expect(byRule(lint(dest(LINUX, value)), "file-destination")).toEqual([]);
    expect(byRule(lint(WINDOWS), "file-destination")).toEqual([]);
  });
});
