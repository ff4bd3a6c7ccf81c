/** Cheap matching for the rules, which run on every template. */

/**
 * Values by lower-case ASCII key, the key matched without case. A key of another length cannot match
 * (lower-casing keeps the length of ASCII and only lengthens others with non-ASCII), and an ASCII key is
 * compared in place, without lower-casing it.
 */
export class KeyMap<T> {
  private readonly values: ReadonlyMap<string, T>;
  /** The keys by their length. */
  private readonly byLength: (string[] | undefined)[] = [];

  constructor(entries: Iterable<readonly [string, T]>) {
    this.values = new Map(entries);
    for (const k of this.values.keys()) (this.byLength[k.length] ??= []).push(k);
  }

  get(key: string): T | undefined {
    const candidates = key.length < this.byLength.length ? this.byLength[key.length] : undefined;
    if (!candidates) return undefined;
    for (const k of candidates) {
      let i = 0;
      for (; i < key.length; i++) {
        let c = key.charCodeAt(i);
        // a non-ASCII character may lower-case to ASCII (the Kelvin sign to "k"): ask toLowerCase
        if (c > 0x7f) return this.values.get(key.toLowerCase());
        if (c >= 0x41 && c <= 0x5a) c += 0x20;
        if (c !== k.charCodeAt(i)) break;
      }
      if (i === key.length) return this.values.get(k);
    }
    return undefined;
  }
}

/** Lower-case ASCII keys matched without case (see KeyMap). */
export class KeySet extends KeyMap<true> {
  constructor(keys: Iterable<string>) {
    super([...keys].map((k) => [k, true] as const));
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
}

const COMPILED = new Map<string, RegExp>();

/** `new RegExp(source)`, compiled once (for the few patterns that depend on the API version). */
export function compiled(source: string): RegExp {
  let re = COMPILED.get(source);
  if (!re) COMPILED.set(source, (re = new RegExp(source)));
  return re;
}
