/** Turns a found template into what the schema and the rules check: its API version, case rules, properties and OS. */
import type { ParameterValues, ResolveScope } from "../find/resolve.js";
import { resolveScope } from "../find/resolve.js";
import { evaluatorFor } from "../eval/evaluate.js";
import { isExpression } from "../find/expressions.js";
import { evaluatedView, type EvaluatedView } from "../eval/view.js";
import { inferOs } from "../find/os.js";
import type { FoundTemplate } from "../find/templates.js";
import type { Related, Report } from "../core/diagnostic.js";
import type { FileRef } from "../eval/value.js";
import type { Choice, Place } from "../eval/view.js";
import type { Val } from "../eval/value.js";
import { formatPath, member, memberCI, type ObjectNode, type ValueNode } from "../parse/ast.js";
import type { SourceText } from "../core/source.js";
import { SCHEMA_RULES } from "../schema/rules.js";
import { validateSchema } from "../schema/validate.js";
import { ACCEPTED_VERSIONS, API_VERSIONS, isApiVersion, isStrict, LATEST_API_VERSION, type ApiVersion } from "../model/versions.js";
import { closest } from "../util/text.js";
import type { ApiVersionInfo, Template } from "../model/template.js";

export type { ApiVersionInfo, Template } from "../model/template.js";

const SCHEMA_DEFAULTS = new Map(SCHEMA_RULES.map((r) => [r.id, r.severity]));

export interface TemplateOptions {
  parameters?: ParameterValues;
  defaultApiVersion?: ApiVersion;
}

export function buildTemplate(found: FoundTemplate, source: SourceText, options: TemplateOptions): Template {
  const scope = resolveScope(found, options.parameters);
  const { version, info } = resolveApiVersion(found, scope, options);
  const template = templateFor(found, source, version, info, evaluatedView(found.node, scope));
  return info.origin === "assumed" ? bestFit(template) : template;
}


/**
 * The template with one unknown condition's branch taken: what is wrong in that branch is wrong
 * whichever way the condition goes at deployment. Other unknown conditions stay unknown.
 */
export function branchTemplate(template: Template, choice: Choice, value: Val, parameters: ParameterValues | undefined): Template {
  const view = evaluatedView(template.found.node, resolveScope(template.found, parameters), { use: choice.use, value });
  return templateFor(template.found, template.source, template.version, template.apiVersion, view);
}

function templateFor(found: FoundTemplate, source: SourceText, version: ApiVersion, apiVersion: ApiVersionInfo, view: EvaluatedView): Template {
  const strict = isStrict(version);
  const node: ObjectNode = view.node;
  const props = (strict ? member(node, "properties") : memberCI(node, "properties"))?.value;
  const properties = props?.kind === "object" ? props : undefined;
  return { found, node, version, apiVersion, strict, properties, os: inferOs(properties), source, places: view.places, partial: view.partial, unknowns: view.unknowns, choices: view.choices };
}

/**
 * With no way to know the apiVersion, check against the accepted version the template fits best
 * (fewest schema errors, then warnings; the newest on a tie), so that nothing is blamed on a version
 * nobody chose.
 */
function bestFit(template: Template): Template {
  let best = template;
  let bestScore = Infinity;
  for (const version of [...ACCEPTED_VERSIONS].reverse()) {
    const candidate = templateFor(template.found, template.source, version, template.apiVersion, template);
    let score = 0;
    for (const f of validateSchema(candidate)) {
      const severity = f.severity ?? SCHEMA_DEFAULTS.get(f.ruleId);
      score += severity === "error" ? 1000 : severity === "warning" ? 1 : 0;
    }
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
    if (score === 0) break; // nothing older can do better, and the newest wins a tie
  }
  return best;
}

function resolveApiVersion(found: FoundTemplate, scope: ResolveScope, options: TemplateOptions): { version: ApiVersion; info: ApiVersionInfo } {
  const apiMember = memberCI(found.node, "apiVersion");
  const written = apiMember?.value ?? found.externalApiVersion;
  const fallback = options.defaultApiVersion ?? LATEST_API_VERSION;
  const info = (origin: ApiVersionInfo["origin"], value?: string): ApiVersionInfo => {
    const out: ApiVersionInfo = { origin };
    if (apiMember) out.member = apiMember;
    if (value !== undefined) out.value = value;
    return out;
  };
  const unresolved = { version: fallback, info: info(options.defaultApiVersion ? "config" : "assumed") };
  if (!written) return unresolved;
  if (written.kind !== "string") return unresolved;
  // a literal (most templates) needs no evaluator
  const resolved = isExpression(written.value) ? evaluatorFor(scope).value(written) : undefined;
  if (resolved && resolved.t !== "string") return unresolved;
  const value = (resolved ? resolved.v : written.value).trim();
  const origin = resolved ? "resolved" : apiMember ? "literal" : "external";
  const version = isApiVersion(value) ? value : ((closest(value, API_VERSIONS) as ApiVersion | undefined) ?? fallback);
  return { version, info: info(origin, value) };
}


/** Where an evaluated value of the view is written, for a finding that stands on it (its value or its key). */
export function placeOf(template: Template, at: Report["at"]): { place: Place; start: number; end: number; file?: FileRef } | undefined {
  if (template.places.size === 0) return undefined;
  const place = template.places.get(formatPath(at.path));
  if (!place) return undefined;
  if (place.key && at.start === place.key.start && at.end === place.key.end) return { place, start: at.start, end: at.end, ...(place.key.file ? { file: place.key.file } : {}) };
  if (at.start !== place.start || at.end !== place.end) return undefined; // written in the resource itself (the member's key)
  return { place, start: at.start, end: at.end, ...(place.file ? { file: place.file } : {}) };
}

/** A value of the view that is the template's own text where it stands (not computed, not from a parameters file). */
export function writtenHere(template: Template, node: ValueNode): boolean {
  if (template.places.size === 0) return true;
  const place = template.places.get(formatPath(node.path));
  return !place || (!place.file && !place.computed);
}

/**
 * A finding on an evaluated value stands where the value is written (the fix belongs there), its
 * message names how the value was reached, and the use in the resource is a related location.
 */
export function placeReport(template: Template, report: Report, file: string): { report: Report; file?: FileRef } {
  const found = placeOf(template, report.at);
  if (!found) return { report };
  const { place } = found;
  const useStart = template.source.position(place.use.start);
  const here = found.file ? `${file}:${useStart.line}` : `line ${useStart.line}`;
  const how = place.via ? `value of ${place.via}${found.file ? ` from ${found.file.name}` : ""}, used at ${here}` : `used at ${here}`;
  const related: Related = {
    message: "the value is used here",
    range: template.source.range(place.use.start, place.use.end),
    ...(found.file ? { file } : {}),
  };
  const sameSpot = !found.file && place.use.start === found.start && place.use.end === found.end;
  // a fix is offered only on text written where the finding stands
  const { fixes, ...rest } = report;
  const keepFixes = !found.file && !place.computed && fixes?.length;
  return {
    report: {
      ...rest,
      message: sameSpot ? report.message : `${report.message} (${how})`,
      ...(sameSpot ? {} : { related: [...(report.related ?? []), related] }),
      ...(keepFixes ? { fixes } : {}),
    },
    ...(found.file ? { file: found.file } : {}),
  };
}
