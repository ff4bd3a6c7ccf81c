import type { RuleMeta } from "../core/rule-meta.js";

/** How deep modules calling modules are followed. */
export const MAX_MODULE_NESTING = 3;
/** How many module calls of one file are followed. */
export const MAX_MODULE_CALLS = 32;

/** Findings of the template-finding stage. */
export const FIND_RULES: RuleMeta[] = [
  {
    id: "no-template",
    severity: "warning",
    description: "A file or directory named on the command line holds no image template.",
    versions: "all",
    stage: "find",
    docs: `aib-lint looks for objects whose \`type\` is \`Microsoft.VirtualMachineImages/imageTemplates\` (any case): at the
root, in an ARM deployment template's \`resources\` (also nested deployments and languageVersion 2.0
symbolic resources), or a REST request body (\`properties\` with \`source\` and \`distribute\`). A file named
explicitly that holds none gets this warning; files found by walking a directory are skipped silently, but a
directory (or quoted glob) in which no file holds a template gets the warning, so that a wrong path in CI is
noticed. It counts like any warning for \`--fail-level\` and \`--max-warnings\`.`,
  },
  {
    id: "expression",
    severity: "info",
    description: "A section given by one ARM expression is not checked.",
    versions: "all",
    stage: "find",
    docs: `ARM expressions (\`"[parameters('x')]"\`) are evaluated at deployment, so aib-lint never judges them as
literal values. When a whole section such as \`properties\` is one expression (Azure Verified Modules do
this), its content is unknown and is skipped with this note.`,
  },
  {
    id: "parameters-file",
    severity: "error",
    description: "The parameters file (or a Bicep module call) names a parameter the template does not declare, gives a value of the wrong type, or (.bicepparam) is for another template.",
    versions: "all",
    stage: "find",
    docs: `With \`--parameters\`, an ARM parameters file is held against each ARM deployment template it is used with:
a parameter the template does not declare (\`"locaton"\`) and a value of the wrong type for its declaration
(an array for a \`string\`, text for an \`int\`) make ARM reject the deployment. The finding stands in the
parameters file, at the name or the value, with a suggestion for a misspelt name. A \`.bicepparam\` file is
held against the Bicep template so too, and its \`using\` target must be the linted file. The \`params\` of a
Bicep \`module\` call are held against the module so, the finding at the caller's key or value.`,
  },
  {
    id: "module",
    severity: "info",
    description: "A module the Bicep file calls is not followed: a registry module, or a local one that cannot be read.",
    versions: "all",
    stage: "find",
    docs: `A local module (\`module image 'image.bicep' = { params: {…} }\`) is linted once per call with the values
the caller passes, and a finding on a passed value stands in the calling file, at the value. Registry modules
(\`br:\`, \`br/public:\`, \`ts:\`) are not fetched: this note at the module's path says their templates are
not checked. So does it for a local module that is not followed: outside the caller's repository (the nearest
folder up that holds .git), not a regular file, over --max-file-size, nested more than ${MAX_MODULE_NESTING} deep, or past
${MAX_MODULE_CALLS} calls from one linted file (its modules' calls included).`,
  },
];
