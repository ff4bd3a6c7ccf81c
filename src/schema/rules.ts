import type { RuleMeta } from "../core/rule-meta.js";

const schema = (id: string, severity: RuleMeta["severity"], description: string, docs: string, examples?: RuleMeta["examples"]): RuleMeta => ({
  id,
  severity,
  description,
  docs,
  versions: "all",
  stage: "schema",
  ...(examples ? { examples } : {}),
});

/** Rules whose findings may carry a fix: one spelling is the only right one. */
const FIXABLE = new Set(["unknown-property", "unknown-type", "allowed-values"]);

/** Findings of the JSON Schema stage (schemas/<apiVersion>.json). */
export const SCHEMA_RULES: RuleMeta[] = [
  schema(
    "unknown-property",
    "error",
    "A property the API version does not define.",
    `Before 2024-02-01 the service ignores fields it does not know, silently: a misspelt \`custmize\` or
\`aritfactTags\` means the customization or the tags are lost. From 2024-02-01 it rejects the template
("unknown field"). Either way it is an error; the message suggests the closest known name.`,
    { bad: `"custmize": [...]`, good: `"customize": [...]` },
  ),
  schema(
    "property-version",
    "error",
    "A property or type used outside the API versions that define it.",
    `Each API version adds (and a few remove) properties: \`validate\` from 2022-02-14, \`optimize\`, \`targetRegions\`,
\`versioning\` and VHD \`uri\` from 2022-07-01, \`errorHandling\` from 2023-07-01, \`autoRun\`,
\`managedResourceTags\` and \`containerInstanceSubnetId\` from 2024-02-01, \`additionalDataDisks\` and
\`replicationMode\` in 2025-10-01; ISO sources only up to 2019-05-01-preview. Used with an older
apiVersion they are ignored or rejected; the message names the version that introduced them.`,
    { bad: `"apiVersion": "2020-02-14", ... "optimize": {...}`, good: `"apiVersion": "2022-07-01", ... "optimize": {...}` },
  ),
  schema(
    "required-property",
    "error",
    "A property the API version requires is missing.",
    `For example \`properties.source\`, \`properties.distribute\`, a distributor's \`runOutputName\`, a ManagedImage's
\`imageId\` and \`location\`, or \`replicationRegions\` of a SharedImage up to 2022-02-14.`,
  ),
  schema(
    "value-type",
    "error",
    "A value of the wrong JSON type.",
    `A number written as a string (\`"buildTimeoutInMinutes": "80"\`), \`inline\` as one string instead of an array,
\`runElevated: "true"\`. The service's strict JSON decoding rejects them.`,
    { bad: `"buildTimeoutInMinutes": "80"`, good: `"buildTimeoutInMinutes": 80` },
  ),
  schema(
    "unknown-type",
    "error",
    "A source, customizer, distributor, validator or versioning type the API version does not have.",
    `The \`type\` of sources, customizers, distributors and validators (and \`scheme\` of versioning) selects the
object's shape and is case-sensitive in every version. The 2020 documentation wrote \`managedImage\` and
\`sharedImage\` (the 2018 preview's spelling): the service rejects them with "Field 'distribute[0].type'
has a bad value". Write \`ManagedImage\`, \`SharedImage\`, \`VHD\`.`,
    { bad: `"type": "sharedImage"`, good: `"type": "SharedImage"` },
  ),
  schema(
    "allowed-values",
    "error",
    "A value outside the property's allowed values.",
    `Enumerations are case-sensitive: \`UserAssigned\`, \`Standard_LRS\`/\`Standard_ZRS\`/\`Premium_LRS\`, \`Enabled\`/\`Disabled\`,
lowercase \`cleanup\`/\`abort\`, \`Full\`/\`Shallow\`.`,
  ),
  schema("value-range", "error", "A number outside its allowed range.", `For example \`osDiskSizeGB\` below 0, \`replicaCount\` below 1, \`updateLimit\` below 0, \`versioning.major\` below -1.`),
  schema(
    "value-pattern",
    "error",
    "A string that does not match its required pattern.",
    `Strings with a fixed shape whose pattern the schema states; the service validates them the same way and rejects a mismatch.`,
  ),
  schema(
    "read-only-property",
    "warning",
    "A property set by the service, usually copied from a GET response.",
    `\`provisioningState\`, \`lastRunStatus\`, \`exactVersion\`, \`exactStagingResourceGroup\`, identity \`principalId\`/\`clientId\`
are outputs; in a request they are ignored. Remove them.`,
  ),
  schema(
    "deprecated-property",
    "warning",
    "A property deprecated in the template's API version.",
    `From 2022-07-01 a SharedImage distributor's \`replicationRegions\` and distributor-level \`storageAccountType\`
are deprecated in favour of \`targetRegions\`.`,
  ),
  schema(
    "property-case",
    "info",
    "A property name matched only case-insensitively (accepted before 2024-02-01).",
    `Before 2024-02-01 the service matched field names case-insensitively, so \`imageVersionID\` or \`sourceURI\`
worked. From 2024-02-01 names must match exactly. A note, so that an upgrade of apiVersion does not
surprise you.`,
    { bad: `"imageVersionID": "..."`, good: `"imageVersionId": "..."` },
  ),
].map((r) => (FIXABLE.has(r.id) ? { ...r, fixable: true as const } : r));
