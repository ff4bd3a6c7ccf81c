import { ruleTester } from "../rule-tester.js";

const WRITTEN = "2c8d2a4e6f1b3c5d7e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f";
const SAS = "https://example.org/setup.sh?sv=2022&sig=SECRET";

ruleTester.run("checksum-unverified", {
  valid: [
    { name: "a file read and hashed", options: { checksums: new Map([["https://example.org/setup.sh", { sha256: WRITTEN, bytes: 3 }]]) } },
    { name: "no results at all (checksums not verified)" },
  ],
  invalid: [
    {
      name: "a warning on the URI with the reason, never printing the query",
      lines: { 15: `      { "type": "Shell", "name": "setup", "scriptUri": "${SAS}", "sha256Checksum": "${WRITTEN}" },` },
      options: { checksums: new Map([[SAS, { error: "HTTP 404 Not Found" }]]) },
      errors: [{ line: 15, at: `"${SAS}"`, severity: "warning", message: "cannot verify https://example.org/setup.sh?***: HTTP 404 Not Found" }],
    },
  ],
});
