/** Every rule id aib-lint can report: the stages' findings and the rules', with their metadata. */
import type { RuleMeta } from "../core/rule-meta.js";
import { CONFIG_RULES } from "./rules.js";
import { READ_RULES } from "../read/rules.js";
import { FIND_RULES } from "../find/rules.js";
import { PARSE_RULES } from "../parse/rules.js";
import { SCHEMA_RULES } from "../schema/rules.js";
import { RULES } from "../rules/index.js";

/** Every rule id aib-lint can report, with its metadata, in catalogue order. */
export const CATALOG: readonly RuleMeta[] = [...READ_RULES, ...PARSE_RULES, ...FIND_RULES, ...CONFIG_RULES, ...SCHEMA_RULES, ...RULES.map((r) => r.meta)];

const BY_ID = new Map(CATALOG.map((m) => [m.id, m]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}
