/** The ajv set-up shared by validation at run time and the validators precompiled at build time. */
import { Ajv, _, type Options } from "ajv";

export const AJV_OPTIONS: Options = { allErrors: true, strict: false, verbose: true };

/**
 * The build's validators: each schema definition (source, customizer, distributor…) becomes a function of
 * its own instead of being inlined, so V8 optimises the small functions early in a run of many files, not
 * one large one late. Only an error's schemaPath differs, which the messages never read.
 */
export const PRECOMPILED_OPTIONS: Options = { inlineRefs: false };

/** The annotation keywords of the generated schemas; the last two fail wherever they appear, to flag the property. */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...options });
  ajv.addKeyword({ keyword: "x-aib-versioned", schemaType: "object" });
  ajv.addKeyword({ keyword: "x-aib-name-pattern", schemaType: "string" });
  ajv.addKeyword({ keyword: "x-aib-readonly", schemaType: "boolean", code: (cxt) => cxt.fail(_`true`) });
  ajv.addKeyword({ keyword: "x-aib-deprecated", schemaType: "string", code: (cxt) => cxt.fail(_`true`) });
  return ajv;
}

export { schemaHash } from "./hash.js";

const PROSE = new Set(["description", "title", "$comment", "markdownDescription"]);

/**
 * The schema without the annotations written for people, for the validators the build compiles: they
 * carry the schema for the messages (ajv's verbose errors), which never read the prose; editors read it
 * from schemas/. A property named "description" (an object under "properties") stays.
 */
export function withoutProse(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutProse);
  if (!schema || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if ((PROSE.has(key) && typeof value === "string") || (key === "examples" && Array.isArray(value))) continue;
    out[key] = withoutProse(value);
  }
  return out;
}
