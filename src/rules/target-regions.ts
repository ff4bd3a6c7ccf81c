import { normalizeRegion } from "../data/regions.js";
import { atLeast } from "../model/versions.js";
import type { DistributionRegion } from "./view.js";
import type { Rule } from "./types.js";
import { quote } from "../util/text.js";

export const rule: Rule = {
  meta: {
    id: "target-regions",
    severity: "error",
    description: "A SharedImage distributor uses replicationRegions or targetRegions, not both; regions appear once.",
    versions: "2022-07-01 and later (duplicates: all)",
    stage: "rule",
    docs: `From 2022-07-01 a gallery distributor lists its regions in \`targetRegions\` (each with a replica count and
storage type); the older \`replicationRegions\` is deprecated and the two are mutually exclusive, as is the
distributor-level \`storageAccountType\`, which is only allowed together with \`replicationRegions\`. The
service rejects a distributor that mixes them. A region listed twice is a likely copy-and-paste mistake
(a warning).`,
    examples: {
      bad: `{"type": "SharedImage", "replicationRegions": ["westus2"], "targetRegions": [{"name": "eastus"}], ...}`,
      good: `{"type": "SharedImage", "targetRegions": [{"name": "westus2"}, {"name": "eastus", "replicaCount": 2}], ...}`,
    },
  },
  create(ctx) {
    let modern: boolean;
    return {
      template(view) {
        modern = atLeast(view.template.version, "2022-07-01");
      },
      distributor({ node, type, replicationRegions: replication, targetRegions: targets, regions }, view) {
        if (type !== "SharedImage") return;
        const storage = view.get(node, "storageAccountType");
        if (modern && replication && targets) {
          const second = replication.keyStart > targets.keyStart ? replication : targets;
          ctx.report({ at: view.keyOf(second), message: "replicationRegions and targetRegions are mutually exclusive; keep targetRegions" });
        } else if (modern && storage && !replication) {
          ctx.report({ at: view.keyOf(storage), message: "a distributor-level storageAccountType is only allowed with replicationRegions; set storageAccountType in each targetRegions entry" });
        }
        const seen = new Map<string, DistributionRegion>();
        for (const region of regions) {
          const { node } = region;
          const name = view.literal(node);
          if (name === undefined) continue;
          const key = normalizeRegion(name);
          const first = seen.get(key);
          if (first === undefined) {
            seen.set(key, region);
            continue;
          }
          // a region from a parameter or variable is written there, not where the template uses it
          const written = view.place(first.node);
          const file = written?.file;
          const span = written ?? first.entry;
          const source = file?.source ?? view.template.source;
          const where = `${file ? `${file.name}:` : "line "}${source.position(span.start).line}`;
          ctx.report({
            at: node,
            severity: "warning",
            message: `region ${quote(name)} is listed twice (first at ${where})`,
            related: [{ message: "the earlier entry for this region", range: source.range(span.start, span.end), ...(file ? { file: file.name } : {}) }],
          });
        }
      },
    };
  },
};
