import type { Rule } from "./types.js";

export const rule: Rule = {
  meta: {
    id: "build-timeout",
    severity: "error",
    description: "buildTimeoutInMinutes is 0 (the 240-minute default) or 6 to 960; Windows builds want at least 60.",
    versions: "2019-05-01-preview and later",
    stage: "rule",
    docs: `\`buildTimeoutInMinutes\` bounds the whole build. 0 (or leaving it out) means the default of 240 minutes.
The schema allows 0 to 960 (16 hours); the service also refuses 1 to 5, its minimum being 6 minutes.
A build that hits the limit stops with "Failed while waiting for packerizer: Timeout waiting for
microservice to complete: 'context deadline exceeded'". The documentation advises not to go under 60
minutes for Windows images (Sysprep and Windows Update alone take long): that is a warning.`,
    examples: { bad: `"buildTimeoutInMinutes": 961`, good: `"buildTimeoutInMinutes": 120` },
    options: { windowsMinimum: { type: "number", description: "Minutes under which a Windows build gets a warning (default 60)." } },
  },
  create(ctx) {
    return {
      template(view) {
        const timeout = view.get(view.template.properties, "buildTimeoutInMinutes");
        if (timeout?.value.kind !== "number" || !Number.isInteger(timeout.value.value)) return;
        const minutes = timeout.value.value;
        if (minutes < 0) ctx.report({ at: timeout.value, message: `buildTimeoutInMinutes is ${minutes}; it must be 0 (default, 240 minutes) or 6 to 960` });
        else if (minutes > 960) ctx.report({ at: timeout.value, message: `buildTimeoutInMinutes is ${minutes}; the maximum is 960 minutes (16 hours)` });
        else if (minutes > 0 && minutes < 6) ctx.report({ at: timeout.value, message: `buildTimeoutInMinutes is ${minutes}; the service's minimum is 6 minutes (0 means the 240-minute default)` });
        else if (view.template.os === "windows") {
          const configured = typeof ctx.settings.options.windowsMinimum === "number" ? ctx.settings.options.windowsMinimum : undefined;
          const minimum = configured ?? 60;
          if (minutes > 0 && minutes < minimum) {
            const source = configured === undefined ? "the documentation advises" : "the configured minimum is";
            ctx.report({ at: timeout.value, severity: "warning", message: `buildTimeoutInMinutes is ${minutes} for a Windows image; ${source} at least ${minimum} minutes` });
          }
        }
      },
    };
  },
};
