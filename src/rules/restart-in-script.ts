import type { Rule } from "./types.js";

/** A step that restarts the machine names one of the two programs. */
const MENTIONS_RESTART = /restart-computer|shutdown/i;
/** shutdown's /r and /g (or -r, -g) restart the machine. */
const RESTART_FLAG = /^[/-][rg]$/i;

export const rule: Rule = {
  meta: {
    id: "restart-in-script",
    severity: "warning",
    description: "A PowerShell step restarts the VM itself (Restart-Computer, shutdown /r); use a WindowsRestart customizer.",
    versions: "all",
    stage: "rule",
    docs: `Image Builder runs a PowerShell step over a remote session. A \`Restart-Computer\` or \`shutdown /r\` inside it
cuts that session: the step fails or the build loses its connection to the VM. Let the step end, then
add a \`{"type": "WindowsRestart"}\` customizer, which restarts the VM and waits for it to come back.
The step is read as PowerShell statements, those inside blocks included (\`if ($r.RestartNeeded)
{ Restart-Computer -Force }\`), as well as \`& shutdown.exe /r\` and \`cmd /c shutdown /r\`; a mention in a
string or a comment (\`Write-Host 'Restart-Computer'\`) is not a command. The finding is on the command.`,
    examples: {
      bad: `{"type": "PowerShell", "inline": ["Install-WindowsFeature Web-Server", "Restart-Computer -Force"]}`,
      good: `{"type": "PowerShell", "inline": ["Install-WindowsFeature Web-Server"]}, {"type": "WindowsRestart"}`,
    },
  },
  create(ctx) {
    return {
      step({ inline: step }) {
        if (step?.kind !== "powershell" || !MENTIONS_RESTART.test(step.script.text)) return;
        for (const command of step.commands) {
          const restart = command.program === "restart-computer" || (command.program === "shutdown" && command.args.some((a) => RESTART_FLAG.test(a.value)));
          const at = restart ? step.locate(command) : undefined;
          if (!at) continue;
          ctx.report({
            at,
            message: `${command.program === "shutdown" ? "shutdown /r" : "Restart-Computer"} restarts the build VM in the middle of the step, which loses its connection to the VM: end the step and add a WindowsRestart customizer after it`,
          });
        }
      },
    };
  },
};
