/** Turns a found template into what the schema and the rules check: its API version, case rules, properties and OS. */
import type { ParameterValues } from "./find/resolve.js";
import { resolveValue } from "./find/resolve.js";
import type { FoundTemplate } from "./find/templates.js";
import { member, memberCI } from "./parse/ast.js";
import type { SourceText } from "./parse/source.js";
import { ruleMeta } from "./rules/index.js";
import { inferOs } from "./rules/os.js";
import type { ApiVersionInfo, Template } from "./rules/types.js";
import { validateSchema } from "./schema/validate.js";
import { ACCEPTED_VERSIONS, API_VERSIONS, isApiVersion, isStrict, LATEST_API_VERSION, type ApiVersion } from "./schema/versions.js";
import { closest } from "./util/text.js";

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
      const severity = f.severity ?? ruleMeta(f.ruleId)?.severity;
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
  const apiMember = member(found.node, "apiVersion") ?? memberCI(found.node, "apiVersion");
  const written = apiMember?.value ?? found.externalApiVersion;
  const fallback = options.defaultApiVersion ?? LATEST_API_VERSION;
  const base = apiMember ? { member: apiMember } : {};
  if (!written) return { version: fallback, info: { ...base, origin: options.defaultApiVersion ? "config" : "assumed" } };
  const resolved = resolveValue(written, found.deployment, options.parameters);
  if (resolved?.kind !== "string") return { version: fallback, info: { ...base, origin: options.defaultApiVersion ? "config" : "assumed" } };
  const value = resolved.value.trim();
  const origin = resolved === written ? (apiMember ? "literal" : "external") : "resolved";
  const version = isApiVersion(value) ? value : ((closest(value, API_VERSIONS) as ApiVersion | undefined) ?? fallback);
  return { version, info: { ...base, value, origin } };
}
