import type { Command, Word } from "../scripts/commands.js";
import type { Rule } from "./types.js";

interface Manager {
  /** Subcommands that ask before they change anything. */
  asks: Set<string>;
  /** Options that take a value (so the value is not the subcommand). */
  withValue: Set<string>;
  /** Whether an argument answers yes in advance. */
  answers: (arg: string) => boolean;
  /** A yes for good written into its configuration: the setting's text, and where its configuration files are. */
  setting?: { text: RegExp; path: RegExp };
  fix: string;
}

/** A bundle of short flags holding -y (`-y`, `-qy`). */
const YES_FLAG = /^-[A-Za-z]*y[A-Za-z]*$/;
const APT: Manager = {
  asks: new Set(["install", "reinstall", "upgrade", "dist-upgrade", "full-upgrade", "remove", "purge", "autoremove", "autopurge", "build-dep"]),
  withValue: new Set(["-o", "-c", "-t", "-a", "--option", "--config-file", "--target-release"]),
  answers: (a) => YES_FLAG.test(a) || /^-[A-Za-z]*qq[A-Za-z]*$/.test(a) || /^(--yes|--assume-yes|-q=2|--quiet=2)$/.test(a) || /assume-yes[=:]\s*"?(1|true|yes)/i.test(a),
  setting: { text: /APT::Get::Assume-Yes\s*"?(1|true|yes|on)\b/i, path: /^\/etc\/apt\// },
  fix: "add -y",
};
const YUM: Manager = {
  asks: new Set(["install", "update", "upgrade", "remove", "erase", "reinstall", "downgrade", "groupinstall", "groupupdate", "groupremove", "localinstall", "distro-sync", "autoremove"]),
  withValue: new Set(["-c", "--config", "--setopt", "--enablerepo", "--disablerepo", "-x", "--exclude", "--releasever", "--installroot"]),
  answers: (a) => YES_FLAG.test(a) || a === "--assumeyes" || /assumeyes=(1|true|yes)/i.test(a),
  setting: { text: /\bassumeyes\s*=\s*(1|true|yes|on)\b/i, path: /^\/etc\/(yum|dnf)/ },
  fix: "add -y",
};
const CHOCO: Manager = {
  asks: new Set(["install", "upgrade", "uninstall"]),
  withValue: new Set(["-s", "--source", "--version", "--params", "--package-parameters", "--ia", "--install-arguments"]),
  answers: (a) => YES_FLAG.test(a) || /^(--yes|--confirm)$/i.test(a),
  fix: "add -y (or run `choco feature enable -n allowGlobalConfirmation` first)",
};
const MANAGERS: Readonly<Record<string, Manager>> = { "apt-get": APT, apt: APT, yum: YUM, dnf: YUM, tdnf: YUM, choco: CHOCO };
/** A step that can run one of the managers, or configure one, names it (the program's name, in any case, is part of the text). */
const MENTIONS_MANAGER = /apt|yum|dnf|choco|cinst|cup|cuninst|assumeyes/i;
/** Chocolatey's shortcuts: `cinst x` is `choco install x`. */
const CHOCO_ALIASES: Readonly<Record<string, string>> = { cinst: "install", cup: "upgrade", cuninst: "uninstall" };

export const rule: Rule = {
  meta: {
    id: "interactive-command",
    severity: "warning",
    description: "An inline command waits for a yes/no answer nobody gives (apt-get, yum, dnf, choco without -y).",
    versions: "all",
    stage: "rule",
    docs: `Customizers run without a terminal and nobody answers their questions. \`apt-get install\`, \`upgrade\`,
\`dist-upgrade\` and \`remove\` (and \`apt\`), \`yum\`/\`dnf\` \`install\` and \`update\`, and \`choco install\` ask
"Do you want to continue?" unless told yes in advance: the step then aborts or hangs until the build
times out. Add \`-y\` (\`--yes\`, \`--assume-yes\`; \`-qq\` implies it for apt-get).
\`DEBIAN_FRONTEND=noninteractive\` silences debconf's configuration dialogs but does not answer apt's
own prompt.

The step is read as the list of commands it runs, not as text: the simple commands between \`;\`, \`&&\`,
\`||\`, \`|\`, \`&\` and line breaks, inside \`if\`/\`while\`/\`until\`/\`for\`/\`case\`, \`{ }\`, \`( )\` and \`$(…)\`,
behind \`sudo\`, \`env\`, \`timeout\`, \`nice\`, \`nohup\`, \`xargs\` and the like, and inside \`bash -c '…'\`,
\`sh -c\` and \`su -c\` strings; in PowerShell, the statements of every block and pipeline, \`& 'choco.exe'\`
and \`cmd /c\`. Text that only mentions a command (\`echo 'apt-get install'\`, a comment, a heredoc's
body) is not one. Each finding is on the command itself.

Input given to the command (\`yes | apt-get install …\`, a heredoc or here-string) counts as an answer.
A yes for good counts only for the commands after it (in the same step or a later one), and only
when it really configures the manager: \`APT::Get::Assume-Yes "true"\` or \`assumeyes=1\` written into a
file under /etc/apt/ or /etc/yum*, /etc/dnf/ (by \`echo\`, \`printf\` or \`cat\` redirected there or
piped to \`tee\`, by \`sed -i\`, or by \`dnf config-manager --save\`), or
\`choco feature enable -n allowGlobalConfirmation\` (until \`choco feature disable\`). An option given to
one command (\`--assume-yes\`, \`--setopt=assumeyes=1\`) answers that command only.`,
    examples: { bad: `"inline": ["sudo apt-get upgrade"]`, good: `"inline": ["sudo apt-get upgrade -y"]` },
  },
  create(ctx) {
    // the managers told yes for good by a command that ran before (in this step or an earlier one of the template)
    let told: Set<Manager>;
    return {
      template() {
        told = new Set();
      },
      step({ inline: step }) {
        if (!step || !MENTIONS_MANAGER.test(step.script.text)) return;
        for (const command of step.commands) {
          tellsYes(command, told);
          const question = asks(command, told);
          if (!question) continue;
          const at = step.locate(command);
          if (!at) continue;
          const frontend = MANAGERS[command.program] === APT && (command.assignments.some((a) => a.value === NONINTERACTIVE) || step.script.text.lastIndexOf(NONINTERACTIVE, command.name.start) >= 0);
          ctx.report({
            at,
            message: `"${question.text}" waits for a yes/no answer that nobody gives on the build VM, so the step aborts or hangs${frontend ? " (DEBIAN_FRONTEND=noninteractive does not answer it)" : ""}: ${question.fix}`,
          });
        }
      },
    };
  },
};

const NONINTERACTIVE = "DEBIAN_FRONTEND=noninteractive";

/** Records a yes for good that the command gives: choco's allowGlobalConfirmation feature, or apt's or yum's setting written into their configuration. */
function tellsYes(command: Command, told: Set<Manager>): void {
  const { program, args } = command;
  if (program === "choco" && args[0]?.value.toLowerCase() === "feature" && args.some((a) => /^(?:-{1,2}n(?:ame)?[=:])?allowGlobalConfirmation$/i.test(a.value.replace(/["']/g, "")))) {
    const action = args[1]?.value.toLowerCase();
    if (action === "enable") told.add(CHOCO);
    else if (action === "disable") told.delete(CHOCO);
    return;
  }
  for (const manager of [APT, YUM]) if (!told.has(manager) && writesSetting(command, manager.setting!)) told.add(manager);
}

const WRITERS = new Set(["echo", "printf", "cat", "tee"]);

/** Whether the command writes the setting into a configuration file: echo/printf/cat/tee into a file there (redirected or through tee), `sed -i`, or `config-manager --save`. */
function writesSetting(command: Command, setting: { text: RegExp; path: RegExp }): boolean {
  const { program, args } = command;
  const argText = args.map((a) => a.value).join(" ");
  if (program === "sed") return args.some((a) => /^(-i|--in-place)/.test(a.value)) && setting.text.test(argText);
  if (program === "yum-config-manager" || ((program === "dnf" || program === "yum") && args.some((a) => a.value === "config-manager"))) {
    return args.some((a) => a.value === "--save" || a.value === "setopt") && setting.text.test(argText);
  }
  if (!WRITERS.has(program)) return false;
  const text = [program === "echo" || program === "printf" ? argText : "", ...command.inputTexts].join("\n");
  if (!setting.text.test(text)) return false;
  const isConfig = (w: Word): boolean => !w.value.startsWith("/dev/") && (w.value.includes("$") || setting.path.test(w.value));
  const teeFiles = (c: Command | undefined): Word[] => (c?.program === "tee" ? c.args.filter((a) => !a.value.startsWith("-")) : []);
  return [...command.writes, ...teeFiles(command), ...teeFiles(command.output)].some(isConfig);
}

function asks(command: Command, told: ReadonlySet<Manager>): { text: string; fix: string } | undefined {
  if (command.input) return undefined;
  const alias = CHOCO_ALIASES[command.program];
  const manager = alias ? CHOCO : MANAGERS[command.program];
  if (!manager || told.has(manager)) return undefined;
  const args = command.args.map((w) => w.value);
  let sub = alias;
  for (let i = 0; !sub && i < args.length; i++) {
    if (manager.withValue.has(args[i]!)) i++;
    else if (!args[i]!.startsWith("-")) sub = args[i]!.toLowerCase();
  }
  if (!sub || !manager.asks.has(sub) || args.some(manager.answers)) return undefined;
  return { text: `${command.program} ${alias ? "" : `${sub}`}`.trim(), fix: manager.fix };
}
