import { LINUX } from "../helpers.js";
import { ruleTester } from "../rule-tester.js";

const GALLERY = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/d";
/** LINUX with a nested trigger resource on line 23. */
const withTrigger = (kind: string, triggerVersion = "2022-07-01") => ({
  lines: { 23: `  }, "resources": [ { "type": "triggers", "name": "onNew", "apiVersion": "${triggerVersion}", "properties": { "kind": "${kind}" } } ]` },
});

const TEMPLATE = { ...JSON.parse(LINUX), name: "golden" };
/** An ARM deployment template with the template "golden" and top-level triggers. */
const arm = (...triggers: object[]) => JSON.stringify({ contentVersion: "1.0.0.0", resources: [TEMPLATE, ...triggers] }, null, 2);
const trigger = (name: string, kind = "SourceImage") => ({ type: "Microsoft.VirtualMachineImages/imageTemplates/triggers", apiVersion: "2022-07-01", name, properties: { kind } });
const SAME_TARGET = JSON.stringify(
  {
    contentVersion: "1.0.0.0",
    resources: [
      {
        ...TEMPLATE,
        properties: {
          ...TEMPLATE.properties,
          source: { type: "SharedImageVersion", imageVersionId: `${GALLERY}/versions/latest` },
          distribute: [{ type: "SharedImage", galleryImageId: GALLERY, runOutputName: "sig", targetRegions: [{ name: "westus2" }] }],
        },
      },
      trigger("golden/t"),
    ],
  },
  null,
  2,
);
/** languageVersion 2.0: a trigger whose parent is a symbolic name. */
const symbolic = (parent: string) =>
  JSON.stringify(
    {
      languageVersion: "2.0",
      contentVersion: "1.0.0.0",
      resources: { tpl: JSON.parse(LINUX), trig: { type: "Microsoft.VirtualMachineImages/imageTemplates/triggers", apiVersion: "2022-07-01", parent, name: "onNew", properties: { kind: "sourceimage" } } },
    },
    null,
    2,
  );

ruleTester.run("trigger", {
  valid: [
    { name: "no trigger" },
    { name: "a valid trigger", ...withTrigger("SourceImage") },
    { name: "a top-level trigger of another template", text: arm(trigger("other/t1", "x")) },
    { name: "languageVersion 2.0: a trigger of another symbolic name", text: symbolic("other") },
  ],
  invalid: [
    { name: "a kind other than SourceImage, at the value", ...withTrigger("sourceImage"), errors: [{ line: 23, at: `"sourceImage"`, severity: "error", includes: "case-sensitive" }] },
    { name: "a trigger API version without triggers", ...withTrigger("SourceImage", "2022-02-14"), errors: [{ line: 23, at: `"2022-02-14"` }] },
    {
      name: "a source that does not follow latest, and a pinned gallery version",
      lines: {
        ...withTrigger("SourceImage").lines,
        13: `    "source": { "type": "PlatformImage", "publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen2", "version": "22.04.202311010" },`,
        21: `      { "type": "SharedImage", "galleryImageId": "${GALLERY}/versions/1.0.0", "runOutputName": "sig", "targetRegions": [{ "name": "westus2" }] }`,
      },
      errors: [
        { line: 13, at: `"22.04.202311010"` },
        { line: 21, at: `"${GALLERY}/versions/1.0.0"` },
      ],
    },
    {
      name: "a top-level trigger named <template>/<trigger>",
      text: arm(trigger("golden/on new", "sourceImage")),
      errors: [
        { at: `"golden/on new"`, includes: `"on new"` },
        { at: `"sourceImage"`, includes: `"sourceImage"` },
      ],
    },
    {
      name: "a second trigger",
      text: arm(trigger("golden/t1"), trigger("golden/t2")),
      // at the second trigger's type
      errors: [{ line: 68, column: 15, message: "a template can have only one SourceImage trigger" }],
    },
    { name: "a target definition that is the gallery source's", text: SAME_TARGET, errors: [{ at: `"${GALLERY}"`, includes: "must differ from the source's" }] },
    { name: "languageVersion 2.0: a trigger matched to its parent by symbolic name", text: symbolic("tpl"), errors: [{ at: `"sourceimage"` }] },
  ],
});
