import type { ValueNode } from "../parse/ast.js";
import { FREE_FORM_KEYS } from "../schema/model.js";
import { isPlaceholder } from "./placeholder.js";
import { KeySet, writtenText } from "./match.js";
import type { Rule } from "./types.js";
import { SHA256 } from "../schema/patterns.js";

const CHECKSUM_KEY = new KeySet(["sha256checksum"]);
/** The key as JSON text can write it (any case, the Kelvin sign for k), or an escape that could spell it. */
const MAY_NAME_CHECKSUM = /sha256chec[k\u212a]sum|\\/i;
const FREE_FORM = new KeySet(FREE_FORM_KEYS);

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
  check(ctx) {
    const visit = (node: ValueNode): void => {
      if (node.kind === "array") for (const item of node.items) visit(item);
      if (node.kind !== "object") return;
      for (const m of node.members) {
        if (CHECKSUM_KEY.has(m.key)) {
          const value = ctx.literal(m.value);
          if (value === undefined || value === "" || isPlaceholder(value) || SHA256.test(value)) continue;
          ctx.report({ at: m.value, message: describe(value) });
        } else if (!FREE_FORM.has(m.key)) visit(m.value);
      }
    };
    const text = writtenText(ctx.template);
    if (ctx.template.properties && (text === undefined || MAY_NAME_CHECKSUM.test(text))) visit(ctx.template.properties);
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
