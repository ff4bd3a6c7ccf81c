/** ARM template expressions: `[...]` strings are evaluated at deployment, so never judged as literals. */
export function isExpression(value: unknown): value is string {
  return typeof value === "string" && value.length >= 2 && value.startsWith("[") && value.endsWith("]") && !value.startsWith("[[");
}
