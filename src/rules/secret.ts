import { KeySet } from "./match.js";
import type { Rule } from "./types.js";

const SAS = /[?&](sig|access_token|code)=[^&\s"']+/i;
// a scheme is short; bounding it keeps the search linear on long runs such as "a.a.a.a…"
const USER_INFO = /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^/\s:@]+:[^/\s@]+@/i;
const ASSIGNMENT = /(?:^|[\s;'"(-])\$?(?:env:)?([a-z_]*(?:password|passwd|pwd|secret|api_?key|token))\s*[:=]\s*(['"]?)([^\s'"$%{(]{4,})\2/i;
const CHPASSWD = /echo\s+(['"]?)[^\s:'"]+:[^\s'"$]{4,}\1\s*\|\s*(?:sudo\s+)?chpasswd/;
const NET_USER = /\bnet\s+user\s+\S+\s+(?!\*)(['"]?)[^\s/'"$]{4,}\1\s+\/add\b/i;
const PLAIN_SECURE_STRING = /ConvertTo-SecureString\s+(?:-String\s+)?(['"])[^'"$]+\1\s+-AsPlainText/i;
const PASSWORD_ARGUMENT = /-(?:Password|p)\s+(['"])[^'"$]{4,}\1/;

/** The patterns read in inline commands (exported for the test of COMMAND_MAY_HOLD). */
export const COMMAND_PATTERNS: readonly RegExp[] = [PLAIN_SECURE_STRING, PASSWORD_ARGUMENT, NET_USER, CHPASSWD, ASSIGNMENT];

/** Each command pattern needs one of these: `=` or `:` (assignments, chpasswd), a quote, or `/add` (net user). */
const COMMAND_MAY_HOLD = /[=:'"/]/;

/** Why a string looks like it carries a secret, if it does. */
export function secretIn(value: string, command: boolean): string | undefined {
  // (a SAS holds "=", user info "@")
  if (value.includes("=") && SAS.test(value)) return "a URI carrying a SAS or access token";
  if (value.includes("@") && USER_INFO.test(value)) return "a URI with a user name and password";
  if (!command || !COMMAND_MAY_HOLD.test(value)) return undefined; // most lines: no regex to run
  if (PLAIN_SECURE_STRING.test(value)) return "a plain-text password turned into a SecureString";
  if (PASSWORD_ARGUMENT.test(value) || NET_USER.test(value)) return "a password passed on the command line";
  if (CHPASSWD.test(value)) return "a password set with chpasswd";
  const assignment = ASSIGNMENT.exec(value);
  if (assignment) return `a literal ${assignment[1]!.toLowerCase()} assignment`;
  return undefined;
}

const SCRIPT_KEYS = new KeySet(["inline", "restartcommand", "restartcheckcommand"]);

export const rule: Rule = {
  meta: {
    id: "secret",
    severity: "warning",
    description: "A secret in a URI (SAS token, user:password) or in inline commands.",
    versions: "all",
    stage: "rule",
    docs: `The template reference says never to put sensitive data in scripts or the template: templates are stored
in the resource, visible to anyone with read access, and logged in customization.log. A storage URL with a
SAS signature (\`sig=\`), credentials in a URL's user part, or an inline command that assigns a literal
password are reported. Give the template's identity read access to the storage account instead of a SAS
token, and fetch secrets at build time (Key Vault through the identity).`,
    examples: {
      bad: `"scriptUri": "https://store.blob.core.windows.net/scripts/setup.sh?sv=2022-11-02&sig=abc123"`,
      good: `"scriptUri": "https://store.blob.core.windows.net/scripts/setup.sh"`,
    },
  },
  create(ctx) {
    return {
      string(node, where) {
        if (!where.inProperties) return;
        const why = secretIn(node.value, SCRIPT_KEYS.has(where.key));
        if (why) ctx.report({ at: node, message: `${why}: templates are readable by anyone with access to the resource; use the template's identity or Key Vault instead` });
      },
    };
  },
};
