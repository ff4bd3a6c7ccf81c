import { isPlaceholder } from "./placeholder.js";
import type { Rule } from "./types.js";
import { quote } from "../util/text.js";

export const rule: Rule = {
  meta: {
    id: "file-destination",
    severity: "error",
    description: "A File step on a Linux image writes only under /tmp.",
    versions: "2019-05-01-preview and later",
    stage: "rule",
    docs: `The File customizer downloads one file to \`destination\`, a full path with the file name. On Linux the
build user can write only under \`/tmp\` (the docs, unchanged from 2019 to 2025): any other destination
fails the step. Download to /tmp and move the file with a Shell step (\`sudo mv\`). On Windows any
existing directory works. The OS is inferred from the source; when unknown, nothing is reported.`,
    examples: { bad: `"destination": "/etc/app.conf"`, good: `"destination": "/tmp/app.conf"` },
  },
  create(ctx) {
    return {
      step(step, view) {
        if (view.template.os !== "linux" || step.type !== "File") return;
        const destination = view.get(step.node, "destination");
        const path = view.literal(destination?.value);
        if (path === undefined || isPlaceholder(path)) return;
        if (/^\/tmp\/[^/]/.test(path) && !path.endsWith("/")) return;
        const message = /^\/tmp\/?$/.test(path) || path.endsWith("/")
          ? `destination ${quote(path)} must name the file, e.g. "/tmp/app.conf"`
          : `destination ${quote(path)} is outside /tmp; on Linux a File step can write only under /tmp (move it afterwards with a Shell step)`;
        ctx.report({ at: destination!.value, message });
      },
    };
  },
};
