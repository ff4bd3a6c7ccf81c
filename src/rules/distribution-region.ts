import { DISTRIBUTABLE_KINDS, findRegion, normalizeRegion, REAL_REGION_NAMES, REGIONS_AS_OF, type Region } from "../data/regions.js";
import type { ValueNode } from "../parse/ast.js";
import { closest } from "../util/text.js";
import { isPlaceholder } from "./placeholder.js";
import type { Rule, RuleContext, TemplateView } from "./types.js";

export const rule: Rule = {
  meta: {
    id: "distribution-region",
    severity: "error",
    description: "Distribution targets (targetRegions, replicationRegions, ManagedImage location) are real Azure regions.",
    versions: "all",
    stage: "rule",
    docs: `An image may be distributed to any Azure region, not only those where Image Builder builds, but the
name has to be a region: a misspelt one (\`northeurop\`, \`eastus22\`) is only rejected at the end of the
build, after the VM has been customized. Checked: SharedImage \`targetRegions[].name\` and
\`replicationRegions[]\`, and ManagedImage \`location\`, against the public, US Government and China
region lists (${REGIONS_AS_OF}; restricted-access and canary regions count as regions). Display names
("West Europe") are accepted as for the template's \`location\`. A geography (\`europe\`), an Extended
Zone or a Microsoft-internal name is a known location but no region an image can be stored in (a
warning); a retired region is an error. Regions newer than this release: add them with \`regions:\` in
the configuration file.`,
    examples: { bad: `"targetRegions": [{"name": "northeurop"}]`, good: `"targetRegions": [{"name": "northeurope"}, {"name": "southindia"}]` },
  },
  create(ctx) {
    return {
      distributor(distributor, view) {
        for (const region of distributor.regions) checkRegion(ctx, view, region.node);
      },
    };
  },
};

const NOT_A_REGION: Partial<Record<Region["kind"], string>> = {
  logical: "a geography, not a region",
  "logical-stage": "a logical staging location, not a region",
  edge: "an Extended Zone, not a region",
  internal: "a Microsoft-internal region name that subscriptions do not see",
};

function checkRegion(ctx: RuleContext, view: TemplateView, node: ValueNode): void {
  const value = view.literal(node);
  if (value === undefined || value.trim() === "" || isPlaceholder(value)) return;
  if (ctx.settings.regions.some((r) => normalizeRegion(r) === normalizeRegion(value))) return;
  const region = findRegion(value);
  if (region && DISTRIBUTABLE_KINDS.has(region.kind)) return;
  if (region?.kind === "retired") {
    ctx.report({ at: node, message: `"${value}" is a retired Azure region; an image cannot be distributed there` });
    return;
  }
  const suggestion = closest(normalizeRegion(value), ctx.settings.regions.length ? [...REAL_REGION_NAMES, ...ctx.settings.regions] : REAL_REGION_NAMES);
  const hint = suggestion ? `; did you mean "${suggestion}"?` : "";
  const why = region ? NOT_A_REGION[region.kind] : undefined;
  if (why) {
    ctx.report({ at: node, severity: "warning", message: `"${value}" is ${why}: an image version cannot be stored there${hint}` });
    return;
  }
  ctx.report({
    at: node,
    message: `"${value}" is not an Azure region${hint} (the build would fail when it distributes)`,
  });
}
