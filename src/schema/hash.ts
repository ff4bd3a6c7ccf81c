import { nodeCrypto } from "../util/builtins.js";

/** Identifies a schema's text, so that a precompiled validator is used only for the schema it was made from. */
export function schemaHash(text: string): string {
  return nodeCrypto().createHash("sha256").update(text).digest("hex");
}
