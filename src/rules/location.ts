import { isSupportedRegion, SUPPORTED_REGIONS } from "../data/regions.js";
import { closest, quote } from "../util/text.js";
import { isPlaceholder } from "./placeholder.js";
import type { Rule } from "./types.js";

const SUPPORTED_NAMES = SUPPORTED_REGIONS.map(([n]) => n);

export const rule: Rule = {
  meta: {
    id: "location",
    severity: "error",
    description: "The template's location must be a region where Azure Image Builder runs.",
    versions: "all",
    stage: "rule",
    docs: `The template's \`location\` is where the build runs, and Image Builder runs only in some regions
(the seed page of 2020 listed five US regions; the list has grown to ${SUPPORTED_REGIONS.length}). A template in any other
region is rejected when it is submitted. Display names ("East US 2") and programmatic names
("eastus2") are both accepted, as ARM compares them without case and spaces. Distribution targets
(\`ManagedImage.location\`, replication regions) may be outside this list; \`distribution-region\` checks
that they are Azure regions at all. A value from a parameter's default or \`--parameters\` is checked too.

Supported: ${SUPPORTED_REGIONS.map(([n]) => n).join(", ")}.
New regions appear before a release of aib-lint: add them with \`regions:\` in the configuration file.`,
    examples: { bad: `"location": "southindia"`, good: `"location": "centralindia"` },
  },
  create(ctx) {
    return {
      template(view) {
        const { location } = view;
        const value = view.literal(location?.value);
        if (value === undefined || isPlaceholder(value)) return;
        if (isSupportedRegion(value, ctx.settings.regions)) return;
        const names = ctx.settings.regions.length ? [...SUPPORTED_NAMES, ...ctx.settings.regions] : SUPPORTED_NAMES;
        const suggestion = closest(value.toLowerCase().replace(/\s+/g, ""), names);
        ctx.report({
          at: location!.value,
          message:
            `${quote(value)} is not a region where Azure Image Builder runs` +
            (suggestion ? `; did you mean "${suggestion}"?` : "") +
            ` (run \`aib-lint explain location\` for the ${SUPPORTED_REGIONS.length} supported regions)`,
        });
      },
    };
  },
};
