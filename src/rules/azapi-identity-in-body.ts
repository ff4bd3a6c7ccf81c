import type { Rule } from "./types.js";

export const rule: Rule = {
  meta: {
    id: "azapi-identity-in-body",
    severity: "warning",
    description: "Terraform (azapi): the identity is written in the identity block, not inside body.",
    versions: "every API version; azapi 1.13 and later",
    stage: "rule",
    docs: `With the azapi provider, a resource's managed identity belongs in the \`identity\` block (\`type\`,
\`identity_ids\`). Since azapi v1.13.0 an \`identity\` written inside \`body\` is no longer synced to that block
("Defining the identity inside the body field is not recommended. In this release, it will not sync the
identity inside the body field to identity block", v1.13.0 release notes): the provider's state and plans no
longer show it, and when both are written the block is what aib-lint checks. Move it to the block.`,
    examples: {
      bad: `body = { identity = { type = "UserAssigned", userAssignedIdentities = { (var.id) = {} } }, properties = {…} }`,
      good: `identity { type = "UserAssigned"  identity_ids = [var.id] }  body = { properties = {…} }`,
    },
  },
  create(ctx) {
    return {
      template(view) {
        const inBody = view.template.found.azapi?.identityInBody;
        if (!inBody) return;
        ctx.report({
          at: { start: inBody.keyStart, end: inBody.keyEnd, path: [...view.template.node.path, "identity"] },
          message: "identity is written inside body, which azapi 1.13 and later no longer sync: use the identity block (type, identity_ids)",
        });
      },
    };
  },
};
