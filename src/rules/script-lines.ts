/** The lines of inline Shell and PowerShell steps as the build VM runs them, for the rules that read commands. */
import type { Located } from "../core/diagnostic.js";
import type { ObjectNode, StringNode, ValueNode } from "../parse/ast.js";
import { inlineScript, type InlineScript, type ScriptLine, type ValueScope } from "../scripts/inline.js";
import { valueOffset } from "../scripts/locate.js";
import { blockOffset } from "../scripts/locate-blocks.js";
import type { Command } from "../scripts/commands.js";
import { powershellCommands } from "../scripts/powershell-commands.js";
import { shellCommands } from "../scripts/shell-commands.js";
import { writtenHere } from "../template/build.js";
import type { Template } from "../model/template.js";

export interface InlineStep {
  node: ObjectNode;
  /** `shell` or `powershell`. */
  kind: "shell" | "powershell";
  script: InlineScript;
  /** The commands the step runs, in the order they are written, read on first use (most rules look for a program's name in the text first). */
  readonly commands: readonly Command[];
  /** Where a command is written in the template: its program and the arguments on the same line; undefined when that line is not written literally there. */
  locate(command: Command): Located | undefined;
  /** The span from..to (indexes into an item's value) in the template, or the whole item when the written form cannot be mapped. */
  locateInItem(node: StringNode, from: number, to: number): Located;
}

/** A Shell or PowerShell step's non-empty `inline` list as the script the build VM runs. */
export function readInlineStep(template: Template, scope: ValueScope, node: ObjectNode, kind: InlineStep["kind"], items: readonly ValueNode[]): InlineStep {
  const script = inlineScript(items, scope);
  // an item computed or from a parameters file holds text the template does not show where it stands
  const lines = template.places.size === 0 ? script.lines : script.lines.map((l): ScriptLine | undefined => (l && !writtenHere(template, l.node) ? { node: l.node } : l));
  return new ReadStep(template.source.text, node, kind, lines === script.lines ? script : { ...script, lines });
}

class ReadStep implements InlineStep {
  private read: readonly Command[] | undefined;
  private lineStarts: number[] | undefined;

  constructor(
    private readonly text: string,
    readonly node: ObjectNode,
    readonly kind: "shell" | "powershell",
    readonly script: InlineScript,
  ) {}

  get commands(): readonly Command[] {
    return (this.read ??= this.kind === "shell" ? shellCommands(this.script.text) : powershellCommands(this.script.text));
  }

  locate(command: Command): Located | undefined {
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
    return this.locateInItem(origin.node, origin.offset + start - starts[low]!, origin.offset + Math.min(end, lineEnd) - starts[low]!);
  }

  locateInItem(node: StringNode, from: number, to: number): Located {
    const start = valueOffset(this.text, node, from) ?? blockOffset(this.text, node, from);
    const end = valueOffset(this.text, node, to) ?? blockOffset(this.text, node, to);
    return start !== undefined && end !== undefined && end >= start ? { start, end, path: node.path } : node;
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
