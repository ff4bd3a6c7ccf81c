/** Which template and which member a cursor offset is in, through the same parse → find → template steps as lint. */
import { findTemplates } from "../find/templates.js";
import type { Member, ValueNode } from "../parse/ast.js";
import { formatFor, parseText } from "../parse/index.js";
import type { ParsedFile } from "../parse/parsed.js";
import type { ApiVersion } from "../model/versions.js";
import { buildTemplate, type Template } from "../template/build.js";

export interface Located {
  parsed: ParsedFile;
  /** The template holding the offset, if any. */
  template?: Template;
}

/** `offset` indexes the text as aib-lint parses it (after a byte-order mark). */
export function locate(file: string, text: string, offset: number, defaultApiVersion?: ApiVersion): Located {
  const parsed = parseText(text, formatFor(file, text));
  for (const doc of parsed.documents) {
    if (doc.fatal) continue;
    for (const found of findTemplates(doc.root)) {
      if (offset < found.node.start || offset > found.node.end) continue;
      return { parsed, template: buildTemplate(found, parsed.source, defaultApiVersion ? { defaultApiVersion } : {}) };
    }
  }
  return { parsed };
}

/** The innermost member whose key holds the offset (`onKey`), or whose value does. */
export function memberAt(node: ValueNode, offset: number): { member: Member; onKey: boolean } | undefined {
  if (node.kind === "object") {
    for (const m of node.members) {
      if (offset >= m.keyStart && offset <= m.keyEnd) return { member: m, onKey: true };
      if (offset >= m.value.start && offset <= m.value.end) return memberAt(m.value, offset) ?? { member: m, onKey: false };
    }
  } else if (node.kind === "array") {
    for (const item of node.items) if (offset >= item.start && offset <= item.end) return memberAt(item, offset);
  }
  return undefined;
}
