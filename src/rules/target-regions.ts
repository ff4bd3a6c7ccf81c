import { normalizeRegion } from "../data/regions.js";
import type { ValueNode } from "../parse/ast.js";
import { atLeast } from "../model/versions.js";
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
  check(ctx) {
    const modern = atLeast(ctx.template.version, "2022-07-01");
    for (const target of ctx.items("distribute")) {
      if (ctx.literal(ctx.get(target, "type")?.value) !== "SharedImage") continue;
      const replication = ctx.get(target, "replicationRegions");
      const targets = ctx.get(target, "targetRegions");
      const storage = ctx.get(target, "storageAccountType");
      if (modern && replication && targets) {
        const second = replication.keyStart > targets.keyStart ? replication : targets;
        ctx.report({ at: ctx.keyOf(second), message: "replicationRegions and targetRegions are mutually exclusive; keep targetRegions" });
      } else if (modern && storage && !replication) {
        ctx.report({ at: ctx.keyOf(storage), message: "a distributor-level storageAccountType is only allowed with replicationRegions; set storageAccountType in each targetRegions entry" });
      }
      // each region with the entry it stands for: a replicationRegions item, or a whole targetRegions entry
      const regions: { node: ValueNode; entry: ValueNode }[] = [];
      if (replication?.value.kind === "array") for (const item of replication.value.items) regions.push({ node: item, entry: item });
      if (targets?.value.kind === "array") {
        for (const item of targets.value.items) {
          const name = ctx.get(item, "name")?.value;
          if (name) regions.push({ node: name, entry: item });
        }
      }
      const seen = new Map<string, { node: ValueNode; entry: ValueNode }>();
      for (const region of regions) {
        const { node } = region;
        const name = ctx.literal(node);
        if (name === undefined) continue;
        const key = normalizeRegion(name);
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, region);
          continue;
        }
        // a region from a parameter or variable is written there, not where the template uses it
        const written = ctx.place(first.node);
        const file = written?.file;
        const span = written ?? first.entry;
        const source = file?.source ?? ctx.template.source;
        const where = `${file ? `${file.name}:` : "line "}${source.position(span.start).line}`;
        ctx.report({
          at: node,
          severity: "warning",
          message: `region ${quote(name)} is listed twice (first at ${where})`,
          related: [{ message: "the earlier entry for this region", range: source.range(span.start, span.end), ...(file ? { file: file.name } : {}) }],
        });
      }
    }
  },
};
