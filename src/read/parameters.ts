import { member, type ValueNode } from "../parse/ast.js";
import { parseJson } from "../parse/json.js";
import { parseBicepParameters } from "../parse/bicep.js";
import { isBicepName } from "../parse/bicep-loader.js";
import { parseTfvars } from "../parse/terraform.js";
import type { ParameterValues } from "../find/resolve.js";
import { InputError, readText } from "./input.js";

/**
 * Reads an ARM parameters file: `{"parameters": {"name": {"value": ...}}}` (or a plain name → value map),
 * a `.bicepparam` file (`param name = value`; the Bicep parser must be prepared), or a Terraform variables
 * file (`.tfvars`, `name = value`, the Terraform parser prepared; `.tfvars.json`, a name → value map).
 */
export function loadParameters(path: string, cwd = process.cwd(), maxBytes?: number): ParameterValues {
  if (/\.tfvars$/i.test(path)) {
    const { source, values, fatal } = parseTfvars(readText(path, cwd, maxBytes, "parameters file "));
    if (fatal) throw new InputError(`cannot use variables file ${path}: at line ${source.position(fatal.start).line}: ${fatal.message}`);
    return Object.assign(values, { file: { name: path, source } });
  }
  if (isBicepName(path)) {
    const { source, values, fatal, names, using } = parseBicepParameters(readText(path, cwd, maxBytes, "parameters file "));
    if (fatal) throw new InputError(`cannot use parameters file ${path}: at line ${source.position(fatal.start).line}: ${fatal.message}`);
    // a .bicepparam value may be an expression of the file's own variables and functions
    return Object.assign(values, { file: { name: path, source, expressions: true }, names: names ?? [], ...(using ? { using } : {}) });
  }
  const parsed = parseJson(readText(path, cwd, maxBytes, "parameters file "));
  const doc = parsed.documents[0];
  if (!doc || doc.fatal || doc.root?.kind !== "object") {
    const where = doc?.fatal ? ` at line ${parsed.source.position(doc.fatal.start).line}: ${doc.fatal.message}` : "";
    throw new InputError(`cannot use parameters file ${path}: not a JSON object${where}`);
  }
  const params = (/\.tfvars\.json$/i.test(path) ? undefined : member(doc.root, "parameters")?.value) ?? doc.root;
  const values = new Map<string, ValueNode>();
  const names: { name: string; start: number; end: number }[] = [];
  if (params.kind === "object") {
    for (const m of params.members) {
      const value = m.value.kind === "object" ? member(m.value, "value")?.value : m.value;
      if (value) values.set(m.key.toLowerCase(), value);
      if (params !== doc.root) names.push({ name: m.key, start: m.keyStart, end: m.keyEnd });
    }
  }
  return Object.assign(values, { file: { name: path, source: parsed.source }, names });
}
