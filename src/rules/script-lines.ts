/** The lines of inline Shell and PowerShell steps as the build VM runs them, for the rules that read commands. */
import { resolveScope, type ParameterValues } from "../find/resolve.js";
import type { ObjectNode, StringNode } from "../parse/ast.js";
import { inlineScript, type InlineScript, type ScriptLine } from "../scripts/inline.js";
import { valueOffset } from "../scripts/locate.js";
import { blockOffset } from "../scripts/locate-blocks.js";
import type { Command } from "../scripts/commands.js";
import { powershellCommands } from "../scripts/powershell-commands.js";
import { shellCommands } from "../scripts/shell-commands.js";
import { steps } from "./context.js";
import { writtenHere } from "../template/build.js";
import type { Located, RuleContext, Template } from "./types.js";

export interface InlineStep {
  node: ObjectNode;
  /** `shell` or `powershell`. */
  kind: "shell" | "powershell";
  script: InlineScript;
  /** The commands the step runs, in the order they are written, read on first use (most rules look for a program's name in the text first). */
  readonly commands: readonly Command[];
  /** Where a command is written in the template: its program and the arguments on the same line; undefined when that line is not written literally there. */
  place(command: Command): { node: StringNode; from: number; to: number } | undefined;
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
    out.push(new ReadStep(step.node, kind, lines === script.lines ? script : { ...script, lines }));
  }
  last = { template, parameters: settings.parameters, steps: out };
  return out;
}

class ReadStep implements InlineStep {
  private read: readonly Command[] | undefined;
  private lineStarts: number[] | undefined;

  constructor(
    readonly node: ObjectNode,
    readonly kind: "shell" | "powershell",
    readonly script: InlineScript,
  ) {}

  get commands(): readonly Command[] {
    return (this.read ??= this.kind === "shell" ? shellCommands(this.script.text) : powershellCommands(this.script.text));
  }

  place(command: Command): { node: StringNode; from: number; to: number } | undefined {
    const starts = (this.lineStarts ??= lineStarts(this.script.lineTexts));
    const start = command.name.start;
    // the last line starting at or before the program (binary search)
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= start) low = mid;
      else high = mid - 1;
    }
    const origin = this.script.lines[low];
    if (origin?.offset === undefined) return undefined;
    const lineEnd = starts[low]! + this.script.lineTexts[low]!.length;
    let end = command.name.end;
    for (const arg of command.args) if (arg.end <= lineEnd && arg.end > end) end = arg.end;
    return { node: origin.node, from: origin.offset + start - starts[low]!, to: origin.offset + Math.min(end, lineEnd) - starts[low]! };
  }
}

function lineStarts(texts: readonly string[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const text of texts) {
    out.push(at);
    at += text.length + 1;
  }
  return out;
}

/** Where a command of a step is written in the template (see InlineStep.place), for a report. */
export function locateCommand(ctx: RuleContext, step: InlineStep, command: Command): Located | undefined {
  const place = step.place(command);
  return place && locateInItem(ctx, place.node, place.from, place.to);
}

/** The span from..to (indexes into the item's value) in the template, or the whole item when the written form cannot be mapped. */
export function locateInItem(ctx: RuleContext, node: StringNode, from: number, to: number): Located {
  const text = ctx.template.source.text;
  const start = valueOffset(text, node, from) ?? blockOffset(text, node, from);
  const end = valueOffset(text, node, to) ?? blockOffset(text, node, to);
  return start !== undefined && end !== undefined && end >= start ? { start, end, path: node.path } : node;
}
