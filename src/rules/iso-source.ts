import { atLeast } from "../model/versions.js";
import { isPlaceholder } from "./placeholder.js";
import type { Rule } from "./types.js";

const SUPPORTED = ["7.3", "7.4", "7.5"];

/** The RHEL release in an ISO's file name, e.g. rhel-server-7.4-x86_64-dvd.iso → "7.4". */
export function rhelRelease(uri: string): string | undefined {
  const file = uri.split(/[?#]/)[0]!.split("/").pop() ?? "";
  const match = /rhel[-_ ]?(?:server[-_ ]?)?(\d+)[._](\d+)/i.exec(file);
  return match ? `${match[1]}.${match[2]}` : undefined;
}

export const rule: Rule = {
  meta: {
    id: "iso-source",
    severity: "error",
    description: "An ISO source is a RHEL 7.3, 7.4 or 7.5 binary DVD, read from the ISO's file name.",
    versions: "up to 2019-05-01-preview",
    stage: "rule",
    docs: `The \`ISO\` source type took Red Hat Enterprise Linux binary DVD ISOs from the Red Hat download centre.
Only RHEL 7.3, 7.4 and 7.5 were supported (the swagger's "7.2–7.5" was never what the docs or the
service allowed; 7.6 was not supported). The release is read from the ISO's file name in \`sourceUri\`,
e.g. \`rhel-server-7.4-x86_64-dvd.iso\`; a name it cannot read gets a warning.

History: the 2020 documentation still describes ISO sources, but they were removed from the API in
2020-02-14, the service stopped accepting them on 31 March 2020 and stopped processing templates that
hold them on 30 April 2020. So any ISO source is now an error too (at its \`type\`), pointing to the
RedHat platform images that replace it; the release check still tells which ISOs were ever supported.`,
    examples: { bad: `"sourceUri": "https://.../rhel-server-7.2-x86_64-dvd.iso"`, good: `"sourceUri": "https://.../rhel-server-7.5-x86_64-dvd.iso"` },
  },
  create(ctx) {
    return {
      template(view) {
        const { source } = view;
        if (!source || view.sourceType !== "ISO") return;
        // from 2020-02-14 the schema stage reports ISO as a type the version does not have
        if (!atLeast(view.template.version, "2020-02-14")) {
          ctx.report({
            at: view.get(source, "type")!.value,
            message: "the service has not accepted ISO sources since March 2020 (removed from the API in 2020-02-14); use a RedHat PlatformImage source instead",
          });
        }
        const uri = view.get(source, "sourceUri") ?? view.get(source, "sourceURI");
        const value = view.literal(uri?.value);
        if (value === undefined || isPlaceholder(value)) return;
        const release = rhelRelease(value);
        if (!release) {
          ctx.report({ at: uri!.value, severity: "warning", message: "cannot tell the RHEL release from the ISO's file name; only RHEL 7.3, 7.4 and 7.5 are supported" });
        } else if (!SUPPORTED.includes(release)) {
          ctx.report({ at: uri!.value, message: `the ISO is RHEL ${release}; Image Builder supports only RHEL 7.3, 7.4 and 7.5 ISOs` });
        }
      },
    };
  },
};
