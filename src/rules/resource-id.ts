import type { ValueNode } from "../parse/ast.js";
import { atLeast, type ApiVersion } from "../model/versions.js";
import { isPlaceholder } from "./placeholder.js";
import type { Rule, RuleContext, TemplateView } from "./types.js";
import { quote } from "../util/text.js";

const GUID = "[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}";
const SEG = "[^/]+";
const RG = `/subscriptions/(${SEG})/resourceGroups/${SEG}`;
const VERSION = "\\d+\\.\\d+\\.\\d+";

interface IdKind {
  what: string;
  shape: string;
  pattern: (version: ApiVersion) => RegExp;
}

const id = (what: string, shape: string, pattern: (version: ApiVersion) => string): IdKind => {
  const compiled = new Map<ApiVersion, RegExp>();
  return {
    what,
    shape,
    pattern: (v) => {
      let re = compiled.get(v);
      if (!re) compiled.set(v, (re = new RegExp(`^${pattern(v)}/?$`, "i")));
      return re;
    },
  };
};
const SUBSCRIPTION_ID = new RegExp(`^${GUID}$`);

const MANAGED_IMAGE = id("a managed image resource ID", "/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Compute/images/<image>", () => `${RG}/providers/Microsoft\\.Compute/images/${SEG}`);
const GALLERY_IMAGE = id(
  "a gallery image definition ID",
  "/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Compute/galleries/<gallery>/images/<definition>[/versions/<x.y.z> from 2020-02-14]",
  (v) => `${RG}/providers/Microsoft\\.Compute/galleries/${SEG}/images/${SEG}${atLeast(v, "2020-02-14") ? `(?:/versions/${VERSION})?` : ""}`,
);
const IMAGE_VERSION = id(
  "a gallery image version ID",
  "/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Compute/galleries/<gallery>/images/<definition>/versions/<x.y.z or latest from 2022-07-01>",
  (v) => {
    const version = atLeast(v, "2022-07-01") ? `(?:${VERSION}|latest)` : VERSION;
    const direct = `/subscriptions/(${SEG})/providers/Microsoft\\.Compute/locations/${SEG}/sharedGalleries/${SEG}/images/${SEG}/versions/${version}`;
    const community = `/communityGalleries/${SEG}/images/${SEG}/versions/${version}`;
    return `(?:${RG}/providers/Microsoft\\.Compute/galleries/${SEG}/images/${SEG}/versions/${version}|${atLeast(v, "2022-07-01") ? `${direct}|${community}` : "(?!)"})`;
  },
);
const IDENTITY = id("a user-assigned identity ID", "/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>", () => `${RG}/providers/Microsoft\\.ManagedIdentity/userAssignedIdentities/${SEG}`);
const SUBNET = id("a subnet ID", "/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>", () => `${RG}/providers/Microsoft\\.Network/virtualNetworks/${SEG}/subnets/${SEG}`);
const RESOURCE_GROUP = id("a resource group ID", "/subscriptions/<subscription>/resourceGroups/<group>", () => RG);

export const rule: Rule = {
  meta: {
    id: "resource-id",
    severity: "error",
    description: "Resource IDs (images, galleries, identities, subnets, staging group) have the shape their kind requires.",
    versions: "all",
    stage: "rule",
    docs: `The service validates each resource ID and rejects a malformed one ("Field 'imageId' has a bad value").
Checked: a ManagedImage source's and distributor's \`imageId\` (a managed image), \`galleryImageId\` (an image
definition, or from 2020-02-14 an explicit \`/versions/x.y.z\`), \`imageVersionId\` (an image version; \`latest\`,
direct shared and community gallery versions from 2022-07-01), identity keys and
\`vmProfile.userAssignedIdentities\` (user-assigned identities), \`subnetId\` and \`containerInstanceSubnetId\`
(subnets) and \`stagingResourceGroup\` (a resource group). The subscription must be a GUID; segment names
such as \`resourceGroups\` are matched without case, as ARM does. Expressions and placeholders are skipped.`,
    examples: {
      bad: `"imageId": "/subscriptions/my-sub/resourceGroups/rg/providers/Microsoft.Compute/images"`,
      good: `"imageId": "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/rg/providers/Microsoft.Compute/images/golden"`,
    },
  },
  create(ctx) {
    return {
      template(view) {
        const { properties } = view.template;
        const { source, sourceType } = view;
        if (sourceType === "ManagedImage") checkId(ctx, view, view.get(source, "imageId")?.value, "imageId", MANAGED_IMAGE);
        if (sourceType === "SharedImageVersion") checkId(ctx, view, view.get(source, "imageVersionId")?.value, "imageVersionId", IMAGE_VERSION);
        for (const { node, type } of view.distributors) {
          if (type === "ManagedImage" || type === "managedImage") checkId(ctx, view, view.get(node, "imageId")?.value, "imageId", MANAGED_IMAGE);
          if (type === "SharedImage" || type === "sharedImage") checkId(ctx, view, view.get(node, "galleryImageId")?.value, "galleryImageId", GALLERY_IMAGE);
        }
        const identities = view.get(view.identity?.value, "userAssignedIdentities")?.value;
        if (identities?.kind === "object") {
          for (const m of identities.members) checkId(ctx, view, { kind: "string", value: m.key, ...view.keyOf(m) }, "the identity", IDENTITY);
        }
        const vmProfile = view.get(properties, "vmProfile")?.value;
        const vmIdentities = view.get(vmProfile, "userAssignedIdentities")?.value;
        if (vmIdentities?.kind === "array") for (const item of vmIdentities.items) checkId(ctx, view, item, "vmProfile.userAssignedIdentities", IDENTITY);
        const vnet = view.get(vmProfile, "vnetConfig")?.value;
        checkId(ctx, view, view.get(vnet, "subnetId")?.value, "subnetId", SUBNET);
        checkId(ctx, view, view.get(vnet, "containerInstanceSubnetId")?.value, "containerInstanceSubnetId", SUBNET);
        checkId(ctx, view, view.get(properties, "stagingResourceGroup")?.value, "stagingResourceGroup", RESOURCE_GROUP);
      },
    };
  },
};

function checkId(ctx: RuleContext, view: TemplateView, node: ValueNode | undefined, field: string, kind: IdKind): void {
  const value = view.literal(node);
  if (node === undefined || value === undefined || value === "" || isPlaceholder(value)) return;
  const match = kind.pattern(view.template.version).exec(value.trim());
  if (match) {
    const subscription = match.slice(1).find((g) => g !== undefined);
    if (subscription !== undefined && !SUBSCRIPTION_ID.test(subscription)) {
      ctx.report({ at: node, message: `${field}: the subscription ${quote(subscription)} is not a subscription ID (a GUID)` });
    }
    return;
  }
  ctx.report({ at: node, message: `${field} is not ${kind.what}; expected ${kind.shape}` });
}
