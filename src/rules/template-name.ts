import { namePattern } from "../schema/model.js";
import { compiled } from "./match.js";
import { isPlaceholder } from "./placeholder.js";
import type { Rule } from "./types.js";
import { quote } from "../util/text.js";

export const rule: Rule = {
  meta: {
    id: "template-name",
    severity: "error",
    description: "The template name is 1 to 64 letters, digits, '-', '_' or '.'.",
    versions: "all",
    stage: "rule",
    docs: `The resource name of an image template follows \`^[A-Za-z0-9-_.]{1,64}$\` (no '.' before
2019-05-01-preview); ARM rejects any other name. Names given by expressions are not checked.`,
    examples: { bad: `"name": "ubuntu golden image"`, good: `"name": "ubuntu-golden-image"` },
  },
  create(ctx) {
    return {
      template(view) {
        const name = view.get(view.template.node, "name");
        const value = view.literal(name?.value);
        if (value === undefined || isPlaceholder(value)) return;
        const pattern = namePattern(view.template.version);
        if (compiled(pattern).test(value)) return;
        ctx.report({ at: name!.value, message: `template name ${quote(value)} must be 1 to 64 letters, digits, '-', '_'${pattern.includes(".") ? " or '.'" : ""} (${pattern})` });
      },
    };
  },
};
