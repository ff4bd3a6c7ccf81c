/** Turns a found template into what the schema and the rules check: its API version, case rules, properties and OS. */
import type { Related, Report } from "./diagnostic.js";
import type { ParameterValues, ResolveScope, ResolvedView, ValueOrigin } from "./find/resolve.js";
import { resolvedView, resolveScope, trace } from "./find/resolve.js";
import { inferOs } from "./find/os.js";
import type { FoundTemplate } from "./find/templates.js";
import { member, memberCI, toValue, type ObjectNode } from "./parse/ast.js";
import type { SourceText } from "./parse/source.js";
import { SCHEMA_RULES } from "./schema/rules.js";
import { validateSchema } from "./schema/validate.js";
import { ACCEPTED_VERSIONS, API_VERSIONS, isApiVersion, isStrict, LATEST_API_VERSION, type ApiVersion } from "./schema/versions.js";
import { closest } from "./util/text.js";
import type { ApiVersionInfo, Template } from "./template-model.js";

export type { ApiVersionInfo, Template } from "./template-model.js";

const SCHEMA_DEFAULTS = new Map(SCHEMA_RULES.map((r) => [r.id, r.severity]));

export interface TemplateOptions {
  parameters?: ParameterValues;
  defaultApiVersion?: ApiVersion;
}

export function buildTemplate(found: FoundTemplate, source: SourceText, options: TemplateOptions): Template {
  const scope = resolveScope(found, options.parameters);
  const { version, info } = resolveApiVersion(found, scope, options);
  const template = templateFor(found, source, version, info, resolvedView(found.node, scope));
  return info.origin === "assumed" ? bestFit(template) : template;
}


function templateFor(found: FoundTemplate, source: SourceText, version: ApiVersion, apiVersion: ApiVersionInfo, view: ResolvedView): Template {
  const strict = isStrict(version);
  const node: ObjectNode = view.node;
  const props = (strict ? member(node, "properties") : memberCI(node, "properties"))?.value;
  const properties = props?.kind === "object" ? props : undefined;
  return { found, node, version, apiVersion, strict, properties, os: inferOs(properties), source, origins: view.origins };
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
  const resolved = trace(written, scope, 0)?.value;
  if (resolved?.kind !== "string") return unresolved;
  const value = resolved.value.trim();
  const origin = resolved === written ? (apiMember ? "literal" : "external") : "resolved";
  const version = isApiVersion(value) ? value : ((closest(value, API_VERSIONS) as ApiVersion | undefined) ?? fallback);
  return { version, info: info(origin, value) };
}

/** Where a resolved value came from, for a finding that stands on it (`at` is the use of the reference). */
export function originAt(template: Template, at: Report["at"]): ValueOrigin | undefined {
  const use = template.origins.get(at.start);
  return use && use.end === at.end ? use.origin : undefined;
}

/** `value from parameter 'location', default at line 11`, `value of parameter 'location' from azuredeploy.parameters.json:6`. */
export function describeOrigin(origin: ValueOrigin, source: SourceText): string {
  if (origin.file) return `value of ${origin.what} from ${origin.file.name}:${origin.file.source.position(origin.node.start).line}`;
  return `value from ${origin.what} at line ${source.position(origin.node.start).line}`;
}

/** A finding on a resolved value: its message names where the value came from, with that place as a related location. */
export function traceReport(template: Template, report: Report): Report {
  const origin = originAt(template, report.at);
  if (!origin) return report;
  const related: Related = {
    message: `the value ${JSON.stringify(toValue(origin.node))} comes from here`,
    range: (origin.file?.source ?? template.source).range(origin.node.start, origin.node.end),
    ...(origin.file ? { file: origin.file.name } : {}),
  };
  // a fix would overwrite the reference with a literal
  const { fixes: _dropped, ...rest } = report;
  return { ...rest, message: `${report.message} (${describeOrigin(origin, template.source)})`, related: [...(report.related ?? []), related] };
}
