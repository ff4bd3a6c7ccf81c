import type { RuleMeta } from "../core/rule-meta.js";

/** Findings of the read stage: a file that could not be read or linted still shows in every report. */
export const READ_RULES: RuleMeta[] = [
  {
    id: "read-error",
    severity: "error",
    description: "A file that could not be read: too large, not a regular file, or unreadable.",
    versions: "all",
    stage: "read",
    docs: `aib-lint reads regular files only, up to \`--max-file-size\` (100 MB unless set; 500 MB at most). Devices,
FIFOs, sockets and the kernel's file systems (\`/proc\`, \`/sys\`, \`/dev\`) are refused before they are opened, so
that a run can neither block nor read forever. The run exits with 2, and the file is named in every report, so
that a report never looks like a pass for a file that was not checked.`,
  },
  {
    id: "internal-error",
    severity: "error",
    description: "aib-lint failed on this file: a bug to report, never a pass.",
    versions: "all",
    stage: "read",
    docs: `An unexpected failure while linting the file. The run exits with 2 and every report names the file, so the
failure can never be read as a clean result. Run again with \`AIB_LINT_DEBUG=1\` for the stack trace, and
report it with the file that caused it.`,
  },
];
