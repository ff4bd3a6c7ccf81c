/** The ajv set-up shared by validation at run time and the validators precompiled at build time. */
import { Ajv, _, type Options } from "ajv";

export const AJV_OPTIONS: Options = { allErrors: true, strict: false, verbose: true };

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
