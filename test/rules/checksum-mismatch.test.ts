import type { ChecksumResult } from "../../src/checksums/types.js";
import { ruleTester } from "../rule-tester.js";

const WRITTEN = "2c8d2a4e6f1b3c5d7e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f";
const OTHER = "bba6c7703da9f8aea445fc363bd888830a758b4053345c6c31c29a85e8c23626";
/** Lint options with the hashes the checksum stage would hand over. */
const hashes = (entries: Record<string, ChecksumResult>) => ({ checksums: new Map(Object.entries(entries)) });
const setup = (sha256: string) => ({ lines: { 15: `      { "type": "Shell", "name": "setup", "scriptUri": "https://example.org/setup.sh", "sha256Checksum": "${sha256}" },` } });

ruleTester.run("checksum-mismatch", {
  valid: [
    { name: "a matching checksum", ...setup(WRITTEN), options: hashes({ "https://example.org/setup.sh": { sha256: WRITTEN, bytes: 3 } }) },
    { name: "a matching checksum in upper case", ...setup(WRITTEN.toUpperCase()), options: hashes({ "https://example.org/setup.sh": { sha256: WRITTEN, bytes: 3 } }) },
    { name: "a checksum the sha256-checksum rule reports", ...setup("abc"), options: hashes({ "https://example.org/setup.sh": { sha256: OTHER, bytes: 3 } }) },
    { name: "a URI without a result", options: hashes({ "https://example.org/other.sh": { sha256: OTHER, bytes: 3 } }) },
    { name: "no results at all (checksums not verified)" },
  ],
  invalid: [
    {
      name: "a stale checksum, on the checksum, with the file's hash",
      options: hashes({ "https://example.org/setup.sh": { sha256: OTHER, bytes: 3 } }),
      errors: [{ line: 15, at: `"${WRITTEN}"`, severity: "error", includes: OTHER }],
    },
    {
      name: "a step with a URI and no checksum: a note with the hash to paste",
      options: hashes({ "https://example.org/app.conf": { sha256: OTHER, bytes: 3 } }),
      errors: [{ line: 17, at: `"https://example.org/app.conf"`, severity: "info", includes: `"sha256Checksum": "${OTHER}"` }],
    },
    {
      name: "validators are checked too",
      replace: {
        [`"customize": [`]: `"validate": { "inVMValidations": [{ "type": "File", "name": "v", "sourceUri": "https://example.org/v.txt", "destination": "/tmp/v.txt", "sha256Checksum": "${WRITTEN}" }] }, "customize": [`,
      },
      options: hashes({ "https://example.org/v.txt": { sha256: OTHER, bytes: 3 } }),
      errors: [{ line: 14, at: `"${WRITTEN}"`, severity: "error" }],
    },
  ],
});
