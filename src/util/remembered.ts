/**
 * Values computed from a string key, remembered for the next time: the keys a run meets (JSON keys, region
 * names, typos) repeat from template to template. Bounded, so that hostile input cannot grow it: a limited
 * number of keys, and only short ones (a longer key is computed each time).
 */
export class Remembered<V> {
  private readonly known = new Map<string, V>();

  constructor(
    private readonly compute: (key: string) => V,
    private readonly maxEntries = 1024,
    private readonly maxKeyLength = 256,
  ) {}

  get(key: string): V {
    if (key.length > this.maxKeyLength) return this.compute(key);
    let value = this.known.get(key);
    if (value === undefined && !this.known.has(key)) {
      value = this.compute(key);
      if (this.known.size < this.maxEntries) this.known.set(key, value);
    }
    return value as V;
  }
}
