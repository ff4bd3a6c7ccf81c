/**
 * Lower-case ASCII keys matched without case. A key of another length cannot match (lower-casing
 * keeps the length of ASCII and only lengthens others with non-ASCII), so most keys are ruled out
 * before any lower-casing.
 */
export class KeySet {
  private readonly keys: ReadonlySet<string>;
  private readonly lengths = new Set<number>();

  constructor(keys: Iterable<string>) {
    this.keys = new Set(keys);
    for (const k of this.keys) this.lengths.add(k.length);
  }

  has(key: string): boolean {
    return this.lengths.has(key.length) && this.keys.has(key.toLowerCase());
  }
}
