import type { ValueNode } from "../parse/ast.js";
import type { Rule, Template } from "./types.js";
import { quote } from "../util/text.js";
import { KeySet, writtenText } from "./match.js";

/** `<region1>`, `<imgBuilderId>`, `<<namePrefix>>`, `{subscription-id}`: text meant to be replaced before submission. */
const PLACEHOLDER = /<<?[A-Za-z][\w .\-/]*>>?|\{[A-Za-z][\w-]*-id\}|\{subscriptionId\}/g;
const WHOLE_PLACEHOLDER = /^\s*<<?[A-Za-z][^<>]*>>?\s*$/;
/** Keys whose values are commands, where `<` and `>` are redirections, or tags, free text: only a value that is all placeholder counts. */
const COMMAND_OR_TAG_KEYS = new KeySet(["inline", "restartcommand", "restartcheckcommand", "searchcriteria", "filters", "tags", "artifacttags", "managedresourcetags"]);

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
  check(ctx) {
    if (!textMayHold(ctx.template)) return;
    const visit = (node: ValueNode, inCommand: boolean): void => {
      if (node.kind === "string") {
        if (!mayHold(node.value)) return;
        const found = inCommand ? placeholdersInCommand(node.value) : placeholdersIn(node.value);
        if (found.length) ctx.report({ at: node, message: `${unreplaced(found)}: replace ${found.length > 1 ? "them" : "it"} before submitting the template` });
      } else if (node.kind === "array") for (const item of node.items) visit(item, inCommand);
      else if (node.kind === "object") for (const m of node.members) {
        const keyFound = mayHold(m.key) ? placeholdersIn(m.key) : NONE;
        if (keyFound.length) ctx.report({ at: ctx.keyOf(m), message: `${unreplaced(keyFound)} in a key: replace ${keyFound.length > 1 ? "them" : "it"} before submitting the template` });
        // in commands `<` and `>` are redirections, in tags free text: there only a whole-value placeholder counts
        visit(m.value, inCommand || COMMAND_OR_TAG_KEYS.has(m.key));
      }
    };
    visit(ctx.template.node, false);
  },
};

const NONE: string[] = [];

/**
 * Whether the template's text can hold a placeholder, looked up without walking its tree (writtenText): each
 * kind shows in JSON text as written (`<`, `-id}`, `{subscriptionId}`), or through an escape (`\u003c`).
 */
function textMayHold(template: Template): boolean {
  const text = writtenText(template);
  return text === undefined || PLACEHOLDER_OR_ESCAPE.test(text);
}

/** What each kind of placeholder shows in JSON text, or an escape that could spell one. */
const PLACEHOLDER_OR_ESCAPE = /[<\\]|-id\}|\{subscriptionId\}/;

/** Whether a string can hold a placeholder at all: each kind starts with `<` or `{`. */
function mayHold(value: string): boolean {
  return value.includes("<") || value.includes("{");
}
