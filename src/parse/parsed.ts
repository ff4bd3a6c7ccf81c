import type { ObjectNode, PathSegment, ValueNode } from "./ast.js";
import type { SourceText } from "../core/source.js";
import { quote } from "../util/text.js";
import type { ProviderVersion } from "./terraform-providers.js";

export interface SyntaxProblem {
  /** Rule id: `syntax` for unparseable text, `duplicate-key` for a repeated key. */
  ruleId: "syntax" | "duplicate-key";
  message: string;
  start: number;
  end: number;
  /** JSON path of the problem. */
  pathSegments: PathSegment[];
  /** The repeated key, for duplicate-key. */
  key?: string;
  /** Overrides the rule's default severity. */
  severity?: "warning";
}

/** One parsed document; a YAML stream holds several. */
export interface ParsedDocument {
  root: ValueNode | undefined;
  /** A problem that stops the document from being linted further. */
  fatal?: SyntaxProblem;
  problems: SyntaxProblem[];
  /** Terraform: what the azapi envelope says of each image template resource of the lowered tree. */
  azapi?: ReadonlyMap<ObjectNode, AzapiResource>;
  /** Text spans where a comment cannot go though values stand inside (Terraform: JSON in a heredoc). */
  verbatim?: Array<{ start: number; end: number }>;
  /** YAML: the anchored nodes that aliases read; a fix inside one would change the aliases' values too. */
  shared?: SharedNode[];
  /** Bicep: the modules the file calls, each with the values it passes. */
  modules?: ModuleCall[];
}

/** A module's text, with the name reports give its file. */
export interface ModuleText {
  name: string;
  text: string;
}

/** Reads the module at `modulePath` (as the caller writes it) that `fromFile` calls; `error` says why it is not followed. */
export type ModuleReader = (fromFile: string, modulePath: string) => ModuleText | { error: string };

/** A call of another file as a module (Bicep `module m 'image.bicep' = {…}`), with the caller's values for its parameters. */
export interface ModuleCall {
  /** The module's symbolic name. */
  name: string;
  /** The module's path as written (`image.bicep`, `br/public:avm/res/…:1.0`). */
  path: string;
  /** Where the path string is written. */
  pathStart: number;
  pathEnd: number;
  /** The `params` object with each value a node of the caller's text; undefined when it is not written as an object. */
  params?: ObjectNode;
}

/** What the azapi envelope of a Terraform image template says, for the azapi rules. */
export interface AzapiResource {
  /** `azapi_resource`, or `azapi_update_resource` (a partial update of an existing template). */
  kind: string;
  /** The resource's address, `azapi_resource.name`. */
  address: string;
  /** `identity` written inside `body`, which azapi 1.13 and later no longer sends. */
  identityInBody?: { keyStart: number; keyEnd: number };
  /** The `identity` block, if any. */
  identityBlock?: { start: number; end: number };
  /** How `body` is written: an HCL object, or a JSON string (`jsonencode(…)`, a heredoc, a string); undefined when computed elsewhere. */
  bodyForm?: { form: "object" | "string"; start: number; end: number };
  /** The azapi provider's version, as the module pins it (the lint options bring it). */
  provider?: ProviderVersion;
  /** `schema_validation_enabled = false`. */
  schemaValidationOff?: { start: number; end: number };
}

export interface SharedNode {
  start: number;
  end: number;
  anchor: string;
  /** Where the first alias that reads it is written. */
  alias: { start: number; end: number };
}

export interface ParsedFile {
  source: SourceText;
  format: "json" | "yaml" | "bicep" | "terraform";
  documents: ParsedDocument[];
  /** Comments with their offsets, for inline suppressions; computed on demand. */
  comments: () => Comment[];
}

export interface Comment {
  /** The comment's text without its markers, trimmed. */
  text: string;
  start: number;
  end: number;
}

/** A key repeated in one object: the later value silently replaces the earlier one. */
export function duplicateKey(source: SourceText, key: string, earlier: number, start: number, end: number, path: PathSegment[]): SyntaxProblem {
  return {
    ruleId: "duplicate-key",
    key,
    message: `duplicate key ${quote(key)}: the value at line ${source.position(earlier).line} is silently replaced by this one`,
    start,
    end,
    pathSegments: [...path, key],
  };
}

/** A number that overflows a double (1e400) or YAML's .inf/.nan: JSON has no such value. */
export function nonFinite(source: SourceText, start: number, end: number, path: PathSegment[]): SyntaxProblem {
  const written = source.text.slice(start, Math.min(end, start + 100)).trim();
  return { ruleId: "syntax", message: `${quote(written)} is not a finite number: JSON has no infinity or NaN, so the service cannot read it`, start, end, pathSegments: [...path] };
}
