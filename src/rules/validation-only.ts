import type { Rule } from "./types.js";

export const rule: Rule = {
  meta: {
    id: "validation-only",
    severity: "warning",
    description: "With validate.sourceValidationOnly, customizers are not run; a validate block needs validations.",
    versions: "2022-02-14 and later",
    stage: "rule",
    docs: `\`validate.sourceValidationOnly: true\` validates the source image itself: "no separate build will be run to
generate and then validate a customized image". Customizers listed next to it never run, which is
probably not what the author expects. A \`validate\` block whose \`inVMValidations\` is empty or missing
validates nothing, so \`continueDistributeOnFailure\` and \`sourceValidationOnly\` have nothing to act on.`,
    examples: {
      bad: `"customize": [...], "validate": {"sourceValidationOnly": true, "inVMValidations": [...]}`,
      good: `"validate": {"sourceValidationOnly": true, "inVMValidations": [...]}   (and no customize)`,
    },
  },
  create(ctx) {
    return {
      template(view) {
        const validate = view.get(view.template.properties, "validate");
        if (validate?.value.kind !== "object") return;
        const only = view.get(validate.value, "sourceValidationOnly");
        const customize = view.given(view.template.properties, "customize");
        if (only?.value.kind === "boolean" && only.value.value && customize?.value.kind === "array") {
          ctx.report({ at: view.keyOf(only), message: "sourceValidationOnly validates the source image without a build: the customize steps never run" });
        }
        const validations = view.get(validate.value, "inVMValidations")?.value;
        if (validations === undefined || (validations.kind === "array" && validations.items.length === 0)) {
          ctx.report({ at: view.keyOf(validate), message: "validate has no inVMValidations, so it validates nothing" });
        }
      },
    };
  },
};
