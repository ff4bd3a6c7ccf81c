import { toValue, type JsonValue, type ObjectNode, type ValueNode } from "../src/parse/ast.js";
import { HOISTED } from "../src/parse/bicep.js";

/** An ARM expression literal of a plain value, as the translator writes one inline. */
function armLiteral(value: JsonValue): string {
  if (typeof value === "string") return value.startsWith("[") && value.endsWith("]") ? value.slice(1, -1) : `'${value.replace(/'/g, "''")}'`;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true()" : "false()";
  if (value === null) return "null()";
  if (Array.isArray(value)) return `createArray(${value.map(armLiteral).join(", ")})`;
  return `createObject(${Object.entries(value).flatMap(([k, v]) => [armLiteral(k), armLiteral(v)]).join(", ")})`;
}

/**
 * The ARM text with each literal the lowering kept as a variable of its own (`variables('bicep:S-E')`, so that
 * findings on it stand where it is written) written back inline: what the tables of translations compare.
 */
export function inlineHoisted(arm: string, deployment: ValueNode | undefined): string {
  const variables = deployment?.kind === "object" ? (deployment.members.find((m) => m.key === "variables")?.value as ObjectNode | undefined) : undefined;
  const pattern = new RegExp(`variables\\('(${HOISTED}\\d+-\\d+)'\\)`, "g");
  let out = arm;
  for (let i = 0; i < 10 && pattern.test(out); i++) {
    out = out.replace(pattern, (_m, name: string) => {
      const value = variables?.members.find((m) => m.key === name)?.value;
      if (!value) return _m;
      return armLiteral(toValue(value));
    });
  }
  return out;
}
