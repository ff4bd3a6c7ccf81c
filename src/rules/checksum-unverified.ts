import { redactUris } from "../util/redact.js";
import { checkedStep } from "./checksum-steps.js";
import type { Rule } from "./types.js";

export const rule: Rule = {
  meta: {
    id: "checksum-unverified",
    severity: "warning",
    description: "A file behind scriptUri or sourceUri could not be read or downloaded to verify it.",
    versions: "all",
    stage: "rule",
    docs: `With \`--verify-checksums\` (or a \`--map-uri\` mapping) aib-lint hashes the file a step pulls in. When the
mapped file is missing, or the download fails (HTTP error, no answer within 10 s, more than 100 MB, too
many redirects, or past the 30 s that all downloads of a run may take), this warning gives the reason. Image Builder would likely fail to fetch it too. A
URI's user info and query string (a SAS token) are never printed.`,
    examples: { bad: `"scriptUri": "https://example.org/scripts/missing.sh"`, good: `"scriptUri": "https://example.org/scripts/setup.sh"` },
  },
  create(ctx) {
    if (!ctx.settings.checksums?.size) return {};
    return {
      step(step, view) {
        const checked = checkedStep(view, step, ctx.settings);
        if (checked && "error" in checked.result) ctx.report({ at: checked.uri, message: `cannot verify ${redactUris(checked.uri.value)}: ${checked.result.error}` });
      },
    };
  },
};
