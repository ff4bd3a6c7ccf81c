import type { Rule } from "./types.js";

const LINUX_ONLY = new Set(["Shell", "shell"]);
const WINDOWS_ONLY = new Set(["WindowsRestart", "WindowsUpdate"]);

export const rule: Rule = {
  meta: {
    id: "step-os",
    severity: "error",
    description: "Shell steps only on Linux images; WindowsRestart and WindowsUpdate only on Windows images.",
    versions: "all",
    stage: "rule",
    docs: `Each customizer runs through the build VM's communicator: \`Shell\` over SSH on Linux, \`PowerShell\`,
\`WindowsRestart\` and \`WindowsUpdate\` over WinRM on Windows. A step for the other OS fails the build.
The OS is inferred from the source: a platform image's publisher, offer and SKU (MicrosoftWindowsServer,
Canonical, RedHat, …), and ISO sources are RHEL. For managed images and gallery versions the OS is
unknown and nothing is reported. PowerShell on Linux gets a warning: the 2019–2020 docs claimed it
worked, the current docs list it for Windows only.`,
    examples: {
      bad: `source: MicrosoftWindowsServer/WindowsServer + {"type": "Shell", "inline": ["sudo mkdir /opt/app"]}`,
      good: `source: MicrosoftWindowsServer/WindowsServer + {"type": "PowerShell", "inline": ["mkdir C:\\\\app"]}`,
    },
  },
  create(ctx) {
    return {
      step(step, view) {
        const { os } = view.template;
        const type = step.type;
        if (!os || !type) return;
        const at = view.get(step.node, "type")!.value;
        if (os === "windows" && LINUX_ONLY.has(type)) {
          ctx.report({ at, message: `a ${type} step cannot run on a Windows image (the source is Windows); use PowerShell` });
        } else if (os === "linux" && WINDOWS_ONLY.has(type)) {
          ctx.report({ at, message: `a ${type} step cannot run on a Linux image (the source is Linux)` });
        } else if (os === "linux" && type === "PowerShell") {
          ctx.report({ at, severity: "warning", message: "PowerShell steps are for Windows images; on a Linux image use Shell" });
        }
      },
    };
  },
};
