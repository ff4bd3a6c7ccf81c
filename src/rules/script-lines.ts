/** The lines of inline Shell and PowerShell steps as the build VM runs them, for the rules that read commands. */
import { resolveScope, type ParameterValues } from "../find/resolve.js";
import type { ObjectNode, StringNode } from "../parse/ast.js";
import { inlineScript, type InlineScript, type ScriptLine } from "../scripts/inline.js";
import { valueOffset } from "../scripts/locate.js";
import { commandsIn, type SimpleCommand } from "./commands.js";
import { steps } from "./context.js";
import { writtenHere } from "../template.js";
import type { Located, RuleContext, Template } from "./types.js";

export interface InlineStep {
  node: ObjectNode;
  /** `shell` or `powershell`. */
  kind: "shell" | "powershell";
  script: InlineScript;
  /** The lines written literally in the template (resolved or neutral lines have no place of their own). */
  literal: readonly CommandLine[];
}

export interface CommandLine {
  text: string;
  node: StringNode;
  /** Index in the item's value where the line starts. */
  offset: number;
  /** Its simple commands (commandsIn), read on first use. */
  readonly commands: readonly SimpleCommand[];
}

/** The last template's steps (the rules run template by template), with the --parameters they were read with. */
let last: { template: Template; parameters: ParameterValues | undefined; steps: readonly InlineStep[] } | undefined;

/** Shell and PowerShell steps with an `inline` list, computed once per template for all the rules that read scripts. */
export function inlineSteps(ctx: RuleContext): readonly InlineStep[] {
  const { template, settings } = ctx;
  if (last?.template === template && last.parameters === settings.parameters) return last.steps;
  const out: InlineStep[] = [];
  let scope: ReturnType<typeof resolveScope> | undefined;
  for (const step of steps(ctx)) {
    const kind = step.type?.toLowerCase();
    if (kind !== "shell" && kind !== "powershell") continue;
    const inline = ctx.get(step.node, "inline")?.value;
    if (inline?.kind !== "array" || inline.items.length === 0) continue;
    const script = inlineScript(inline.items, (scope ??= resolveScope(template.found, settings.parameters)));
    // an item computed or from a parameters file holds text the template does not show where it stands
    const lines = template.places.size === 0 ? script.lines : script.lines.map((l): ScriptLine | undefined => (l && !writtenHere(template, l.node) ? { node: l.node } : l));
    out.push({ node: step.node, kind, script: lines === script.lines ? script : { ...script, lines }, literal: literalLines(script.lineTexts, lines) });
  }
  last = { template, parameters: settings.parameters, steps: out };
  return out;
}

function literalLines(texts: readonly string[], lines: readonly (ScriptLine | undefined)[]): CommandLine[] {
  const out: CommandLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const origin = lines[i];
    if (origin?.offset !== undefined) out.push(new LiteralLine(texts[i]!, origin.node, origin.offset));
  }
  return out;
}

/** A literal line; its commands are read when a rule asks (most rules look for a program's name in the text first). */
class LiteralLine implements CommandLine {
  private parsed: readonly SimpleCommand[] | undefined;

  constructor(
    readonly text: string,
    readonly node: StringNode,
    readonly offset: number,
  ) {}

  get commands(): readonly SimpleCommand[] {
    return (this.parsed ??= commandsIn(this.text));
  }
}

/** The span from..to (indexes into the item's value) in the template, or the whole item when the written form cannot be mapped. */
export function locateInItem(ctx: RuleContext, node: StringNode, from: number, to: number): Located {
  const text = ctx.template.source.text;
  const start = valueOffset(text, node, from);
  const end = valueOffset(text, node, to);
  return start !== undefined && end !== undefined && end >= start ? { start, end, path: node.path } : node;
}
