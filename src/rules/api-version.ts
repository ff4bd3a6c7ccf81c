import { isExpression } from "../find/expressions.js";
import { API_VERSIONS, isApiVersion, versionIndex, type ApiVersion } from "../model/versions.js";
import { closest, quote } from "../util/text.js";
import type { Located, Rule, RuleContext } from "./types.js";

export const rule: Rule = {
  meta: {
    id: "api-version",
    severity: "error",
    description: "apiVersion is a known version the service still accepts; 2019-05-01-preview is deprecated.",
    versions: "all",
    stage: "rule",
    docs: `The template's \`apiVersion\` selects the schema the service validates it with, and aib-lint does the same.
Known versions: ${API_VERSIONS.join(", ")}.
Versions before 2019-05-01-preview (the 2018 and February 2019 private previews) are no longer
accepted since 26 May 2020: an error. 2019-05-01-preview, the version of the original documentation,
is deprecated though still served: a warning. An unknown version is an error, and the template is
then checked against the newest version. An apiVersion given by an expression is resolved from the
parameter's default value, a variable, or \`--parameters\`; when it cannot be, the configuration's
\`apiVersion\` is used, and otherwise the newest version with a note.`,
    examples: { bad: `"apiVersion": "2019-02-01-preview"`, good: `"apiVersion": "2022-07-01"` },
  },
  create(ctx) {
    return {
      template(view) {
        const { apiVersion, found } = view.template;
        const at = apiVersion.member?.value ?? found.externalApiVersion;
        const value = apiVersion.value;
        if (apiVersion.origin === "assumed") {
          if (found.shape === "request-body") return; // the client chooses the version
          const written = apiVersion.member?.value;
          if (written && !(written.kind === "string" && isExpression(written.value))) return; // not a string: the schema stage says so
          if (apiVersion.member) {
            ctx.report({
              at: apiVersion.member.value,
              severity: "info",
              message: `apiVersion cannot be resolved; checked against ${view.template.version}, the accepted version the template fits best (pass --parameters or --api-version to choose)`,
            });
          } else {
            ctx.report({
              at: view.get(view.template.node, "type")?.value ?? view.template.node,
              message: `the resource has no apiVersion; checked against ${view.template.version}, the accepted version it fits best`,
            });
          }
          return;
        }
        if (apiVersion.origin === "config") {
          // the version given by --api-version or the configuration still has to be one the service accepts
          const where = apiVersion.member?.value ?? found.externalApiVersion ?? view.get(view.template.node, "type")?.value ?? view.template.node;
          reportStatus(ctx, where, view.template.version, " (from --api-version or the configuration)");
          return;
        }
        if (!at || value === undefined) return;
        const via = apiVersion.origin === "resolved" ? ` (resolved to ${quote(value)})` : "";
        if (value === "") {
          ctx.report({ at, message: `apiVersion is empty; known: ${API_VERSIONS.join(", ")}` });
        } else if (!isApiVersion(value)) {
          const suggestion = API_VERSIONS.find((v) => v.startsWith(value)) ?? closest(value, API_VERSIONS);
          ctx.report({
            at,
            message: `apiVersion ${quote(value)}${via} is not an API version of imageTemplates` + (suggestion ? `; did you mean "${suggestion}"?` : `; known: ${API_VERSIONS.join(", ")}`),
          });
        } else reportStatus(ctx, at, value, via);
      },
    };
  },
};

/** Retired versions are errors, the deprecated preview a warning. */
function reportStatus(ctx: RuleContext, at: Located, version: ApiVersion, via: string): void {
  if (versionIndex(version) < versionIndex("2019-05-01-preview")) {
    ctx.report({ at, message: `apiVersion ${version}${via} is no longer accepted by the service (versions before 2019-05-01-preview were retired in May 2020)` });
  } else if (version === "2019-05-01-preview") {
    ctx.report({ at, severity: "warning", message: `apiVersion 2019-05-01-preview${via} is a deprecated preview; move to 2022-07-01 or later` });
  }
}
