import { compareVersions, type Version } from "../parse/terraform-providers.js";
import type { Rule } from "./types.js";

const DYNAMIC_BODY: Version = [1, 13, 0];
const OBJECT_ONLY: Version = [2, 0, 0];
const show = (v: Version) => v.join(".");

export const rule: Rule = {
  meta: {
    id: "azapi-body-form",
    severity: "error",
    description: "Terraform (azapi): body is written in the form the pinned provider version accepts.",
    versions: "every API version",
    stage: "rule",
    docs: `How azapi takes \`body\` changed twice. Up to v1.12 it is a JSON string (\`jsonencode({…})\`). v1.13.0
made \`body\` a dynamic value: an HCL object, a JSON string still accepted. From v2.0.0 it "only accepts
HCL object" (provider pull request 634): \`jsonencode(…)\`, a heredoc or a string of JSON fails at plan with
"The argument \\"body\\" is invalid: unmarshaling failed". aib-lint reads the azapi version from
\`.terraform.lock.hcl\` in the file's folder, else from the \`required_providers\` constraint, and reports a
body form no allowed version accepts. With no version pinned, or one that allows both forms, it says nothing.`,
    examples: { bad: `version = "~> 2.0" … body = jsonencode({ properties = {…} })`, good: `version = "~> 2.0" … body = { properties = {…} }` },
  },
  create(ctx) {
    return {
      template(view) {
        const azapi = view.template.found.azapi;
        const form = azapi?.bodyForm;
        const provider = azapi?.provider;
        if (!form || !provider) return;
        const pinned = `azapi ${provider.from.text.replace(/^"|"$/g, "")} (${provider.from.file}:${provider.from.line})`;
        const at = { start: form.start, end: form.end, path: [...view.template.node.path, "properties"] };
        if (form.form === "string" && compareVersions(provider.lowest, OBJECT_ONLY) >= 0) {
          ctx.report({ at, message: `body is a JSON string, which ${pinned} rejects: from azapi ${show(OBJECT_ONLY)} body is an HCL object; write body = { … } without jsonencode` });
        } else if (form.form === "object" && provider.below && compareVersions(provider.below, DYNAMIC_BODY) <= 0) {
          ctx.report({ at, message: `body is an HCL object, which ${pinned} cannot take: before azapi ${show(DYNAMIC_BODY)} body is a JSON string; write body = jsonencode({ … })` });
        }
      },
    };
  },
};
