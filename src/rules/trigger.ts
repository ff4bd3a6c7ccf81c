import type { ObjectNode } from "../parse/ast.js";
import { isApiVersion, versionIndex } from "../schema/versions.js";
import type { Rule } from "./types.js";

export const rule: Rule = {
  meta: {
    id: "trigger",
    severity: "error",
    description: "A source-image trigger has kind SourceImage, and its template builds from a `latest` source into an unpinned gallery version.",
    versions: "2022-07-01 and later (triggers)",
    stage: "rule",
    docs: `A trigger (child resource \`triggers\`, API 2022-07-01 or later) starts a build when a new source image is
published. Its \`properties.kind\` must be exactly \`SourceImage\`. The service accepts it only when the template's
source follows new versions — a PlatformImage with \`version: "latest"\`, or a SharedImageVersion whose
\`imageVersionId\` ends in \`/versions/latest\` — and when no SharedImage distributor pins an explicit version in
\`galleryImageId\`. Checked for triggers declared in the template's own \`resources\`.`,
    examples: {
      bad: `"resources": [{"type": "triggers", "name": "onNewImage", "apiVersion": "2022-07-01", "properties": {"kind": "sourceImage"}}]`,
      good: `"resources": [{"type": "triggers", "name": "onNewImage", "apiVersion": "2022-07-01", "properties": {"kind": "SourceImage"}}]`,
    },
  },
  check(ctx) {
    const children = ctx.get(ctx.template.node, "resources")?.value;
    if (children?.kind !== "array") return;
    const triggers = children.items.filter((c): c is ObjectNode => c.kind === "object" && /(^|\/)triggers$/i.test(ctx.literal(ctx.get(c, "type")?.value) ?? ""));
    for (const trigger of triggers) {
      const apiVersion = ctx.get(trigger, "apiVersion");
      const version = ctx.literal(apiVersion?.value);
      if (version !== undefined && (!isApiVersion(version) || versionIndex(version) < versionIndex("2022-07-01"))) {
        ctx.report({ at: apiVersion!.value, message: `triggers exist from apiVersion 2022-07-01; "${version}" has none` });
      }
      const kind = ctx.get(ctx.get(trigger, "properties")?.value, "kind");
      const kindValue = ctx.literal(kind?.value);
      if (kindValue !== undefined && kindValue !== "SourceImage") {
        ctx.report({ at: kind!.value, message: `trigger kind "${kindValue}" is not "SourceImage"${kindValue.toLowerCase() === "sourceimage" ? " (values are case-sensitive)" : ""}` });
      }
    }
    if (triggers.length === 0) return;
    const source = ctx.get(ctx.template.properties, "source")?.value;
    const type = ctx.literal(ctx.get(source, "type")?.value);
    const where = ctx.get(source, "type")?.value;
    if (type === "PlatformImage") {
      const version = ctx.get(source, "version");
      const value = ctx.literal(version?.value);
      if (value !== undefined && value.toLowerCase() !== "latest") ctx.report({ at: version!.value, message: `a template with a trigger needs source version "latest", not "${value}"` });
    } else if (type === "SharedImageVersion") {
      const id = ctx.get(source, "imageVersionId");
      const value = ctx.literal(id?.value);
      if (value !== undefined && !/\/versions\/latest\/?$/i.test(value)) ctx.report({ at: id!.value, message: "a template with a trigger needs an imageVersionId ending in /versions/latest" });
    } else if (type !== undefined && where) {
      ctx.report({ at: where, message: `a trigger needs a PlatformImage or SharedImageVersion source that follows "latest"; a ${type} source never changes` });
    }
    for (const target of ctx.items("distribute")) {
      if (ctx.literal(ctx.get(target, "type")?.value) !== "SharedImage") continue;
      const gallery = ctx.get(target, "galleryImageId");
      const value = ctx.literal(gallery?.value);
      if (value !== undefined && /\/versions\/[^/]+\/?$/i.test(value)) ctx.report({ at: gallery!.value, message: "with a trigger, galleryImageId must not pin a version: each build needs a new one" });
    }
  },
};
