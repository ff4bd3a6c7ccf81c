import { isPlaceholder } from "./placeholder.js";
import { KeySet } from "./match.js";
import { SHA256 } from "../schema/patterns.js";
import type { Rule } from "./types.js";

const CHECKSUM_KEY = new KeySet(["sha256checksum"]);

export const rule: Rule = {
  meta: {
    id: "sha256-checksum",
    severity: "error",
    description: "Every sha256Checksum is 64 hexadecimal characters.",
    versions: "all",
    stage: "rule",
    docs: `Image Builder downloads the script or file, computes its SHA-256 and fails the step when it
differs from \`sha256Checksum\`. A value that is not 64 hexadecimal characters (a truncated copy, an MD5
or SHA-1 sum, a \`sha256:\` prefix) can never match, so the build fails after the VM was created.
Generate it with \`sha256sum <file>\` (Linux, macOS) or \`Get-FileHash\` (PowerShell). An empty string means
"no check" and is left alone. Applies to sources (ISO), customizers, validators and workload optimization.`,
    examples: { bad: `"sha256Checksum": "2c8d2a4e6f1b3c5d7e9f0a1b2c3d4e5f"`, good: `"sha256Checksum": "2c8d2a4e6f1b3c5d7e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f"` },
  },
  create(ctx) {
    return {
      member(m, where) {
        if (!where.inProperties || where.inFreeForm || !CHECKSUM_KEY.has(m.key)) return;
        const value = where.view.literal(m.value);
        if (value === undefined || value === "" || isPlaceholder(value) || SHA256.test(value)) return;
        ctx.report({ at: m.value, message: describe(value) });
      },
    };
  },
};

function describe(value: string): string {
  const trimmed = value.trim();
  if (/^sha256[:=]/i.test(trimmed)) return `sha256Checksum must be the 64 hexadecimal characters alone, without the "${trimmed.slice(0, 7)}" prefix`;
  if (trimmed !== value && SHA256.test(trimmed)) return "sha256Checksum has surrounding white space; the service compares it exactly";
  const nonHex = /[^0-9a-fA-F]/.exec(value);
  if (nonHex) return `sha256Checksum must be 64 hexadecimal characters; "${nonHex[0]}" at position ${nonHex.index + 1} is not hexadecimal`;
  const hint = value.length === 32 ? " (that is the length of an MD5 sum)" : value.length === 40 ? " (that is the length of a SHA-1 sum)" : "";
  return `sha256Checksum must be 64 hexadecimal characters; this one has ${value.length}${hint}`;
}
