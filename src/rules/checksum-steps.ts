/** Steps whose file has a checksum result: shared by checksum-mismatch and checksum-unverified. */
import type { ChecksumResult } from "../checksums/types.js";
import { URI_KEYS } from "../checksums/types.js";
import type { Member, StringNode } from "../parse/ast.js";
import { steps } from "./context.js";
import type { RuleContext } from "./types.js";

export interface CheckedStep {
  uri: StringNode;
  result: ChecksumResult;
  /** The sha256Checksum member, unless missing or null. */
  checksum: Member | undefined;
}

export function checkedSteps(ctx: RuleContext): CheckedStep[] {
  const results = ctx.settings.checksums;
  if (!results?.size) return [];
  const out: CheckedStep[] = [];
  for (const step of steps(ctx)) {
    const key = URI_KEYS[step.type?.toLowerCase() ?? ""];
    const uri = key ? ctx.get(step.node, key)?.value : undefined;
    const result = uri?.kind === "string" && ctx.literal(uri) !== undefined ? results.get(uri.value) : undefined;
    if (result) out.push({ uri: uri as StringNode, result, checksum: ctx.get(step.node, "sha256Checksum") });
  }
  return out;
}
