/** Quoted globs (`'templates/*.json'`): expanded by aib-lint, as ESLint does, when no file has that literal name. */
import { readdirSync } from "node:fs";
import { posix, resolve, sep } from "node:path";
import picomatch from "picomatch";

export function isGlob(path: string): boolean {
  return picomatch.scan(path).isGlob;
}

/** Files under the pattern's fixed base folder that match it, sorted; dot-folders and node_modules are skipped. */
export function expandGlob(pattern: string, cwd: string, keep: (path: string) => boolean): string[] {
  const written = pattern.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "");
  const { base } = picomatch.scan(written);
  const matches = picomatch(written, { dot: false });
  const out: string[] = [];
  // paths keep the pattern's form (relative or absolute), so that they match it and read as the user wrote them
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(resolve(cwd, dir || "."), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = dir === "" ? entry.name : posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (keep(path) && matches(path)) out.push(path.split("/").join(sep));
    }
  };
  walk(base);
  return out;
}
