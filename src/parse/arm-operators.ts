/** Infix operators of Bicep and Terraform with the ARM function that means the same. */
export const ARM_OPERATORS: Readonly<Record<string, string>> = {
  "==": "equals",
  "&&": "and",
  "||": "or",
  "<": "less",
  ">": "greater",
  "<=": "lessOrEquals",
  ">=": "greaterOrEquals",
  "+": "add",
  "-": "sub",
  "*": "mul",
  "%": "mod",
};
