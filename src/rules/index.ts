import { rule as apiVersion } from "./api-version.js";
import { rule as buildTimeout } from "./build-timeout.js";
import { rule as deprovision } from "./deprovision.js";
import { rule as distributionRegion } from "./distribution-region.js";
import { rule as emptyDistribute } from "./empty-distribute.js";
import { rule as fileDestination } from "./file-destination.js";
import { rule as identity } from "./identity.js";
import { rule as isoSource } from "./iso-source.js";
import { rule as location } from "./location.js";
import { rule as placeholder } from "./placeholder.js";
import { rule as resourceId } from "./resource-id.js";
import { rule as restartTimeout } from "./restart-timeout.js";
import { rule as runAsSystem } from "./run-as-system.js";
import { rule as secret } from "./secret.js";
import { rule as targetRegions } from "./target-regions.js";
import { rule as templateName } from "./template-name.js";
import { rule as trigger } from "./trigger.js";
import { rule as validationOnly } from "./validation-only.js";
import { rule as vnetConfig } from "./vnet-config.js";
import { rule as resourceType } from "./resource-type.js";
import { rule as runOutputName } from "./run-output-name.js";
import { rule as scriptSource } from "./script-source.js";
import { rule as sha256Checksum } from "./sha256-checksum.js";
import { rule as stepOs } from "./step-os.js";
import { rule as uniqueStepName } from "./unique-step-name.js";
import { rule as checksumMismatch } from "./checksum-mismatch.js";
import { rule as checksumUnverified } from "./checksum-unverified.js";
import { rule as shellcheck } from "./shellcheck.js";
import { rule as interactiveCommand } from "./interactive-command.js";
import { rule as restartInScript } from "./restart-in-script.js";
import { rule as azapiBodyForm } from "./azapi-body-form.js";
import { rule as azapiIdentityInBody } from "./azapi-identity-in-body.js";
import type { Rule } from "./types.js";

/** Rules with a check of their own, run on every template. */
export const RULES: readonly Rule[] = [
  apiVersion,
  resourceType,
  placeholder,
  templateName,
  location,
  identity,
  resourceId,
  buildTimeout,
  vnetConfig,
  isoSource,
  sha256Checksum,
  uniqueStepName,
  scriptSource,
  validationOnly,
  runAsSystem,
  stepOs,
  fileDestination,
  deprovision,
  restartTimeout,
  runOutputName,
  targetRegions,
  distributionRegion,
  emptyDistribute,
  trigger,
  secret,
  checksumMismatch,
  checksumUnverified,
  shellcheck,
  interactiveCommand,
  restartInScript,
  azapiBodyForm,
  azapiIdentityInBody,
];
