/** Turns a found template into what the schema and the rules check: its API version, case rules, properties and OS. */
import type { ParameterValues } from "./find/resolve.js";
import { passedValues, resolveValue } from "./find/resolve.js";
import { inferOs } from "./find/os.js";
import type { FoundTemplate } from "./find/templates.js";
import { member, memberCI } from "./parse/ast.js";
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
  const { version, info } = resolveApiVersion(found, options);
  const template = templateFor(found, source, version, info);
  return info.origin === "assumed" ? bestFit(template) : template;
}

function templateFor(found: FoundTemplate, source: SourceText, version: ApiVersion, apiVersion: ApiVersionInfo): Template {
  const strict = isStrict(version);
  const props = (strict ? member(found.node, "properties") : memberCI(found.node, "properties"))?.value;
  const properties = props?.kind === "object" ? props : undefined;
  return { found, node: found.node, version, apiVersion, strict, properties, os: inferOs(properties), source };
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
    const candidate = templateFor(template.found, template.source, version, template.apiVersion);
    let score = 0;
    for (const f of validateSchema(candidate)) {
      const severity = f.severity ?? SCHEMA_DEFAULTS.get(f.ruleId);
      score += severity === "error" ? 1000 : severity === "warning" ? 1 : 0;
    }
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function resolveApiVersion(found: FoundTemplate, options: TemplateOptions): { version: ApiVersion; info: ApiVersionInfo } {
  const apiMember = memberCI(found.node, "apiVersion");
  const written = apiMember?.value ?? found.externalApiVersion;
  const fallback = options.defaultApiVersion ?? LATEST_API_VERSION;
  const base = apiMember ? { member: apiMember } : {};
  const unresolved = { version: fallback, info: { ...base, origin: options.defaultApiVersion ? ("config" as const) : ("assumed" as const) } };
  if (!written) return unresolved;
  // --parameters feed the top-level template; an inner-scope nested template gets what its deployment passes
  const parameters = found.passedParameters ? passedValues(found.passedParameters) : found.deployment === undefined ? undefined : options.parameters;
  const resolved = resolveValue(written, found.deployment, parameters);
  if (resolved?.kind !== "string") return unresolved;
  const value = resolved.value.trim();
  const origin = resolved === written ? (apiMember ? "literal" : "external") : "resolved";
  const version = isApiVersion(value) ? value : ((closest(value, API_VERSIONS) as ApiVersion | undefined) ?? fallback);
  return { version, info: { ...base, value, origin } };
}
