import { redactUris } from "../util/redact.js";
import { checkedStep } from "./checksum-steps.js";
import { SHA256 } from "../schema/patterns.js";
import type { Rule } from "./types.js";

export const rule: Rule = {
  meta: {
    id: "checksum-mismatch",
    severity: "error",
    description: "sha256Checksum matches the file it guards (with --verify-checksums or --map-uri).",
    versions: "all",
    stage: "rule",
    docs: `Image Builder downloads a Shell or PowerShell step's \`scriptUri\` or a File step's \`sourceUri\`, hashes it
and fails the step when the SHA-256 differs from \`sha256Checksum\`: a script edited without updating
the template fails the build after the VM was provisioned. aib-lint hashes the real file: a URI that
starts with a \`--map-uri PREFIX=DIR\` prefix (or \`checksums.map\` in the configuration) is read from DIR,
so a repository that keeps its scripts beside its templates verifies offline; other http(s) URIs are
downloaded only with \`--verify-checksums\`. A mismatch is an error that gives the file's actual hash; a
step with a URI and no checksum gets an info note with the hash to paste. Files that cannot be read or
downloaded are reported by checksum-unverified.`,
    examples: {
      bad: `"scriptUri": "https://example.org/setup.sh", "sha256Checksum": "<the hash of last month's setup.sh>"`,
      good: `"scriptUri": "https://example.org/setup.sh", "sha256Checksum": "<sha256sum of setup.sh as published>"`,
    },
  },
  create(ctx) {
    if (!ctx.settings.checksums?.size) return {};
    return {
      step(step, view) {
        const checked = checkedStep(view, step, ctx.settings);
        if (!checked || !("sha256" in checked.result)) return;
        const { uri, result, checksum } = checked;
        const written = checksum?.value.kind === "string" ? checksum.value.value : undefined;
        if (written === undefined || written === "") {
          ctx.report({
            at: uri,
            severity: "info",
            message: `no sha256Checksum: ${redactUris(uri.value)} has SHA-256 ${result.sha256}; add "sha256Checksum": "${result.sha256}" so that a changed file is caught`,
          });
        } else if (SHA256.test(written) && written.toLowerCase() !== result.sha256) {
          ctx.report({ at: checksum!.value, message: `sha256Checksum does not match ${redactUris(uri.value)}: its SHA-256 is ${result.sha256}; the build would fail at this step` });
        }
      },
    };
  },
};
