import { WINDOWS } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

const dest = (value: string) => ({ replace: { [`"destination": "/tmp/app.conf"`]: `"destination": "${value}"` } });

ruleTester.run("file-destination", {
  valid: [
    ...["/tmp/app.conf", "/tmp/sub/app.conf", "[variables('dest')]"].map((value) => ({ name: `${value} on Linux`, ...dest(value) })),
    { name: "a Windows path on Windows", text: WINDOWS },
  ],
  invalid: [
    { name: "a Linux destination outside /tmp, at the value", ...dest("/etc/app.conf"), errors: [{ line: 17, at: `"/etc/app.conf"`, severity: "error", includes: "/tmp" }] },
    ...["/tmp", "/tmp/", "/tmpfiles/app.conf"].map((value) => ({ name: `${value} (/tmp itself, a directory, another folder)`, ...dest(value), errors: [{ line: 17, at: `"${value}"` }] })),
  ],
});
