import { isExpression } from "../find/expressions.js";
import { atLeast } from "../model/versions.js";
import type { Rule } from "./types.js";

export const rule: Rule = {
  meta: {
    id: "identity",
    severity: "error",
    description: "The template has exactly one user-assigned managed identity.",
    versions: "2019-05-01-preview and later",
    stage: "rule",
    docs: `Image Builder runs the build as the template's user-assigned managed identity, and supports exactly
one (no system-assigned identity, no custom domain names). The schema makes \`identity\` optional in
2019-05-01-preview and required from 2020-02-14, but since 26 May 2020 the service rejects every
template without one ("Validation failed: 'ImageTemplate': Missing field 'identity'"), whatever the
apiVersion. \`"type": "None"\` removes identities and is only meaningful in a PATCH.`,
    examples: {
      bad: `"identity": {"type": "UserAssigned", "userAssignedIdentities": {"<id1>": {}, "<id2>": {}}}`,
      good: `"identity": {"type": "UserAssigned", "userAssignedIdentities": {"/subscriptions/.../userAssignedIdentities/aib": {}}}`,
    },
  },
  create(ctx) {
    return {
      template(view) {
        const { template } = view;
        if (!atLeast(template.version, "2019-05-01-preview")) return;
        const { identity } = view;
        // an azapi_update_resource keeps the identity the template has when its body names none
        if (!identity && template.found.azapi?.kind === "azapi_update_resource") return;
        if (!identity) {
          const type = view.get(template.node, "type");
          ctx.report({
            at: type ? type.value : { start: template.node.start, end: template.node.start + 1, path: template.node.path },
            message: "the template has no identity; the service rejects templates without exactly one user-assigned managed identity",
          });
          return;
        }
        if (identity.value.kind === "string" && isExpression(identity.value.value)) return;
        if (identity.value.kind !== "object") return; // the schema reports the type
        const type = view.get(identity.value, "type");
        if (!type) {
          ctx.report({ at: view.keyOf(identity), message: `identity has no type; give "type": "UserAssigned" with exactly one identity` });
          return;
        }
        const typeValue = view.literal(type.value);
        if (typeValue === "None") {
          ctx.report({ at: type.value, message: `identity type "None" leaves the template without an identity; use "UserAssigned" with exactly one identity` });
          return;
        }
        const map = view.get(identity.value, "userAssignedIdentities");
        if (!map) {
          ctx.report({ at: view.keyOf(identity), message: "identity has no userAssignedIdentities; give exactly one user-assigned identity" });
          return;
        }
        if (map.value.kind !== "object") return;
        const count = map.value.members.length;
        // an object computed with members not known (a map over unknown IDs) is not known to be empty
        if (count === 0 && !view.template.partial.has(map.value)) ctx.report({ at: view.keyOf(map), message: "userAssignedIdentities is empty; give exactly one user-assigned identity" });
        else if (count > 1) {
          const second = map.value.members[1]!;
          ctx.report({
            at: view.keyOf(second),
            message: `the template has ${count} user-assigned identities; Image Builder supports exactly one (build-VM identities go in vmProfile.userAssignedIdentities from 2021-10-01)`,
          });
        }
      },
    };
  },
};
