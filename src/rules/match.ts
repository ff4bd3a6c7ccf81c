/** Cheap matching for the rules, which run on every template. */
import { BuiltObject } from "../parse/tree.js";
import type { Template } from "../model/template.js";

/**
 * The template's text as written, when its tree holds nothing but that text: a tree from the JSON parsers
 * (BuiltObject nodes) with no value resolved from parameters or variables. YAML aliases and resolved values
 * bring in text from elsewhere in the file, so for them (and for Bicep) there is none. A rule can then rule
 * out what it looks for with one search of the text instead of a walk of the tree; mind escapes (`\u003c`).
 */
export function writtenText(template: Template): string | undefined {
  const { node, source } = template;
  return node instanceof BuiltObject ? source.text.slice(node.start, node.end) : undefined;
}

/**
 * Lower-case ASCII keys matched without case. A key of another length cannot match (lower-casing
 * keeps the length of ASCII and only lengthens others with non-ASCII), and an ASCII key is compared
 * in place, without lower-casing it.
 */
export class KeySet {
  private readonly keys: ReadonlySet<string>;
  private readonly byLength = new Map<number, string[]>();

  constructor(keys: Iterable<string>) {
    this.keys = new Set(keys);
    for (const k of this.keys) {
      const list = this.byLength.get(k.length);
      if (list) list.push(k);
      else this.byLength.set(k.length, [k]);
    }
  }

  has(key: string): boolean {
    const candidates = this.byLength.get(key.length);
    if (!candidates) return false;
    for (const k of candidates) {
      let i = 0;
      for (; i < key.length; i++) {
        let c = key.charCodeAt(i);
        // a non-ASCII character may lower-case to ASCII (the Kelvin sign to "k"): ask toLowerCase
        if (c > 0x7f) return this.keys.has(key.toLowerCase());
        if (c >= 0x41 && c <= 0x5a) c += 0x20;
        if (c !== k.charCodeAt(i)) break;
      }
      if (i === key.length) return true;
    }
    return false;
  }
}

const COMPILED = new Map<string, RegExp>();

/** `new RegExp(source)`, compiled once (for the few patterns that depend on the API version). */
export function compiled(source: string): RegExp {
  let re = COMPILED.get(source);
  if (!re) COMPILED.set(source, (re = new RegExp(source)));
  return re;
}
