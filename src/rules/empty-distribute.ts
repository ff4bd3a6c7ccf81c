import type { Rule } from "./types.js";

export const rule: Rule = {
  meta: {
    id: "empty-distribute",
    severity: "error",
    description: "distribute lists at least one target.",
    versions: "all",
    stage: "rule",
    docs: `\`distribute\` is required, and the service rejects an empty list: a build must deliver its image
somewhere (a managed image, a gallery image version or a VHD). An empty \`customize\` list, on the other
hand, is fine: the image is then the source image, distributed as it is.`,
    examples: { bad: `"distribute": []`, good: `"distribute": [{"type": "VHD", "runOutputName": "vhd"}]` },
  },
  create(ctx) {
    return {
      template(view) {
        const distribute = view.get(view.template.properties, "distribute")?.value;
        if (distribute?.kind === "array" && distribute.items.length === 0) {
          ctx.report({ at: distribute, message: "distribute is empty; the service needs at least one distribution target (ManagedImage, SharedImage or VHD)" });
        }
      },
    };
  },
};
