/** How much of a template the checks could see: its leaf values checked, and those unknown before deployment, with why. */
import type { ValueStats } from "../core/result.js";
import { formatPath, type ValueNode } from "../parse/ast.js";
import { isExpression } from "../find/expressions.js";
import type { Template } from "../model/template.js";

const LISTED = 50;
const MAX_DEPTH = 256;

export function valueStats(template: Template): ValueStats {
  const stats: ValueStats = { checked: 0, unknownCount: 0, unknown: [] };
  const prefix = template.found.node.path.length;
  const walk = (node: ValueNode, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    switch (node.kind) {
      case "object":
        for (const m of node.members) walk(m.value, depth + 1);
        return;
      case "array":
        for (const item of node.items) walk(item, depth + 1);
        return;
      case "null":
        return;
      case "string":
        if (isExpression(node.value)) {
          stats.unknownCount++;
          if (stats.unknown.length < LISTED) {
            const reason = template.unknowns.get(node) ?? node.value.slice(1, -1).trim();
            stats.unknown.push({ path: formatPath(node.path.slice(prefix)).replace(/^\$\.?/, ""), reason });
          }
          return;
        }
        stats.checked++;
        return;
      default:
        stats.checked++;
    }
  };
  walk(template.node, 0);
  return stats;
}

/** `--stats`: totals over the templates, and the most frequent reasons values stayed unknown. */
export function statsText(all: readonly ValueStats[]): string {
  let checked = 0;
  let unknownCount = 0;
  const reasons = new Map<string, number>();
  for (const s of all) {
    checked += s.checked;
    unknownCount += s.unknownCount;
    for (const u of s.unknown) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
  }
  const total = checked + unknownCount;
  const share = total === 0 ? 100 : Math.round((checked / total) * 1000) / 10;
  const lines = [`values: ${checked} of ${total} checked (${share} %), ${unknownCount} unknown before deployment, in ${all.length} template${all.length === 1 ? "" : "s"}`];
  const top = [...reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
  for (const [reason, count] of top) lines.push(`  ${count} × ${reason}`);
  return `${lines.join("\n")}\n`;
}
