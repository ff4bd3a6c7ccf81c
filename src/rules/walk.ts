/** The rules' one pass over a template: each rule's listeners, called over the template's view and its value tree. */
import type { Report } from "../core/diagnostic.js";
import type { ParameterValues } from "../find/resolve.js";
import type { ObjectNode, ValueNode } from "../parse/ast.js";
import { FREE_FORM_KEYS } from "../schema/model.js";
import type { Template } from "../model/template.js";
import type { FindingSink } from "./context.js";
import { KeyMap } from "./match.js";
import type { Listeners, Rule, RuleContext, RuleSettings, Where } from "./types.js";
import { TemplateView } from "./view.js";

export interface ActiveRule {
  rule: Rule;
  settings: RuleSettings;
}

/** Runs the rules on one template: the template listeners, then each step's, each distributor's, then one walk of its values. */
export function runRules(template: Template, rules: readonly ActiveRule[], sink: FindingSink, parameters: ParameterValues | undefined): void {
  let pass = passes.get(rules);
  if (!pass) passes.set(rules, (pass = new Pass(rules)));
  pass.run(new TemplateView(template, parameters), sink);
}

// Listeners are made once per rule settings, not per template: made per template, the fleet took about 5 % more CPU.
const passes = new WeakMap<readonly ActiveRule[], Pass>();

/** The listeners of a set of rules by what they look at, and the sink of the template they are checking. */
class Pass {
  private readonly onTemplate: NonNullable<Listeners["template"]>[] = [];
  private readonly onStep: NonNullable<Listeners["step"]>[] = [];
  private readonly onDistributor: NonNullable<Listeners["distributor"]>[] = [];
  private readonly onMember: NonNullable<Listeners["member"]>[] = [];
  private readonly onString: NonNullable<Listeners["string"]>[] = [];
  sink: FindingSink | undefined;

  constructor(rules: readonly ActiveRule[]) {
    for (const { rule, settings } of rules) {
      const l = rule.create(new BoundContext(rule.meta.id, settings, this));
      if (l.template) this.onTemplate.push(l.template);
      if (l.step) this.onStep.push(l.step);
      if (l.distributor) this.onDistributor.push(l.distributor);
      if (l.member) this.onMember.push(l.member);
      if (l.string) this.onString.push(l.string);
    }
  }

  run(view: TemplateView, sink: FindingSink): void {
    const outer = this.sink;
    this.sink = sink;
    const { onTemplate, onStep, onDistributor, onMember, onString } = this;
    for (let i = 0; i < onTemplate.length; i++) onTemplate[i]!(view);
    const { steps, distributors } = view;
    for (let s = 0; s < steps.length; s++) for (let i = 0; i < onStep.length; i++) onStep[i]!(steps[s]!, view);
    for (let d = 0; d < distributors.length; d++) for (let i = 0; i < onDistributor.length; i++) onDistributor[i]!(distributors[d]!, view);
    if (onMember.length > 0 || onString.length > 0) new Walk(view, onMember, onString).visit(view.template.node);
    this.sink = outer;
  }
}

class BoundContext implements RuleContext {
  constructor(
    readonly id: string,
    readonly settings: RuleSettings,
    private readonly pass: Pass,
  ) {}

  report(report: Report): void {
    this.pass.sink!.add(this.id, report);
  }
}

const COMMANDS_OR_TAGS = 1;
const FREE_FORM = 2;
const COMMAND_OR_TAG_KEYS = ["inline", "restartcommand", "restartcheckcommand", "searchcriteria", "filters", "tags", "artifacttags", "managedresourcetags"];
/** What a key makes of the values under it: commands (`<` and `>` are redirections there) or free text; the author's own content. */
const KEY_KINDS = new KeyMap<number>(
  [...new Set([...COMMAND_OR_TAG_KEYS, ...FREE_FORM_KEYS])].map((k) => [k, (COMMAND_OR_TAG_KEYS.includes(k) ? COMMANDS_OR_TAGS : 0) | (FREE_FORM_KEYS.has(k) ? FREE_FORM : 0)]),
);

/** A depth-first walk of a template's values; it is the Where of the node it is at. */
class Walk implements Where {
  key = "";
  inProperties = false;
  inCommandsOrTags = false;
  inFreeForm = false;
  private readonly properties: ObjectNode | undefined;

  constructor(
    readonly view: TemplateView,
    private readonly members: readonly NonNullable<Listeners["member"]>[],
    private readonly strings: readonly NonNullable<Listeners["string"]>[],
  ) {
    this.properties = view.properties;
  }

  visit(node: ValueNode): void {
    if (node.kind === "string") {
      for (let i = 0; i < this.strings.length; i++) this.strings[i]!(node, this);
    } else if (node.kind === "array") {
      for (const item of node.items) this.visit(item);
    } else if (node.kind === "object") {
      const { key, inProperties, inCommandsOrTags, inFreeForm } = this;
      for (const m of node.members) {
        for (let i = 0; i < this.members.length; i++) this.members[i]!(m, this);
        const { value } = m;
        if (value.kind !== "string" && value.kind !== "object" && value.kind !== "array") continue;
        const kind = KEY_KINDS.get(m.key);
        this.key = m.key;
        if (value === this.properties) this.inProperties = true;
        if (kind !== undefined) {
          this.inCommandsOrTags = inCommandsOrTags || (kind & COMMANDS_OR_TAGS) !== 0;
          this.inFreeForm = inFreeForm || (kind & FREE_FORM) !== 0;
        }
        this.visit(value);
        this.key = key;
        this.inProperties = inProperties;
        if (kind !== undefined) {
          this.inCommandsOrTags = inCommandsOrTags;
          this.inFreeForm = inFreeForm;
        }
      }
    }
  }
}
