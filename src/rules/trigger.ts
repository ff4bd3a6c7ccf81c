import type { ObjectNode, ValueNode } from "../parse/ast.js";
import { isApiVersion, versionIndex } from "../model/versions.js";
import type { Rule, TemplateView } from "./types.js";
import { replaceString } from "../edit/rewrite.js";
import { clip, quote } from "../util/text.js";

export const rule: Rule = {
  meta: {
    id: "trigger",
    severity: "error",
    description: "A source-image trigger has kind SourceImage, and its template builds from a `latest` source into an unpinned gallery version.",
    versions: "2022-07-01 and later (triggers)",
    stage: "rule",
    fixable: true,
    docs: `A trigger (child resource \`triggers\`, API 2022-07-01 or later) starts a build when a new source image is
published. Its \`properties.kind\` must be exactly \`SourceImage\`. The service accepts it only when the template's
source follows new versions — a PlatformImage with \`version: "latest"\`, or a SharedImageVersion whose
\`imageVersionId\` ends in \`/versions/latest\` — and when no SharedImage distributor pins an explicit version in
\`galleryImageId\`; the target image definition must differ from a gallery source's. One trigger per template;
its name follows \`^[A-Za-z0-9-_.]{1,64}$\`. Checked for triggers in the template's own \`resources\` and for
top-level \`Microsoft.VirtualMachineImages/imageTemplates/triggers\` resources named \`<template>/<trigger>\`
(as Bicep compiles them).`,
    examples: {
      bad: `"resources": [{"type": "triggers", "name": "onNewImage", "apiVersion": "2022-07-01", "properties": {"kind": "sourceImage"}}]`,
      good: `"resources": [{"type": "triggers", "name": "onNewImage", "apiVersion": "2022-07-01", "properties": {"kind": "SourceImage"}}]`,
    },
  },
  create(ctx) {
    return {
      template(view) {
        const triggers = triggersOf(view);
        const pattern = /^[A-Za-z0-9-_.]{1,64}$/;
        for (const [index, { node: trigger, name }] of triggers.entries()) {
          const apiVersion = view.get(trigger, "apiVersion");
          const version = view.literal(apiVersion?.value);
          if (version !== undefined && (!isApiVersion(version) || versionIndex(version) < versionIndex("2022-07-01"))) {
            ctx.report({ at: apiVersion!.value, message: `triggers exist from apiVersion 2022-07-01; ${quote(version)} has none` });
          }
          const kind = view.get(view.get(trigger, "properties")?.value, "kind");
          const kindValue = view.literal(kind?.value);
          if (kindValue !== undefined && kindValue !== "SourceImage") {
            const caseOnly = kindValue.toLowerCase() === "sourceimage";
            const fix = caseOnly && kind!.value.kind === "string" ? replaceString(view.template.source.text, kind!.value, "SourceImage") : undefined;
            ctx.report({
              at: kind!.value,
              message: `trigger kind ${quote(kindValue)} is not "SourceImage"${caseOnly ? " (values are case-sensitive)" : ""}`,
              ...(fix ? { fixes: [fix] } : {}),
            });
          }
          if (name && name.value !== undefined && !pattern.test(name.value)) {
            ctx.report({ at: name.node, message: `trigger name ${quote(name.value)} must be 1 to 64 letters, digits, '-', '_' or '.'` });
          }
          if (index > 0) ctx.report({ at: view.get(trigger, "type")?.value ?? trigger, message: "a template can have only one SourceImage trigger" });
        }
        if (triggers.length === 0) return;
        const { source, sourceType: type } = view;
        const where = view.get(source, "type")?.value;
        let sourceDefinition: string | undefined;
        if (type === "PlatformImage") {
          const version = view.get(source, "version");
          const value = view.literal(version?.value);
          if (value !== undefined && value.toLowerCase() !== "latest") ctx.report({ at: version!.value, message: `a template with a trigger needs source version "latest", not ${quote(value)}` });
        } else if (type === "SharedImageVersion") {
          const id = view.get(source, "imageVersionId");
          const value = view.literal(id?.value);
          if (value !== undefined && !/\/versions\/latest\/?$/i.test(value)) ctx.report({ at: id!.value, message: "a template with a trigger needs an imageVersionId ending in /versions/latest" });
          sourceDefinition = value?.replace(/\/versions\/[^/]+\/?$/i, "").toLowerCase();
        } else if (type !== undefined && where) {
          ctx.report({ at: where, message: `a trigger needs a PlatformImage or SharedImageVersion source that follows "latest"; a ${clip(type)} source never changes` });
        }
        for (const target of view.distributors) {
          if (target.type !== "SharedImage") continue;
          const gallery = view.get(target.node, "galleryImageId");
          const value = view.literal(gallery?.value);
          if (value === undefined) continue;
          if (/\/versions\/[^/]+\/?$/i.test(value)) ctx.report({ at: gallery!.value, message: "with a trigger, galleryImageId must not pin a version: each build needs a new one" });
          else if (sourceDefinition !== undefined && value.replace(/\/$/, "").toLowerCase() === sourceDefinition) {
            ctx.report({ at: gallery!.value, message: "with a trigger, the target image definition must differ from the source's, or each build would trigger the next" });
          }
        }
      },
    };
  },
};

interface TriggerRef {
  node: ObjectNode;
  /** The trigger's own name (after "<template>/" for a top-level resource). */
  name?: { value: string | undefined; node: ValueNode };
}

/** Triggers in the template's own `resources`, and top-level trigger resources of the same deployment that name it. */
function triggersOf(view: TemplateView): TriggerRef[] {
  const out: TriggerRef[] = [];
  const nameOf = (node: ObjectNode, topLevel: boolean): TriggerRef["name"] => {
    const n = view.get(node, "name")?.value;
    if (!n) return undefined;
    const value = view.literal(n);
    return { value: topLevel && value !== undefined ? value.slice(value.indexOf("/") + 1) : value, node: n };
  };
  const children = view.get(view.template.node, "resources")?.value;
  if (children?.kind === "array") {
    for (const c of children.items) {
      if (c.kind === "object" && /(^|\/)triggers$/i.test(view.literal(view.get(c, "type")?.value) ?? "")) out.push({ node: c, name: nameOf(c, false) });
    }
  }
  const deployment = view.template.found.deployment;
  const resources = deployment ? view.get(deployment, "resources")?.value : undefined;
  if (!resources) return out;
  const index = deploymentIndex(view, resources);
  const templateName = view.literal(view.get(view.template.node, "name")?.value);
  // languageVersion 2.0: the template's symbolic name, which a trigger names as its `parent`
  const symbolic = index.symbolic.get(view.template.found.node);
  const candidates = [
    ...(symbolic !== undefined ? (index.byParent.get(symbolic) ?? []) : []),
    // a trigger's name decides, unless the template's name is not literal: then only a lone template owns them
    ...(templateName !== undefined ? (index.byTemplate.get(firstSegment(templateName.toLowerCase())) ?? []) : index.templates === 1 ? [...index.byTemplate.values()].flat() : []),
    ...(index.templates === 1 ? index.unnamed : []),
  ].sort((a, b) => a.node.start - b.node.start);
  for (const { node: r, name, parent } of candidates) {
    const mine =
      parent !== undefined
        ? parent === symbolic
        : name !== undefined && templateName !== undefined
          ? name.toLowerCase().startsWith(`${templateName.toLowerCase()}/`)
          : index.templates === 1;
    if (mine) out.push({ node: r, name: nameOf(r, parent === undefined) });
  }
  return out;
}

interface TopLevelTrigger {
  node: ObjectNode;
  name?: string;
  parent?: string;
}

interface DeploymentIndex {
  /** How many image templates the deployment declares. */
  templates: number;
  /** Top-level triggers by `parent`, by the lower-case template part of their name, and those with neither. */
  byParent: Map<string, TopLevelTrigger[]>;
  byTemplate: Map<string, TopLevelTrigger[]>;
  unnamed: TopLevelTrigger[];
  symbolic: Map<ValueNode, string>;
}

/** One pass over a deployment's resources, shared by all its templates (10,000 templates must not mean 10,000 passes). */
const indexes = new WeakMap<ValueNode, Map<boolean, DeploymentIndex>>();

function deploymentIndex(view: TemplateView, resources: ValueNode): DeploymentIndex {
  let byMode = indexes.get(resources);
  if (!byMode) indexes.set(resources, (byMode = new Map()));
  let index = byMode.get(view.template.strict);
  if (index) return index;
  const members = resources.kind === "object" ? resources.members : [];
  const list = resources.kind === "array" ? resources.items : members.map((m) => m.value);
  index = { templates: 0, byParent: new Map(), byTemplate: new Map(), unnamed: [], symbolic: new Map(members.map((m) => [m.value, m.key])) };
  for (const r of list) {
    if (r.kind !== "object") continue;
    const type = view.literal(view.get(r, "type")?.value) ?? "";
    if (/\/imagetemplates$/i.test(type)) index.templates++;
    else if (/\/imagetemplates\/triggers$/i.test(type)) {
      const name = view.literal(view.get(r, "name")?.value);
      const parent = view.literal(view.get(r, "parent")?.value);
      const entry: TopLevelTrigger = { node: r, ...(name !== undefined ? { name } : {}), ...(parent !== undefined ? { parent } : {}) };
      if (parent !== undefined) push(index.byParent, parent, entry);
      else if (name !== undefined) push(index.byTemplate, firstSegment(name.toLowerCase()), entry);
      else index.unnamed.push(entry);
    }
  }
  byMode.set(view.template.strict, index);
  return index;
}

function firstSegment(name: string): string {
  const slash = name.indexOf("/");
  return slash < 0 ? name : name.slice(0, slash);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
