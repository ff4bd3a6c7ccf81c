import { MAX_SCRIPT_BYTES, MAX_SCRIPT_LINES, SHELLCHECK_TIMEOUT_MS } from "../scripts/shellcheck.js";
import { isUnchecked, notChecked } from "../scripts/types.js";
import type { Rule } from "./types.js";
import { thousands } from "../util/text.js";

export const rule: Rule = {
  meta: {
    id: "shellcheck",
    severity: "error",
    description: "ShellCheck's findings in inline Shell steps (and in local scripts reached through --map-uri).",
    versions: "all",
    stage: "rule",
    docs: `An inline \`Shell\` step becomes a script: Packer, which runs AIB's customizers, writes the \`inline\` items
one per line under \`#!/bin/sh -e\` and runs it on the build VM, where any failing command fails the build
after the VM was provisioned. aib-lint gives that script to ShellCheck (an external program:
\`apt-get install shellcheck\`, \`brew install shellcheck\`, \`choco install shellcheck\`) and reports each
finding on the inline item it falls in, with ShellCheck's code (SC2086 and so on; see
https://www.shellcheck.net/wiki/). ShellCheck errors are errors, warnings are warnings, info and style
notes are info. Items that are ARM expressions are resolved where possible (\`parameters\`, \`variables\`,
\`concat\` of them), otherwise replaced by a neutral command; placeholders such as \`<packages>\` are
replaced by letters. Scripts reached by --map-uri are checked in their own file. A \`# shellcheck
disable=SC2086\` item works as in any script. Without ShellCheck installed this rule is skipped with one
note on standard error; \`--no-shellcheck\` skips it on purpose. A script ShellCheck could not check is a
warning on its \`inline\` key, never a silent pass: over ${thousands(MAX_SCRIPT_LINES)} lines or ${MAX_SCRIPT_BYTES / 1024} KB (ShellCheck's memory grows with
the square of a script's variables), or ShellCheck ran out of memory (2 GB per process on Linux), failed, or ran
past its ${SHELLCHECK_TIMEOUT_MS / 1000} s.`,
    examples: { bad: `"inline": ["rm -rf $BUILD_DIR/"]`, good: `"inline": ["rm -rf \\"\${BUILD_DIR:?}\\"/"]` },
  },
  create(ctx) {
    const lookup = ctx.settings.shellcheck;
    if (!lookup) return {};
    return {
      step({ inline: step }, view) {
        if (step?.kind !== "shell") return;
        const outcome = lookup.get(step.script.text);
        if (outcome && isUnchecked(outcome)) {
          ctx.report({ at: view.keyOf(view.get(step.node, "inline")!), message: notChecked(outcome.unchecked), severity: "warning" });
          return;
        }
        for (const f of outcome ?? []) {
          // a finding on the shebang (which the template does not hold) goes to the first item, one past the end to the last
          const direct = step.script.lines[f.line - 1];
          const known = step.script.lines.filter((l) => l !== undefined);
          const origin = direct ?? (f.line > 1 ? known[known.length - 1] : known[0]);
          if (!origin) continue;
          const at = direct?.offset !== undefined && f.endLine === f.line ? step.locateInItem(direct.node, direct.offset + f.column - 1, direct.offset + f.endColumn - 1) : origin.node;
          ctx.report({ at, message: `SC${f.code}: ${f.message}`, severity: f.severity });
        }
      },
    };
  },
};
