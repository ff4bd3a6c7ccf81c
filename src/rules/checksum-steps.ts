/** A step's file with its checksum result: shared by checksum-mismatch and checksum-unverified. */
import type { ChecksumResult } from "../checksums/types.js";
import { URI_KEYS } from "../checksums/types.js";
import type { Member, StringNode } from "../parse/ast.js";
import type { RuleSettings, Step, TemplateView } from "./types.js";

export interface CheckedStep {
  uri: StringNode;
  result: ChecksumResult;
  /** The sha256Checksum member, unless missing or null. */
  checksum: Member | undefined;
}

/** The step's scriptUri or sourceUri with what the checksum stage found for it, if anything. */
export function checkedStep(view: TemplateView, step: Step, settings: RuleSettings): CheckedStep | undefined {
  const key = URI_KEYS[step.type?.toLowerCase() ?? ""];
  const uri = key ? view.get(step.node, key)?.value : undefined;
  const result = uri?.kind === "string" && view.literal(uri) !== undefined ? settings.checksums?.get(uri.value) : undefined;
  return result ? { uri: uri as StringNode, result, checksum: view.get(step.node, "sha256Checksum") } : undefined;
}
