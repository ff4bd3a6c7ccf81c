import { expect } from "vitest";
import { ruleTester } from "../rule-tester.js";

const GOOD = "2c8d2a4e6f1b3c5d7e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f";
const checksum = (value: string) => ({ replace: { [GOOD]: value } });

ruleTester.run("sha256-checksum", {
  valid: [
    ...[GOOD, GOOD.toUpperCase(), "", "[parameters('checksum')]"].map((value) => ({ name: `"${value.slice(0, 24)}" (valid, upper case, empty, an expression)`, ...checksum(value) })),
    {
      name: "a free-form tag map is not read as template fields",
      lines: { 21: `      { "type": "VHD", "runOutputName": "ubuntu-vhd", "artifactTags": { "sha256Checksum": "abc", "channel": "Ubuntu <nightly>" } }` },
      also: ({ all }) => expect(all).toEqual([]),
    },
  ],
  invalid: [
    {
      name: "not 64 hex characters, at the value",
      ...checksum("2c8d2a4e6f1b3c5d7e9f0a1b2c3d4e5f"),
      errors: [{ line: 15, at: `"2c8d`, severity: "error", message: /32.*MD5/, path: "$.properties.customize[0].sha256Checksum" }],
    },
    { name: "the first non-hex character is named", ...checksum(GOOD.slice(0, 63) + "g"), errors: [{ line: 15, at: `"2c8d`, includes: `"g" at position 64` }] },
    { name: "a sha256: prefix is explained", ...checksum(`sha256:${GOOD}`), errors: [{ line: 15, at: `"sha256:`, includes: "prefix" }] },
    { name: "File steps too", replace: { [`"destination": "/tmp/app.conf" }`]: `"destination": "/tmp/app.conf", "sha256Checksum": "abc" }` }, errors: [{ line: 17, at: `"abc"` }] },
    // 2022-07-01 matches keys without case
    ...["SHA256CHECKSUM", "sha256chec\u212Asum", "sha256\\u0063hecksum"].map((key) => ({
      name: `the key written ${JSON.stringify(key)} (any case, the Kelvin sign, escapes)`,
      replace: { [GOOD]: "abc", [`"sha256Checksum"`]: `"${key}"` },
      errors: [{ line: 15, at: `"abc"` }],
    })),
  ],
});
