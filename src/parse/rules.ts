import type { RuleMeta } from "../core/rule-meta.js";

/** Findings of the parse stage. */
export const PARSE_RULES: RuleMeta[] = [
  {
    id: "syntax",
    severity: "error",
    description: "The file is not valid JSON (with comments), YAML or Bicep.",
    versions: "all",
    stage: "parse",
    docs: `The file cannot be parsed, so nothing else in it is checked. The finding points at the token where the
parser stopped: for a missing comma, the key after it. JSON may carry the \`//\` and \`/* */\` comments ARM
templates allow, a byte-order mark and CRLF line ends; trailing commas, single quotes and unescaped
backslashes (\`"C:\\Temp"\`) are errors, as Azure's JSON parsers reject them.`,
    examples: { bad: `{"location": "westus2" "properties": {}}`, good: `{"location": "westus2", "properties": {}}` },
  },
  {
    id: "duplicate-key",
    severity: "error",
    description: "An object has the same key twice; all but the last value are silently lost.",
    versions: "all",
    stage: "parse",
    docs: `JSON parsers keep the last of two equal keys and drop the first without a word, so part of the template
is lost: typically a second \`customize\` or \`properties\` block pasted below the first. Merge the two.`,
    examples: { bad: `{"name": "a", "name": "b"}`, good: `{"name": "b"}` },
  },
];
