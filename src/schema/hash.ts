import { createHash } from "node:crypto";

/** Identifies a schema's text, so that a precompiled validator is used only for the schema it was made from. */
export function schemaHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
