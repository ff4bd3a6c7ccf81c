import { member, memberCI, type ObjectNode, type ValueNode } from "../parse/ast.js";
import type { AzapiResource } from "../parse/parsed.js";

export const IMAGE_TEMPLATE_TYPE = "Microsoft.VirtualMachineImages/imageTemplates";
const PROVIDER_ONLY_TYPE = "microsoft.virtualmachineimages";
const DEPLOYMENT_TYPE = "microsoft.resources/deployments";

/** How the template was written, which decides the envelope it may have. */
export type TemplateShape =
  /** A bare resource object (the documentation's format). */
  | "resource"
  /** A resource inside an ARM deployment template. */
  | "arm-resource"
  /** A REST request body or `az image builder create` file: no `type`. */
  | "request-body";

export interface FoundTemplate {
  node: ObjectNode;
  shape: TemplateShape;
  /** The ARM deployment template (root or nested `template`) the resource sits in, for parameters and variables. */
  deployment?: ObjectNode;
  /**
   * For a nested deployment with inner scope: the values its deployment resource passes
   * (`properties.parameters`), which stand in for --parameters there.
   */
  passedParameters?: ObjectNode;
  /** For an inner-scope nested template: the scope the passed values are evaluated in. */
  outer?: Scope;
  /** `type` is `Microsoft.VirtualMachineImages` without `/imageTemplates`. */
  providerOnlyType?: boolean;
  /** Declared in Terraform with the azapi provider: what its envelope says. */
  azapi?: AzapiResource;
  /** API version given outside the body (a REST example's `api-version` parameter). */
  externalApiVersion?: ValueNode;
}

/** Finds every image template in a parsed document. */
export function findTemplates(root: ValueNode | undefined): FoundTemplate[] {
  const out: FoundTemplate[] = [];
  if (!root || root.kind !== "object") return out;
  const type = typeOf(root);
  if (type === IMAGE_TEMPLATE_TYPE.toLowerCase()) out.push({ node: root, shape: "resource" });
  else if (type === PROVIDER_ONLY_TYPE) out.push({ node: root, shape: "resource", providerOnlyType: true });
  else if (isDeploymentTemplate(root)) collectFromDeployment(root, { deployment: root }, out, 0);
  else if (type === undefined && looksLikeRequestBody(root)) out.push({ node: root, shape: "request-body" });
  else {
    const example = restExampleBody(root);
    if (example) out.push(example);
  }
  return out;
}

function typeOf(node: ObjectNode): string | undefined {
  const type = member(node, "type")?.value;
  return type?.kind === "string" ? type.value.toLowerCase() : undefined;
}

function isDeploymentTemplate(node: ObjectNode): boolean {
  const resources = member(node, "resources")?.value;
  if (!resources || (resources.kind !== "array" && resources.kind !== "object")) return false;
  return member(node, "$schema") !== undefined || member(node, "contentVersion") !== undefined || resources.kind === "array";
}

const MAX_NESTING = 32;

/** Where a resource's expressions are evaluated: the deployment template whose parameters and variables apply. */
export type Scope = Pick<FoundTemplate, "deployment" | "passedParameters" | "outer" | "azapi">;

function collectFromDeployment(template: ObjectNode, scope: Scope, out: FoundTemplate[], depth: number): void {
  if (depth > MAX_NESTING) return;
  const resources = member(template, "resources")?.value;
  if (!resources) return;
  const list = resources.kind === "array" ? resources.items : resources.kind === "object" ? resources.members.map((m) => m.value) : [];
  for (const resource of list) collectResource(resource, scope, out, depth);
}

function collectResource(resource: ValueNode, scope: Scope, out: FoundTemplate[], depth: number): void {
  if (resource.kind !== "object") return;
  const existing = member(resource, "existing")?.value;
  if (existing?.kind === "boolean" && existing.value) return; // a reference to a resource deployed elsewhere
  const type = typeOf(resource);
  if (type === IMAGE_TEMPLATE_TYPE.toLowerCase()) out.push({ node: resource, shape: "arm-resource", ...scope });
  else if (type === PROVIDER_ONLY_TYPE) out.push({ node: resource, shape: "arm-resource", ...scope, providerOnlyType: true });
  else if (type === DEPLOYMENT_TYPE) {
    const props = member(resource, "properties")?.value;
    const nested = props?.kind === "object" ? member(props, "template")?.value : undefined;
    if (nested?.kind === "object") {
      // ARM evaluates a nested template's expressions in the parent's scope unless it asks for "inner"
      const options = props?.kind === "object" ? member(props, "expressionEvaluationOptions")?.value : undefined;
      const scopeName = options?.kind === "object" ? member(options, "scope")?.value : undefined;
      const inner = scopeName?.kind === "string" && scopeName.value.toLowerCase() === "inner";
      const passed = props?.kind === "object" ? member(props, "parameters")?.value : undefined;
      const passedParameters: ObjectNode = passed?.kind === "object" ? passed : { kind: "object", start: nested.start, end: nested.start, path: nested.path, members: [] };
      const nestedScope: Scope = inner ? { deployment: nested, passedParameters, outer: scope } : scope;
      collectFromDeployment(nested, nestedScope, out, depth + 1);
    }
  }
  // child resources declared inline
  const children = member(resource, "resources")?.value;
  if (children?.kind === "array") for (const child of children.items) collectResource(child, scope, out, depth + 1);
}

/** A REST body: `location`-less is allowed (the CLI fills it), but `properties` must hold `source` or `distribute`. */
function looksLikeRequestBody(node: ObjectNode): boolean {
  const props = member(node, "properties")?.value;
  if (props?.kind !== "object") return false;
  return memberCI(props, "source") !== undefined && memberCI(props, "distribute") !== undefined;
}

/** A REST API specification example: `{"parameters": {"api-version": ..., "parameters": <body>}}`. */
function restExampleBody(root: ObjectNode): FoundTemplate | undefined {
  const params = member(root, "parameters")?.value;
  if (params?.kind !== "object") return undefined;
  const body = member(params, "parameters")?.value ?? member(params, "imageTemplate")?.value;
  if (body?.kind !== "object" || !looksLikeRequestBody(body)) return undefined;
  const version = member(params, "api-version")?.value;
  return { node: body, shape: "request-body", ...(version ? { externalApiVersion: version } : {}) };
}
