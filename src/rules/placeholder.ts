import type { Rule } from "./types.js";
import { quote } from "../util/text.js";

/** `<region1>`, `<imgBuilderId>`, `<<namePrefix>>`, `{subscription-id}`: text meant to be replaced before submission. */
const PLACEHOLDER = /<<?[A-Za-z][\w .\-/]*>>?|\{[A-Za-z][\w-]*-id\}|\{subscriptionId\}/g;
const WHOLE_PLACEHOLDER = /^\s*<<?[A-Za-z][^<>]*>>?\s*$/;

export function placeholdersIn(value: string): string[] {
  return value.match(PLACEHOLDER) ?? [];
}

function placeholdersInCommand(value: string): string[] {
  return WHOLE_PLACEHOLDER.test(value) ? [value.trim()] : [];
}

function unreplaced(found: string[]): string {
  return `unreplaced placeholder${found.length > 1 ? "s" : ""} ${found.map((p) => quote(p)).join(", ")}`;
}

const ANY_PLACEHOLDER = new RegExp(PLACEHOLDER.source);

export function isPlaceholder(value: string): boolean {
  return mayHold(value) && ANY_PLACEHOLDER.test(value);
}

export const rule: Rule = {
  meta: {
    id: "placeholder",
    severity: "error",
    description: "A value still holds a placeholder such as <region> or <imgBuilderId>.",
    versions: "all",
    stage: "rule",
    docs: `Quickstart templates carry placeholders (\`<region1>\`, \`<imgBuilderId>\`, \`<subscriptionID>\`,
\`<<namePrefix>>\`, \`{subscription-id}\`) that a \`sed\` step replaces before submission. Submitted as they
are, the service rejects the template (an invalid region, a malformed resource ID). Lint the file after
the replacement, or suppress this rule for the template source itself.`,
    examples: { bad: `"location": "<region1>"`, good: `"location": "westus2"` },
  },
  create(ctx) {
    return {
      member(m, where) {
        const found = mayHold(m.key) ? placeholdersIn(m.key) : NONE;
        if (found.length) ctx.report({ at: where.view.keyOf(m), message: `${unreplaced(found)} in a key: replace ${found.length > 1 ? "them" : "it"} before submitting the template` });
      },
      string(node, where) {
        if (!mayHold(node.value)) return;
        // in commands `<` and `>` are redirections, in tags free text: there only a whole-value placeholder counts
        const found = where.inCommandsOrTags ? placeholdersInCommand(node.value) : placeholdersIn(node.value);
        if (found.length) ctx.report({ at: node, message: `${unreplaced(found)}: replace ${found.length > 1 ? "them" : "it"} before submitting the template` });
      },
    };
  },
};

const NONE: string[] = [];

/** Whether a string can hold a placeholder at all: each kind starts with `<` or `{`. */
function mayHold(value: string): boolean {
  return value.includes("<") || value.includes("{");
}
