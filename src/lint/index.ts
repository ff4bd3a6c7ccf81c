/** The pipeline for one file: parse → find templates → schema → rules, all findings as diagnostics. */
import type { FileResult } from "../core/result.js";
import type { Diagnostic, Severity } from "../core/diagnostic.js";
import { compareDiagnostics } from "../core/diagnostic.js";
import { applyLevels } from "./levels.js";
import { applySuppressions, collectSuppressions } from "./suppress.js";
import type { RuleSetting } from "../core/rule-meta.js";
import { isExpression } from "../find/expressions.js";
import type { ParameterValues } from "../find/resolve.js";
import { findTemplates } from "../find/templates.js";
import { isRegistryModule, moduleParameters } from "../eval/modules.js";
import { MAX_MODULE_CALLS, MAX_MODULE_NESTING } from "../find/rules.js";
import type { FileRef } from "../eval/value.js";
import { checkParametersFile } from "../eval/parameters-file.js";
import { valueStats } from "./stats.js";
import { type ValueStats } from "../core/result.js";
import { formatPath, member, memberCI, type ObjectNode, type PathSegment, type ValueNode } from "../parse/ast.js";
import { formatFor, parseText, type InputFormat } from "../parse/index.js";
import type { ModuleCall, ModuleReader, ParsedFile, SharedNode } from "../parse/parsed.js";
export type { ModuleReader, ModuleText } from "../parse/parsed.js";
import type { ProviderVersion } from "../parse/terraform-providers.js";
import type { SourceText } from "../core/source.js";
import type { FindingSink } from "../rules/context.js";
import { RULES } from "../rules/index.js";
import { ruleMeta } from "./catalog.js";
import { isPlaceholder } from "../rules/placeholder.js";
import type { Located, Report } from "../core/diagnostic.js";
import type { RuleSettings } from "../rules/types.js";
import { runRules, type ActiveRule } from "../rules/walk.js";
import type { Checksums } from "../checksums/types.js";
import type { ShellcheckLookup } from "../scripts/types.js";
import { validateSchema, type SchemaFinding } from "../schema/validate.js";
import type { ApiVersion } from "../model/versions.js";
import { branchTemplate, buildTemplate, placeOf, placeReport } from "../template/build.js";
import { quote, withoutBom } from "../util/text.js";
import type { Template } from "../model/template.js";

export interface LintOptions {
  /** Rule levels and options from the configuration. */
  rules?: Readonly<Record<string, RuleSetting>>;
  /** Report suppressions that suppress nothing (default true). */
  reportUnusedDisables?: boolean;
  /** Values from an ARM parameters file. */
  parameters?: ParameterValues;
  /** Version for templates whose apiVersion cannot be resolved. */
  defaultApiVersion?: ApiVersion;
  /** Regions added to the supported list. */
  regions?: readonly string[];
  /** File hashes by URI, computed before lint (src/prepare.ts). */
  checksums?: Checksums;
  /** ShellCheck's findings by script text, computed before lint (src/prepare.ts). */
  shellcheck?: ShellcheckLookup;
  /** Terraform: the azapi provider's version as the file's module pins it. */
  azapi?: ProviderVersion;
  /** Count each template's values checked and unknown (for the JSON and SARIF reports and --stats). */
  valueStats?: boolean;
  /** Reads the local modules a file calls (Bicep `module m 'image.bicep'`); without it they are not followed. */
  readModule?: ModuleReader;
}

export interface LintInput {
  /** Name shown in reports. */
  file: string;
  text: string;
  /** Named by the user (a file without templates is then worth a warning). */
  explicit?: boolean;
  format?: InputFormat;
  /** The text (without its BOM) parsed already, by the checks run before lint. */
  parsed?: ParsedFile;
}

/** Written in a comment, this can suppress findings (config/suppress.ts); most files have none. */
const SUPPRESSION_DIRECTIVE = /aib-lint-(?:disable|enable)/;

export function lintText(raw: LintInput, options: LintOptions = {}): FileResult {
  return lintFile(raw, options, { nesting: 0, calls: { left: MAX_MODULE_CALLS, parsed: new Map() } });
}

/** How deep in module calls a file is linted, and what the file linted first may still spend on calls. */
interface ModuleDepth {
  nesting: number;
  /** Shared by the calls of calls: a bound on the whole tree, with each module parsed once. */
  calls: { left: number; parsed: Map<string, ParsedFile> };
}

function lintFile(raw: LintInput, options: LintOptions, modules: ModuleDepth): FileResult {
  const text = withoutBom(raw.text);
  const input = text === raw.text ? raw : { ...raw, text };
  const parsed = raw.parsed ?? parseText(input.text, input.format ?? formatFor(input.file, input.text));
  const { source } = parsed;
  const found = new Findings(input.file, source);
  const templateNodes: ObjectNode[] = [];
  const templateValues: ValueStats[] = [];
  const rules = activeRules(options);
  let moduleTemplates = 0;
  for (const doc of parsed.documents) {
    if (doc.fatal) {
      // a broken tsconfig.json met while walking a folder is not ours to judge
      if (input.explicit || mentionsImageTemplate(input.text)) found.emit(doc.fatal.ruleId, { start: doc.fatal.start, end: doc.fatal.end, path: [] }, doc.fatal.message);
      continue;
    }
    // a repeated placeholder key ("<name>": …) is the placeholder rule's finding, not a second one
    for (const p of doc.problems) if (!(p.key !== undefined && isPlaceholder(p.key))) found.emit(p.ruleId, { start: p.start, end: p.end, path: p.pathSegments }, p.message, p.severity);
    found.shared = doc.shared;
    const foundTemplates = findTemplates(doc.root);
    const parametersFile = options.parameters?.file;
    // a Terraform module declares its variables across its files, and Terraform itself judges its variables files
    if (parametersFile && parsed.format !== "terraform" && doc.root?.kind === "object" && foundTemplates.some((f) => f.deployment === doc.root)) {
      for (const f of checkParametersFile(doc.root, options.parameters!, input.file)) found.emit("parameters-file", { start: f.start, end: f.end, path: [] }, f.message, undefined, undefined, undefined, parametersFile);
    }
    for (const templateFound of foundTemplates) {
      templateNodes.push(templateFound.node);
      const azapi = doc.azapi?.get(templateFound.node);
      if (azapi) templateFound.azapi = options.azapi ? { ...azapi, provider: options.azapi } : azapi;
      const template = buildTemplate(templateFound, source, options);
      found.template = template;
      if (options.valueStats) templateValues.push(valueStats(template));
      const props = memberCI(template.node, "properties")?.value;
      if (props?.kind === "string" && isExpression(props.value)) {
        const why = template.unknowns.get(props);
        const branches = template.choices.find((c) => c.use.start === props.start && c.use.end === props.end);
        const what = parsed.format === "terraform" ? "properties is computed" : "properties is one ARM expression";
        const checked = branches ? `each of its ${branches.alternatives.length} possible values is checked for what it holds, not for what it lacks` : "its content is not checked";
        found.add("expression", { at: props, message: `${what}${why ? ` (${why})` : ""}; ${checked}` });
      }
      reportSchemaFindings(validateSchema(template), found);
      runRules(template, rules, found, options.parameters);
      if (template.choices.length > 0) checkBranches(template, rules, found, options.parameters);
    }
    if (doc.modules) moduleTemplates += lintModules(doc.modules, doc.root, input.file, source, options, found, modules);
  }
  if (templateNodes.length === 0 && moduleTemplates === 0 && input.explicit && !parsed.documents.some((d) => d.fatal)) {
    found.emit("no-template", { start: 0, end: 0, path: [] }, `no Azure Image Builder template (type "Microsoft.VirtualMachineImages/imageTemplates") in this file`);
  }
  const levels = options.rules ?? {};
  let kept = found.diagnostics.filter((d) => levels[d.ruleId]?.level !== "off");
  const directives = input.text.includes("aib-lint-") && SUPPRESSION_DIRECTIVE.test(input.text);
  if (directives || templateNodes.some((t) => member(t, "metadata"))) {
    const comments = directives ? parsed.comments() : [];
    const suppressions = collectSuppressions(comments, source, templateNodes, parsed.documents.flatMap((d) => d.verbatim ?? []));
    kept = applySuppressions(kept, suppressions, source, input.file, options.reportUnusedDisables ?? true);
  }
  kept = applyLevels(kept, levels);
  kept.sort(compareDiagnostics);
  const templates = templateNodes.map((node, i) => ({ name: templateName(node), path: formatPath(node.path), range: source.rangeOnce(node.start, node.end), ...(templateValues[i] ? { values: templateValues[i] } : {}) }));
  return { file: input.file, diagnostics: kept, templates, source, ...(moduleTemplates > 0 ? { modules: moduleTemplates } : {}) };
}

/**
 * Each local module a file calls, linted with the values the call passes (one instantiation per call); kept
 * are the findings that stand in the caller's files, as the module's own are its file's. Registry modules
 * are not fetched: a note says so. Returns how many image templates the calls linted.
 */
function lintModules(calls: readonly ModuleCall[], root: ValueNode | undefined, file: string, source: SourceText, options: LintOptions, found: Findings, depth: ModuleDepth): number {
  const caller = { deployment: root?.kind === "object" ? root : undefined, parameters: options.parameters };
  const seen = new Set<string>();
  let templates = 0;
  for (const call of calls) {
    const at = { start: call.pathStart, end: call.pathEnd, path: [] };
    const named = quote(call.path);
    if (isRegistryModule(call.path)) {
      found.emit("module", at, `registry module ${named} is not fetched: the image templates it may hold are not checked`);
      continue;
    }
    if (!options.readModule) continue;
    if (depth.nesting >= MAX_MODULE_NESTING) {
      found.emit("module", at, `module ${named} is not followed: modules are followed ${MAX_MODULE_NESTING} calls deep`);
      continue;
    }
    if (depth.calls.left-- <= 0) {
      found.emit("module", at, `module ${named} is not followed: the first ${MAX_MODULE_CALLS} module calls from a file (with the calls of its modules) are`);
      continue;
    }
    const read = options.readModule(file, call.path);
    if ("error" in read) {
      found.emit("module", at, `module ${named} is not followed: ${read.error}`);
      continue;
    }
    if (read.name === file) continue; // Bicep rejects a file that calls itself
    const parameters = moduleParameters(call, caller, { name: file, source });
    const { valueStats: _, ...inherited } = options;
    const text = withoutBom(read.text);
    const known = depth.calls.parsed.get(read.name);
    const parsed = known?.source.text === text ? known : parseText(text, formatFor(read.name, text));
    depth.calls.parsed.set(read.name, parsed);
    const result = lintFile({ file: read.name, text, parsed }, { ...inherited, parameters, reportUnusedDisables: false }, { nesting: depth.nesting + 1, calls: depth.calls });
    templates += result.templates.length + (result.modules ?? 0);
    for (const d of result.diagnostics) {
      if (d.file === read.name) continue; // the module's own literals are reported where the module is linted
      const { start, end } = d.range;
      const key = `${d.ruleId}|${d.file}|${start.line}:${start.column}-${end.line}:${end.column}|${d.message}`;
      if (seen.has(key)) continue; // two calls that pass one value of the caller
      seen.add(key);
      found.diagnostics.push(d);
    }
  }
  return templates;
}

/** A file's findings as diagnostics; the rules' reports are traced to the parameter or variable a value came from. */
class Findings implements FindingSink {
  readonly diagnostics: Diagnostic[] = [];
  /** The template the rules are checking. */
  template: Template | undefined;
  /** The document's anchored nodes that aliases read (YAML). */
  shared: SharedNode[] | undefined;

  constructor(
    private readonly file: string,
    private readonly source: SourceText,
  ) {}

  add(ruleId: string, raw: Report): void {
    const template = this.template!;
    if (template.places.size === 0) {
      this.emit(ruleId, raw.at, raw.message, raw.severity, raw.related, raw.fixes);
      return;
    }
    const { report: r, file } = placeReport(template, raw, this.file);
    // a value written once and used twice is one finding, with each use related
    const key = `${ruleId}|${file?.name ?? ""}|${r.at.start}|${r.at.end}|${raw.message}`;
    const earlier = (this.placed ??= new Map()).get(key);
    if (earlier) {
      if (r.related?.length) earlier.related = [...(earlier.related ?? []), ...r.related.slice(-1)];
      return;
    }
    this.emit(ruleId, r.at, r.message, r.severity, r.related, r.fixes, file);
    this.placed.set(key, this.diagnostics[this.diagnostics.length - 1]!);
  }

  /** Findings placed on evaluated values, by rule and span. */
  private placed: Map<string, Diagnostic> | undefined;

  emit(ruleId: string, at: Located, message: string, severity?: Severity, related?: Diagnostic["related"], fixes?: Diagnostic["fixes"], file?: FileRef): void {
    const sharedBy = !file && fixes?.length && this.shared ? fixes.flatMap((f) => f.edits).map((e) => this.shared!.find((n) => e.start <= n.end && n.start <= e.end)).find((n) => n) : undefined;
    if (sharedBy) {
      // a fix inside an anchored node would change every alias of it too: the finding stays, unfixed, and says why
      const line = this.source.position(sharedBy.alias.start).line;
      message = `${message} (not fixable: the value is anchored as &${sharedBy.anchor}, which *${sharedBy.anchor} at line ${line} also reads)`;
      related = [...(related ?? []), { message: `*${sharedBy.anchor} reads the same value`, range: this.source.range(sharedBy.alias.start, sharedBy.alias.end) }];
      fixes = undefined;
    }
    this.diagnostics.push({
      file: file?.name ?? this.file,
      range: (file?.source ?? this.source).range(at.start, at.end),
      severity: severity ?? ruleMeta(ruleId)?.severity ?? "error",
      ruleId,
      message,
      path: formatPath(at.path),
      ...(related?.length ? { related } : {}),
      ...(fixes?.length ? { fixes } : {}),
    });
  }
}

// The loop over a template's schema findings lives in a small function of its own: arrays of several shapes (no
// findings, some findings) make V8 drop optimised code that reads them, and lintText is costly to optimise again.
function reportSchemaFindings(findings: readonly SchemaFinding[], sink: FindingSink): void {
  for (const finding of findings) sink.add(finding.ruleId, finding);
}

/** Each known branch of an unknown condition is checked; what is found inside the branch's value is kept. */
function checkBranches(template: Template, rules: readonly ActiveRule[], found: Findings, parameters: ParameterValues | undefined): void {
  for (const choice of template.choices) {
    for (const value of choice.alternatives) {
      const written = value.at;
      if (value.t === "unknown" || value.t === "null" || !written) continue; // null: not given, nothing to check
      const branch = branchTemplate(template, choice, value, parameters);
      const reports: { ruleId: string; report: Report }[] = [];
      const sink: FindingSink = { add: (ruleId, report) => reports.push({ ruleId, report }) };
      reportSchemaFindings(validateSchema(branch), sink);
      runRules(branch, rules, sink, parameters);
      found.template = branch;
      for (const { ruleId, report } of reports) {
        const placed = placeOf(branch, report.at);
        const start = placed?.start ?? report.at.start;
        const end = placed?.end ?? report.at.end;
        // what the branch's value holds: written inside it, or reached through it (a parameter's value it passes on)
        const within = placed?.file === written.file && start >= written.start && end <= written.end;
        if (!within && !insidePath(report.at.path, choice.use.path)) continue;
        // the "required" checks of a branch are not what this is for: only what the branch holds
        if (ruleId === "required-property") continue;
        found.add(ruleId, report);
      }
      found.template = template;
    }
  }
}

/** Whether a JSON path lies at or under another. */
function insidePath(path: readonly PathSegment[], under: readonly PathSegment[]): boolean {
  return path.length >= under.length && under.every((segment, i) => path[i] === segment);
}

/** The rules in force with their settings; files linted with the same options share them. */
let lastActive: { options: LintOptions; rules: ActiveRule[] } | undefined;

function activeRules(options: LintOptions): ActiveRule[] {
  const last = lastActive?.options;
  if (
    last &&
    last.rules === options.rules &&
    last.regions === options.regions &&
    last.parameters === options.parameters &&
    last.checksums === options.checksums &&
    last.shellcheck === options.shellcheck
  ) {
    return lastActive!.rules;
  }
  const external = { parameters: options.parameters, checksums: options.checksums, shellcheck: options.shellcheck };
  const rules = RULES.filter((rule) => options.rules?.[rule.meta.id]?.level !== "off").map((rule) => ({
    rule,
    settings: { regions: options.regions ?? [], options: options.rules?.[rule.meta.id]?.options ?? {}, ...external } as RuleSettings,
  }));
  lastActive = { options, rules };
  return rules;
}

function templateName(node: ObjectNode): string {
  const name = member(node, "name")?.value;
  return name?.kind === "string" ? name.value : formatPath(node.path);
}

/** Whether unparseable text is probably an image template: it names the resource type, or has a source and a distribute. */
function mentionsImageTemplate(text: string): boolean {
  return /virtualmachineimages/i.test(text) || (/["\s]source["\s:]/.test(text) && /["\s]distribute["\s:]/.test(text));
}
