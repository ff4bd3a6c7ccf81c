/** Deterministic mutations (seeded), so that a failure can be reproduced. */
export function mutator(seed: number, pieces = ['"', "{", "}", "[", "]", ",", ":", "\n", " ", "a", "\\", "\u0000", "<", "'", "#", "-", "&", "*", "[parameters('x')]", "<<: *a"]) {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  return (text: string): string => {
    let out = text;
    for (let m = 0, count = 1 + next(4); m < count; m++) {
      const i = next(out.length + 1);
      const op = next(3);
      out = op === 0 ? out.slice(0, i) + out.slice(i + 1 + next(6)) : op === 1 ? out.slice(0, i) + pieces[next(pieces.length)]! + out.slice(i) : out.slice(0, i) + out.slice(i, i + 20).toUpperCase() + out.slice(i + 20);
    }
    return out;
  };
}
