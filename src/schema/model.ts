/**
 * The image template format across every API version, as one model: each property and union variant
 * carries the versions it exists in. `scripts/generate-schemas.mjs` turns it into one JSON Schema per
 * version in `schemas/`. Sources: ../shared/reference/FACTS.md, property-matrix.md and the seed page.
 */
import type { JsonValue } from "../parse/ast.js";
import type { ApiVersion, VersionRange } from "../model/versions.js";

export type EnumValue = string | ({ value: string } & VersionRange);

export type TypeSpec =
  | { kind: "string"; enum?: EnumValue[]; pattern?: string; hint?: string }
  | { kind: "integer"; minimum?: number; maximum?: number }
  | { kind: "boolean" }
  | { kind: "object"; props: Props; open?: boolean }
  | { kind: "map"; values: TypeSpec }
  | { kind: "array"; items: TypeSpec }
  | { kind: "union"; tag: string; variants: Variant[]; name: string }
  | { kind: "any" };

export interface PropSpec extends VersionRange {
  type: TypeSpec;
  description: string;
  /** Required in every version it exists in (true) or in a range of them. */
  required?: boolean | VersionRange;
  /** Set by the service; ignored in requests. */
  readOnly?: boolean;
  /** Accepted but deprecated, from the given version on. */
  deprecated?: { since: ApiVersion; message: string };
  /** Said where the property is used outside its versions (a rename, a replacement). */
  hint?: string;
  /** The service's value when the property is left out (editor schemas and hover show it). */
  default?: JsonValue;
}

export type Props = Record<string, PropSpec>;

export interface Variant extends VersionRange {
  value: string;
  description: string;
  props: Props;
  hint?: string;
}

const string = (description: string, extra: Omit<PropSpec, "type" | "description"> = {}): PropSpec => ({
  type: { kind: "string" },
  description,
  ...extra,
});
const integer = (description: string, minimum?: number, maximum?: number, extra: Omit<PropSpec, "type" | "description"> = {}): PropSpec => ({
  type: { kind: "integer", ...(minimum !== undefined ? { minimum } : {}), ...(maximum !== undefined ? { maximum } : {}) },
  description,
  ...extra,
});
const boolean = (description: string, extra: Omit<PropSpec, "type" | "description"> = {}): PropSpec => ({
  type: { kind: "boolean" },
  description,
  ...extra,
});
const stringArray = (description: string, extra: Omit<PropSpec, "type" | "description"> = {}): PropSpec => ({
  type: { kind: "array", items: { kind: "string" } },
  description,
  ...extra,
});
const stringMap = (description: string, extra: Omit<PropSpec, "type" | "description"> = {}): PropSpec => ({
  type: { kind: "map", values: { kind: "string" } },
  description,
  ...extra,
});
const enumOf = (description: string, values: EnumValue[], extra: Omit<PropSpec, "type" | "description"> = {}): PropSpec => ({
  type: { kind: "string", enum: values },
  description,
  ...extra,
});
const object = (description: string, props: Props, extra: Omit<PropSpec, "type" | "description"> = {}): PropSpec => ({
  type: { kind: "object", props },
  description,
  ...extra,
});

const V18 = "2018-02-01-preview";
const V19_02 = "2019-02-01-preview";
const V19_05 = "2019-05-01-preview";

const SCRIPT_RENAMED = "`script` was renamed `scriptUri` in 2019-05-01-preview";

const sha256Checksum = (since: ApiVersion = V19_05) =>
  string("SHA-256 checksum of the downloaded file, 64 hexadecimal characters (`sha256sum <file>`).", { since });

const shellProps = (validator: boolean): Props => ({
  ...(validator ? {} : { script: string("Script URL (before 2019-05-01-preview).", { until: V19_02, hint: SCRIPT_RENAMED }) }),
  scriptUri: string("URL of the shell script to run; exactly one of `scriptUri` and `inline`.", { since: V19_05 }),
  inline: stringArray("Shell commands to run; exactly one of `scriptUri` and `inline`.", { since: V19_02 }),
  sha256Checksum: sha256Checksum(),
});

const powerShellProps = (validator: boolean): Props => ({
  ...(validator ? {} : { script: string("Script URL (2019-02-01-preview only).", { since: V19_02, until: V19_02, hint: SCRIPT_RENAMED }) }),
  scriptUri: string("URL of the PowerShell script; exactly one of `scriptUri` and `inline`.", { since: V19_05 }),
  inline: stringArray("PowerShell commands to run; exactly one of `scriptUri` and `inline`.", { since: V19_02 }),
  validExitCodes: {
    type: { kind: "array", items: { kind: "integer" } },
    description: "Exit codes that count as success (default [0]).",
    since: V19_02,
    default: [0],
  },
  sha256Checksum: sha256Checksum(),
  runElevated: boolean("Run with elevated permissions (default false).", { since: V19_05, default: false }),
  runAsSystem: boolean("Run as the Local System user; only together with `runElevated: true`.", { since: "2020-02-14" }),
});

const fileProps: Props = {
  sourceUri: string("URL of the single file to download (under 20 MB)."),
  destination: string("Absolute path and file name on the build VM; on Linux only under /tmp."),
  sha256Checksum: sha256Checksum(),
};

const nameProp = string("Friendly name of the step, used to track it in the logs.");

const customizer: TypeSpec = {
  kind: "union",
  name: "customizer",
  tag: "type",
  variants: [
    { value: "shell", until: V18, description: "Shell script (2018-02-01-preview spelling).", props: { name: nameProp, script: string("Script URL.") } },
    { value: "Shell", since: V19_02, description: "Runs a shell script or inline commands (Linux).", props: { name: nameProp, ...shellProps(false) } },
    { value: "PowerShell", since: V19_02, description: "Runs a PowerShell script or inline commands (Windows).", props: { name: nameProp, ...powerShellProps(false) } },
    {
      value: "WindowsRestart",
      since: V19_02,
      description: "Restarts a Windows VM and waits for it to come back.",
      props: {
        name: nameProp,
        restartCommand: string("Command that restarts the VM (default `shutdown /r /f /t 0 /c \"packer restart\"`).", { default: 'shutdown /r /f /t 0 /c "packer restart"' }),
        restartCheckCommand: string("Command that checks the restart succeeded."),
        restartTimeout: string("Restart timeout as magnitude and unit, e.g. `5m` or `2h` (default 5m).", { default: "5m" }),
      },
    },
    { value: "File", since: V19_05, description: "Downloads one file to the build VM.", props: { name: nameProp, ...fileProps } },
    {
      value: "WindowsUpdate",
      since: V19_05,
      description: "Installs Windows updates (service-supported under 2019-05-01-preview from March 2020).",
      props: {
        name: nameProp,
        searchCriteria: string("Windows Update search criteria."),
        filters: stringArray("Filters selecting updates, e.g. `exclude:$_.Title -like '*Preview*'`."),
        updateLimit: integer("Maximum updates installed at a time (0 means 1000).", 0),
      },
    },
  ],
};

const validator: TypeSpec = {
  kind: "union",
  name: "validator",
  tag: "type",
  variants: [
    { value: "Shell", description: "Runs a shell validation script or inline commands.", props: { name: nameProp, ...shellProps(true) } },
    { value: "PowerShell", description: "Runs a PowerShell validation script or inline commands.", props: { name: nameProp, ...powerShellProps(true) } },
    { value: "File", since: "2022-07-01", description: "Downloads one file for validation.", props: { name: nameProp, ...fileProps } },
  ],
};

const STORAGE_TYPES: EnumValue[] = ["Standard_LRS", "Standard_ZRS", { value: "Premium_LRS", since: "2022-07-01" }];

const distributeBase: Props = {
  runOutputName: string("Name of the run output, unique within `distribute`.", { required: true }),
  artifactTags: stringMap("Tags applied to the distributed artifact."),
};

const distributor: TypeSpec = {
  kind: "union",
  name: "distributor",
  tag: "type",
  variants: [
    {
      value: "managedImage",
      until: V18,
      description: "Managed image (2018-02-01-preview spelling).",
      props: { ...distributeBase, imageId: string("Managed image resource ID.", { required: true }), location: string("Region of the managed image.", { required: true }) },
    },
    {
      value: "sharedImage",
      until: V18,
      description: "Shared image gallery (2018-02-01-preview spelling).",
      props: {
        ...distributeBase,
        galleryImageId: string("Gallery image definition resource ID.", { required: true }),
        replicationRegions: stringArray("Regions to replicate to.", { required: true }),
      },
    },
    {
      value: "ManagedImage",
      since: V19_02,
      description: "Distributes to a managed image.",
      props: {
        ...distributeBase,
        imageId: string("Resource ID of the managed image to create.", { required: true }),
        location: string("Region of the managed image.", { required: true }),
      },
    },
    {
      value: "SharedImage",
      since: V19_02,
      description: "Distributes to an Azure Compute Gallery image.",
      props: {
        ...distributeBase,
        galleryImageId: string("Gallery image definition ID, or an explicit image version ID (2020-02-14+).", { required: true }),
        replicationRegions: stringArray("Regions to replicate to; one must be the gallery's region.", {
          required: { until: "2022-02-14" },
          deprecated: { since: "2022-07-01", message: "`replicationRegions` is deprecated from 2022-07-01; use `targetRegions`" },
        }),
        excludeFromLatest: boolean("Exclude the version from `latest` (default false).", { since: "2020-02-14", default: false }),
        storageAccountType: enumOf("Storage account type of the replicas (default Standard_LRS).", STORAGE_TYPES, {
          since: "2020-02-14",
          default: "Standard_LRS",
          deprecated: { since: "2022-07-01", message: "distributor-level `storageAccountType` is deprecated from 2022-07-01; set it per entry of `targetRegions`" },
        }),
        targetRegions: {
          type: {
            kind: "array",
            items: {
              kind: "object",
              props: {
                name: string("Region name.", { required: true }),
                replicaCount: integer("Replicas in this region (default 1).", 1, undefined, { default: 1 }),
                storageAccountType: enumOf("Storage account type (default Standard_LRS).", STORAGE_TYPES, { default: "Standard_LRS" }),
              },
            },
          },
          description: "Regions to replicate to, each with a replica count and storage type.",
          since: "2022-07-01",
        },
        versioning: {
          type: {
            kind: "union",
            name: "versioning",
            tag: "scheme",
            variants: [
              { value: "Latest", description: "Next version after the latest (optionally within `major`).", props: { major: integer("Major version to stay within (-1: unset).", -1) } },
              { value: "Source", description: "Version taken from the source image version.", props: {} },
            ],
          },
          description: "How the new image version number is chosen.",
          since: "2022-07-01",
        },
        replicationMode: enumOf("Replication mode (default Full).", ["Full", "Shallow"], { since: "2025-10-01", default: "Full" }),
      },
    },
    {
      value: "VHD",
      since: V19_02,
      description: "Distributes to a VHD in a storage account.",
      props: { ...distributeBase, uri: string("Blob or container URI for the VHD (empty: the staging storage account).", { since: "2022-07-01" }) },
    },
  ],
};

const source: TypeSpec = {
  kind: "union",
  name: "source",
  tag: "type",
  variants: [
    {
      value: "ISO",
      until: V19_05,
      description: "Red Hat Enterprise Linux 7.3–7.5 binary DVD ISO (removed in 2020-02-14).",
      hint: "ISO sources were removed in 2020-02-14 and the service stopped accepting them in 2020; use a RedHat PlatformImage",
      props: {
        sourceURI: string("URL of the RHEL ISO.", { until: V19_02, required: true }),
        sourceUri: string("URL of the RHEL ISO.", { since: V19_05, required: true }),
        sha256Checksum: string("SHA-256 checksum of the ISO.", { required: true }),
      },
    },
    {
      value: "PlatformImage",
      description: "Azure Marketplace image.",
      props: {
        publisher: string("Image publisher, e.g. Canonical."),
        offer: string("Image offer, e.g. UbuntuServer."),
        sku: string("Image SKU, e.g. 18.04-LTS."),
        version: string("Image version, or `latest` (from the March 2020 service update)."),
        planInfo: object(
          "Purchase plan of the Marketplace image.",
          {
            planName: string("Plan name.", { required: true }),
            planProduct: string("Plan product.", { required: true }),
            planPublisher: string("Plan publisher.", { required: true }),
          },
          { since: "2020-02-14" },
        ),
        exactVersion: string("Version the build resolved; set by the service.", { since: "2021-10-01", readOnly: true }),
      },
    },
    { value: "ManagedImage", since: V19_02, description: "Existing generalized managed image.", props: { imageId: string("Managed image resource ID.", { required: true }) } },
    {
      value: "SharedImageVersion",
      since: V19_05,
      description: "Azure Compute Gallery image version.",
      props: {
        imageVersionId: string("Gallery image version resource ID (may end in /versions/latest from 2022-07-01).", { required: true }),
        exactVersion: string("Version the build resolved; set by the service.", { since: "2022-07-01", readOnly: true }),
      },
    },
  ],
};

const STATE: EnumValue[] = ["Enabled", "Disabled"];
const ON_ERROR: EnumValue[] = ["cleanup", "abort"];

const vmProfile = object(
  "Build VM settings.",
  {
    vmSize: string("Build VM size (default Standard_D1_v2 for Gen1, Standard_D2ds_v4 for Gen2 sources)."),
    osDiskSizeGB: integer("OS disk size in GB; 0 keeps the source size (service-accepted under 2019-05-01-preview).", 0, undefined, { default: 0 }),
    vnetConfig: object("Existing virtual network for the build VM.", {
      subnetId: string("Resource ID of an existing subnet.", { since: "2020-02-14" }),
      proxyVmSize: string("Size of the proxy VM (default Standard_A1_v2); not with `containerInstanceSubnetId`.", { since: "2021-10-01", default: "Standard_A1_v2" }),
      containerInstanceSubnetId: string("Subnet for the isolated-build container instance; needs `subnetId`.", { since: "2024-02-01" }),
      name: string("Virtual network name (legacy form).", { until: V19_05, hint: "from 2020-02-14 the network is given as `subnetId`" }),
      subnetName: string("Subnet name (legacy form).", { until: V19_05, hint: "from 2020-02-14 the network is given as `subnetId`" }),
      resourceGroupName: string("Virtual network resource group (legacy form).", { until: V19_05, hint: "from 2020-02-14 the network is given as `subnetId`" }),
    }),
    userAssignedIdentities: stringArray("User-assigned identities (resource IDs) for the build VM.", { since: "2021-10-01" }),
  },
  { since: V19_05 },
);

const properties: Props = {
  source: { type: source, description: "The image to start from.", required: true },
  customize: { type: { kind: "array", items: customizer }, description: "Customization steps, run in order." },
  distribute: { type: { kind: "array", items: distributor }, description: "Where the image goes.", required: true },
  buildTimeoutInMinutes: integer("Build timeout in minutes: 0 (default, 240 minutes) or 6 to 960.", undefined, undefined, { since: V19_05, default: 0 }),
  vmProfile,
  validate: object(
    "In-VM validation after customization.",
    {
      continueDistributeOnFailure: boolean("Distribute even when validation fails (default false).", { default: false }),
      sourceValidationOnly: boolean("Validate the source image only, without building (default false).", { default: false }),
      inVMValidations: { type: { kind: "array", items: validator }, description: "Validation steps." },
    },
    { since: "2022-02-14" },
  ),
  stagingResourceGroup: string("Resource ID of the staging resource group, in the template's subscription.", { since: "2022-02-14" }),
  optimize: object(
    "Image optimization.",
    {
      vmBoot: object("VM boot optimization.", { state: enumOf("Enabled or Disabled.", STATE) }),
      workload: object(
        "Workload optimization.",
        { state: enumOf("Enabled or Disabled.", STATE), scriptUri: string("Workload script URL."), sha256Checksum: string("SHA-256 checksum of the script.") },
        { since: "2025-10-01" },
      ),
    },
    { since: "2022-07-01" },
  ),
  errorHandling: object(
    "What to do with the build VM when a step fails.",
    {
      onCustomizerError: enumOf("`cleanup` (default) or `abort` (keep resources for debugging).", ON_ERROR, { default: "cleanup" }),
      onValidationError: enumOf("`cleanup` (default) or `abort` (keep resources for debugging).", ON_ERROR, { default: "cleanup" }),
    },
    { since: "2023-07-01" },
  ),
  autoRun: object("Build automatically on create and update.", { state: enumOf("Enabled or Disabled.", STATE) }, { since: "2024-02-01" }),
  managedResourceTags: stringMap("Tags applied to the resources in the staging resource group.", { since: "2024-02-01" }),
  additionalDataDisks: {
    type: { kind: "array", items: { kind: "object", props: { sizeGB: integer("Data disk size in GB.", 0) } } },
    description: "Data disks attached to the build VM.",
    since: "2025-10-01",
  },
  provisioningState: string("Set by the service.", { readOnly: true }),
  provisioningError: { type: { kind: "any" }, description: "Set by the service.", readOnly: true },
  lastRunStatus: { type: { kind: "any" }, description: "Set by the service.", readOnly: true },
  exactStagingResourceGroup: string("Set by the service.", { since: "2022-02-14", readOnly: true }),
};

/** Members whose value is a map of user-chosen keys and values (or ARM data aib-lint does not model), by lower-case key. */
export const FREE_FORM_KEYS: ReadonlySet<string> = new Set(["tags", "artifacttags", "managedresourcetags", "userassignedidentities", "metadata", "condition", "copy", "dependson"]);

const NAME_PATTERN_OLD = "^[A-Za-z0-9-_]{1,64}$";
const NAME_PATTERN = "^[A-Za-z0-9-_.]{1,64}$";

export function namePattern(version: ApiVersion): string {
  return version === V18 || version === V19_02 ? NAME_PATTERN_OLD : NAME_PATTERN;
}

const identity = object(
  "The user-assigned managed identity the service builds with (exactly one).",
  {
    type: enumOf("`UserAssigned` (or `None` to remove identities).", ["UserAssigned", "None"]),
    userAssignedIdentities: {
      type: {
        kind: "map",
        values: {
          kind: "object",
          props: {
            principalId: string("Set by the service.", { readOnly: true }),
            clientId: string("Set by the service.", { readOnly: true }),
          },
        },
      },
      description: "Map from the identity's resource ID to an empty object.",
    },
    principalId: string("Set by the service.", { readOnly: true }),
    tenantId: string("Set by the service.", { readOnly: true }),
  },
  { since: V19_05 },
);

/** Properties of the resource itself, as written in an ARM template or a bare resource file. */
export const templateProps: Props = {
  type: string("Microsoft.VirtualMachineImages/imageTemplates"),
  apiVersion: string("API version of the resource."),
  name: string("Template name: letters, digits, '-', '_' (and '.' from 2019-05-01-preview), 1 to 64 characters."),
  location: string("Region where the build runs; one that the service supports.", { required: true }),
  tags: stringMap("Resource tags."),
  identity,
  properties: { type: { kind: "object", props: properties }, description: "The template's properties.", required: true },
  dependsOn: { type: { kind: "array", items: { kind: "any" } }, description: "ARM deployment dependencies." },
  comments: string("ARM template comment."),
  condition: { type: { kind: "any" }, description: "ARM deployment condition." },
  copy: { type: { kind: "any" }, description: "ARM resource copy loop." },
  metadata: { type: { kind: "any" }, description: "Free-form metadata (aib-lint reads `aib-lint.disable` from it)." },
  id: string("Resource ID; set by the service.", { readOnly: true }),
  systemData: { type: { kind: "any" }, description: "Creation and modification data; set by the service.", readOnly: true },
  scope: string("ARM resource scope."),
  resources: {
    type: { kind: "array", items: { kind: "object", props: {}, open: true } },
    description: "ARM child resources: triggers (2022-07-01+), locks, role assignments.",
  },
};
