/** What the rules read of one template, derived once before they run: its steps, distributors, source, identity. */
import type { Located } from "../core/diagnostic.js";
import type { Place } from "../eval/view.js";
import { isExpression } from "../find/expressions.js";
import { resolveScope, type ParameterValues } from "../find/resolve.js";
import { member, memberCI, type Member, type ObjectNode, type ValueNode } from "../parse/ast.js";
import { placeOf } from "../template/build.js";
import type { Template } from "../model/template.js";
import { readInlineStep, type InlineStep } from "./script-lines.js";

/** A customizer or an in-VM validator: a step that runs on the build VM. */
export interface Step {
  node: ObjectNode;
  list: "customize" | "inVMValidations";
  /** Its `type` as written, when it is a literal string. */
  type: string | undefined;
  /** A Shell or PowerShell step's `inline` commands as the build VM runs them (read on first use). */
  readonly inline: InlineStep | undefined;
}

/** A region a distributor stores the image in, with the entry that names it (a targetRegions item, or the value itself). */
export interface DistributionRegion {
  node: ValueNode;
  entry: ValueNode;
}

/** An item of `distribute`. */
export interface Distributor {
  node: ObjectNode;
  /** Its `type` as written, when it is a literal string. */
  type: string | undefined;
  runOutputName: Member | undefined;
  /** A SharedImage's region lists. */
  replicationRegions: Member | undefined;
  targetRegions: Member | undefined;
  /** A ManagedImage's location; a SharedImage's replicationRegions items and targetRegions names. */
  regions: readonly DistributionRegion[];
}

const NONE: readonly never[] = [];

/** One template as the rules read it: the parts several rules look at, and lookups that honour its case rules. */
export class TemplateView {
  readonly properties: ObjectNode | undefined;
  readonly steps: readonly Step[];
  readonly distributors: readonly Distributor[];
  /** `properties.source`, when an object. */
  readonly source: ObjectNode | undefined;
  /** The source's `type` as written, when it is a literal string. */
  readonly sourceType: string | undefined;
  readonly identity: Member | undefined;
  /** The template's own location (where the build runs). */
  readonly location: Member | undefined;
  private scope: ReturnType<typeof resolveScope> | undefined;

  constructor(
    readonly template: Template,
    /** Values from --parameters, which inline commands are resolved with. */
    private readonly parameters: ParameterValues | undefined,
  ) {
    const { node, properties } = template;
    this.properties = properties;
    const source = this.get(properties, "source")?.value;
    this.source = source?.kind === "object" ? source : undefined;
    this.sourceType = this.literal(this.get(this.source, "type")?.value);
    this.identity = this.get(node, "identity");
    this.location = this.get(node, "location");
    const steps: Step[] = [];
    for (const item of this.items(properties, "customize")) steps.push(new ViewStep(this, item, "customize"));
    for (const item of this.items(this.get(properties, "validate")?.value, "inVMValidations")) steps.push(new ViewStep(this, item, "inVMValidations"));
    this.steps = steps;
    this.distributors = this.items(properties, "distribute").map((item) => this.distributor(item));
  }

  /** Member lookup honouring the version's case rules (case-insensitive before 2024-02-01); JSON null counts as absent. */
  get(node: ValueNode | undefined, key: string): Member | undefined {
    if (node?.kind !== "object") return undefined;
    const found = this.template.strict ? member(node, key) : memberCI(node, key);
    return found?.value.kind === "null" ? undefined : found;
  }

  /** Like get, but "" and [] (the service's defaults) count as not set either. */
  given(node: ValueNode | undefined, key: string): Member | undefined {
    const found = this.get(node, key);
    if (!found) return undefined;
    const { value } = found;
    return (value.kind === "string" && value.value === "") || (value.kind === "array" && value.items.length === 0) ? undefined : found;
  }

  /** The string value, unless it is missing, not a string or an ARM expression. */
  literal(node: ValueNode | undefined): string | undefined {
    return node?.kind === "string" && !isExpression(node.value) ? node.value : undefined;
  }

  /** The range of a member's key, for findings about the property itself. */
  keyOf(m: Member): Located {
    return { start: m.keyStart, end: m.keyEnd, path: m.value.path };
  }

  /**
   * Where an evaluated value is written when not where the resource has it (a variable, a default, a
   * parameters file); findings on it are placed there by the template stage.
   */
  place(node: ValueNode | undefined): Place | undefined {
    return node ? placeOf(this.template, node)?.place : undefined;
  }

  /** 1-based line of an offset, for messages that point elsewhere. */
  lineOf(offset: number): number {
    return this.template.source.position(offset).line;
  }

  /** How inline commands resolve expressions, made when a step's commands are first read. */
  inlineScope(): ReturnType<typeof resolveScope> {
    return (this.scope ??= resolveScope(this.template.found, this.parameters));
  }

  /** The object items of `<from>.<key>` when it is an array. */
  private items(from: ValueNode | undefined, key: string): ObjectNode[] {
    const list = this.get(from, key)?.value;
    return list?.kind === "array" ? list.items.filter((i): i is ObjectNode => i.kind === "object") : [];
  }

  private distributor(node: ObjectNode): Distributor {
    const type = this.literal(this.get(node, "type")?.value);
    const runOutputName = this.get(node, "runOutputName");
    if (type === "ManagedImage") {
      const location = this.get(node, "location")?.value;
      return { node, type, runOutputName, replicationRegions: undefined, targetRegions: undefined, regions: location ? [{ node: location, entry: location }] : NONE };
    }
    if (type !== "SharedImage") return { node, type, runOutputName, replicationRegions: undefined, targetRegions: undefined, regions: NONE };
    const replicationRegions = this.get(node, "replicationRegions");
    const targetRegions = this.get(node, "targetRegions");
    const regions: DistributionRegion[] = [];
    if (replicationRegions?.value.kind === "array") for (const item of replicationRegions.value.items) regions.push({ node: item, entry: item });
    if (targetRegions?.value.kind === "array") {
      for (const item of targetRegions.value.items) {
        const name = this.get(item, "name")?.value;
        if (name) regions.push({ node: name, entry: item });
      }
    }
    return { node, type, runOutputName, replicationRegions, targetRegions, regions };
  }
}

class ViewStep implements Step {
  readonly type: string | undefined;
  private read: InlineStep | null | undefined;

  constructor(
    private readonly view: TemplateView,
    readonly node: ObjectNode,
    readonly list: Step["list"],
  ) {
    this.type = view.literal(view.get(node, "type")?.value);
  }

  get inline(): InlineStep | undefined {
    if (this.read === undefined) {
      const kind = this.type?.toLowerCase();
      const inline = this.view.get(this.node, "inline")?.value;
      this.read = (kind === "shell" || kind === "powershell") && inline?.kind === "array" && inline.items.length > 0 ? readInlineStep(this.view.template, this.view.inlineScope(), this.node, kind, inline.items) : null;
    }
    return this.read ?? undefined;
  }
}
