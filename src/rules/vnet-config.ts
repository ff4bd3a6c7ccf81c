import { isExpression } from "../find/expressions.js";
import type { Rule } from "./types.js";

/** `/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/<vnet>` of a subnet ID, lower-cased. */
function vnetOf(subnetId: string): string | undefined {
  const match = /^(.*\/virtualnetworks\/[^/]+)\/subnets\/[^/]+\/?$/i.exec(subnetId);
  return match?.[1]?.toLowerCase();
}

export const rule: Rule = {
  meta: {
    id: "vnet-config",
    severity: "error",
    description: "vnetConfig is consistent: containerInstanceSubnetId needs subnetId in the same VNet, no proxyVmSize; the legacy form is complete.",
    versions: "2019-05-01-preview and later",
    stage: "rule",
    docs: `With an existing virtual network the build VM goes in \`subnetId\`. From 2024-02-01 an isolated build may also
place its container instance in \`containerInstanceSubnetId\`, which requires \`subnetId\`, must be another
subnet of the same virtual network, and replaces the proxy VM, so \`proxyVmSize\` must not be set with it.
Under 2019-05-01-preview the service took the legacy form \`{name, subnetName, resourceGroupName}\`, where
\`subnetName\` and \`resourceGroupName\` are required as soon as \`name\` is given. The service rejects
templates that break these rules.`,
    examples: {
      bad: `"vnetConfig": {"containerInstanceSubnetId": ".../subnets/aci", "proxyVmSize": "Standard_A1_v2"}`,
      good: `"vnetConfig": {"subnetId": ".../virtualNetworks/v/subnets/build", "containerInstanceSubnetId": ".../virtualNetworks/v/subnets/aci"}`,
    },
  },
  create(ctx) {
    return {
      template(view) {
        const vmProfile = view.get(view.template.properties, "vmProfile")?.value;
        const vnet = view.get(vmProfile, "vnetConfig");
        if (vnet?.value.kind !== "object") return;
        const config = vnet.value;
        const subnet = view.given(config, "subnetId");
        const aci = view.given(config, "containerInstanceSubnetId");
        const proxy = view.given(config, "proxyVmSize");
        if (aci) {
          if (!subnet) ctx.report({ at: view.keyOf(aci), message: "containerInstanceSubnetId needs subnetId (the build VM's subnet) in the same vnetConfig" });
          // a value known only at deployment may be null (not set): only values written out conflict
          const known = (m: typeof proxy) => m !== undefined && m.value.kind !== "null" && !isExpression((m.value as { value?: unknown }).value);
          if (known(proxy) && known(aci)) ctx.report({ at: view.keyOf(proxy!), message: "proxyVmSize must not be set with containerInstanceSubnetId: an isolated build uses no proxy VM" });
          const a = view.literal(aci.value);
          const s = view.literal(subnet?.value);
          if (a !== undefined && s !== undefined) {
            if (a.toLowerCase() === s.toLowerCase()) {
              ctx.report({ at: aci.value, message: "containerInstanceSubnetId must be a different subnet from subnetId" });
            } else if (vnetOf(a) && vnetOf(s) && vnetOf(a) !== vnetOf(s)) {
              ctx.report({ at: aci.value, message: "containerInstanceSubnetId must be in the same virtual network as subnetId" });
            }
          }
        }
        const name = view.get(config, "name");
        if (name) {
          for (const key of ["subnetName", "resourceGroupName"]) {
            if (!view.get(config, key)) ctx.report({ at: view.keyOf(name), message: `the legacy vnetConfig with "name" also needs "${key}"` });
          }
        }
      },
    };
  },
};
