import type { SimpleCommand, Word } from "./commands.js";
import { inlineSteps, locateInItem } from "./script-lines.js";
import type { Rule } from "./types.js";

interface Manager {
  /** Subcommands that ask before they change anything. */
  asks: Set<string>;
  /** Options that take a value (so the value is not the subcommand). */
  withValue: Set<string>;
  /** Whether an argument answers yes in advance. */
  answers: (arg: string) => boolean;
  /** Text anywhere in the template's scripts that makes the manager answer yes for good (a config file written earlier). */
  configured: RegExp;
  fix: string;
}

/** A bundle of short flags holding -y (`-y`, `-qy`). */
const YES_FLAG = /^-[A-Za-z]*y[A-Za-z]*$/;
const APT: Manager = {
  asks: new Set(["install", "reinstall", "upgrade", "dist-upgrade", "full-upgrade", "remove", "purge", "autoremove", "autopurge", "build-dep"]),
  withValue: new Set(["-o", "-c", "-t", "-a", "--option", "--config-file", "--target-release"]),
  answers: (a) => YES_FLAG.test(a) || /^-[A-Za-z]*qq[A-Za-z]*$/.test(a) || /^(--yes|--assume-yes|-q=2|--quiet=2)$/.test(a) || /assume-yes[=:]\s*"?(1|true|yes)/i.test(a),
  configured: /Assume-Yes/i,
  fix: "add -y",
};
const YUM: Manager = {
  asks: new Set(["install", "update", "upgrade", "remove", "erase", "reinstall", "downgrade", "groupinstall", "groupupdate", "groupremove", "localinstall", "distro-sync", "autoremove"]),
  withValue: new Set(["-c", "--config", "--setopt", "--enablerepo", "--disablerepo", "-x", "--exclude", "--releasever", "--installroot"]),
  answers: (a) => YES_FLAG.test(a) || a === "--assumeyes" || /assumeyes=(1|true|yes)/i.test(a),
  configured: /assumeyes\s*=\s*(1|true|yes)/i,
  fix: "add -y",
};
const CHOCO: Manager = {
  asks: new Set(["install", "upgrade", "uninstall"]),
  withValue: new Set(["-s", "--source", "--version", "--params", "--package-parameters", "--ia", "--install-arguments"]),
  answers: (a) => YES_FLAG.test(a) || /^(--yes|--confirm)$/i.test(a),
  configured: /allowGlobalConfirmation/i,
  fix: "add -y (or run `choco feature enable -n allowGlobalConfirmation` first)",
};
const MANAGERS: Readonly<Record<string, Manager>> = { "apt-get": APT, apt: APT, yum: YUM, dnf: YUM, tdnf: YUM, choco: CHOCO };
/** A line that can run one of the managers names it (the program's name, in any case, is part of the line). */
const MENTIONS_MANAGER = /apt|yum|dnf|choco|cinst|cup|cuninst/i;
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
own prompt. Input from a pipe (\`yes | apt-get install …\`) and a yes configured earlier in the template's
scripts (\`APT::Get::Assume-Yes\`, \`assumeyes=1\`, choco's \`allowGlobalConfirmation\`) count as answers.`,
    examples: { bad: `"inline": ["sudo apt-get upgrade"]`, good: `"inline": ["sudo apt-get upgrade -y"]` },
  },
  check(ctx) {
    const all = inlineSteps(ctx);
    // whether each manager is configured to answer yes, read from all the scripts once
    let scripts: string | undefined;
    const configured = new Map<Manager, boolean>();
    const isConfigured = (manager: Manager): boolean => {
      let yes = configured.get(manager);
      if (yes === undefined) {
        scripts ??= all.map((s) => s.script.text).join("\n");
        configured.set(manager, (yes = manager.configured.test(scripts)));
      }
      return yes;
    };
    for (const step of all) {
      for (const line of step.literal) {
        if (!MENTIONS_MANAGER.test(line.text)) continue;
        for (const command of line.commands) {
          const question = asks(command, isConfigured);
          if (!question) continue;
          const noninteractive = /DEBIAN_FRONTEND=noninteractive/.test(line.text) && MANAGERS[command.program] === APT ? " (DEBIAN_FRONTEND=noninteractive does not answer it)" : "";
          ctx.report({
            at: locateInItem(ctx, line.node, line.offset + command.start, line.offset + command.end),
            message: `"${question.text}" waits for a yes/no answer that nobody gives on the build VM, so the step aborts or hangs${noninteractive}: ${question.fix}`,
          });
        }
      }
    }
  },
};

function asks(command: SimpleCommand, isConfigured: (manager: Manager) => boolean): { text: string; fix: string } | undefined {
  if (command.piped) return undefined;
  const alias = CHOCO_ALIASES[command.program];
  const manager = alias ? CHOCO : MANAGERS[command.program];
  if (!manager || isConfigured(manager)) return undefined;
  const args = command.args.map((w: Word) => w.text.replace(/^["']|["']$/g, ""));
  let sub = alias;
  for (let i = 0; !sub && i < args.length; i++) {
    if (manager.withValue.has(args[i]!)) i++;
    else if (!args[i]!.startsWith("-")) sub = args[i]!.toLowerCase();
  }
  if (!sub || !manager.asks.has(sub) || args.some(manager.answers)) return undefined;
  return { text: `${command.program} ${alias ? "" : `${sub}`}`.trim(), fix: manager.fix };
}
