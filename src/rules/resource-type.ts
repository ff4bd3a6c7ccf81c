import { replaceString } from "../edit/rewrite.js";
import type { Rule } from "./types.js";

export const rule: Rule = {
  meta: {
    id: "resource-type",
    severity: "warning",
    description: 'type is "Microsoft.VirtualMachineImages/imageTemplates", not the provider alone.',
    versions: "all",
    stage: "rule",
    fixable: true,
    docs: `Many quickstart files declare \`"type": "Microsoft.VirtualMachineImages"\`, without \`/imageTemplates\`. They
work only because they are submitted with \`az resource create --resource-type
Microsoft.VirtualMachineImages/imageTemplates --is-full-object\`, which overrides the type. In an ARM
deployment or with any other client the resource type is wrong. aib-lint still checks the rest.`,
    examples: { bad: `"type": "Microsoft.VirtualMachineImages"`, good: `"type": "Microsoft.VirtualMachineImages/imageTemplates"` },
  },
  create(ctx) {
    return {
      template(view) {
        if (!view.template.found.providerOnlyType) return;
        const type = view.get(view.template.node, "type");
        if (!type) return;
        const inArm = view.template.found.shape === "arm-resource";
        const fix = type.value.kind === "string" ? replaceString(view.template.source.text, type.value, `${type.value.value}/imageTemplates`) : undefined;
        ctx.report({
          at: type.value,
          ...(fix ? { fixes: [fix] } : {}),
          ...(inArm ? { severity: "error" as const } : {}),
          message: inArm
            ? 'resource type "Microsoft.VirtualMachineImages" is not a resource type; write "Microsoft.VirtualMachineImages/imageTemplates"'
            : 'type "Microsoft.VirtualMachineImages" works only with `az resource create --resource-type Microsoft.VirtualMachineImages/imageTemplates`; write "Microsoft.VirtualMachineImages/imageTemplates"',
        });
      },
    };
  },
};
