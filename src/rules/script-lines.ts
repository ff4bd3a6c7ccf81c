/** The lines of inline Shell and PowerShell steps as the build VM runs them, for the rules that read commands. */
import { resolveScope } from "../find/resolve.js";
import type { ObjectNode, StringNode } from "../parse/ast.js";
import { inlineScript, type InlineScript } from "../scripts/inline.js";
import { valueOffset } from "../scripts/locate.js";
import { steps, stepType } from "./context.js";
import type { Located, RuleContext } from "./types.js";

export interface InlineStep {
  node: ObjectNode;
  /** `shell` or `powershell`. */
  kind: "shell" | "powershell";
  script: InlineScript;
}

/** Shell and PowerShell steps with an `inline` list. */
export function inlineSteps(ctx: RuleContext): InlineStep[] {
  const scope = resolveScope(ctx.template.found, ctx.settings.parameters);
  const out: InlineStep[] = [];
  for (const step of steps(ctx)) {
    const kind = stepType(ctx, step.node)?.toLowerCase();
    const inline = ctx.get(step.node, "inline")?.value;
    if ((kind === "shell" || kind === "powershell") && inline?.kind === "array" && inline.items.length > 0) {
      const script = inlineScript(inline.items, scope);
      // an item resolved from a parameter or variable holds text the template does not show there
      const lines = script.lines.map((l) => (l && ctx.template.origins.has(l.node.start) ? { node: l.node } : l));
      out.push({ node: step.node, kind, script: { text: script.text, lines } });
    }
  }
  return out;
}

export interface CommandLine {
  text: string;
  node: StringNode;
  /** Index in the item's value where the line starts. */
  offset: number;
}

/** The lines written literally in the template (resolved or neutral lines have no place of their own). */
export function literalLines(step: InlineStep): CommandLine[] {
  const texts = step.script.text.split("\n");
  return step.script.lines.flatMap((origin, i) => (origin?.offset !== undefined ? [{ text: texts[i]!, node: origin.node, offset: origin.offset }] : []));
}

/** The span from..to (indexes into the item's value) in the template, or the whole item when the written form cannot be mapped. */
export function locateInItem(ctx: RuleContext, node: StringNode, from: number, to: number): Located {
  const text = ctx.template.source.text;
  const start = valueOffset(text, node, from);
  const end = valueOffset(text, node, to);
  return start !== undefined && end !== undefined && end >= start ? { start, end, path: node.path } : node;
}
