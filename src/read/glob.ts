/** Quoted globs (`'templates/*.json'`): expanded by aib-lint, as ESLint does, when no file has that literal name. */
import { readdirSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import picomatch from "picomatch";

export function isGlob(path: string): boolean {
  return picomatch.scan(path).isGlob;
}

/** Files under the pattern's fixed base folder that match it, sorted; dot-folders and node_modules are skipped. */
export function expandGlob(pattern: string, cwd: string, keep: (path: string) => boolean): string[] {
  const { base } = picomatch.scan(pattern);
  const matches = picomatch(pattern.replace(/\\/g, "/"), { dot: false });
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(resolve(cwd, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = dir === "" ? entry.name : join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (keep(path) && matches(path.split(sep).join("/"))) out.push(path);
    }
  };
  walk(base === "" ? "" : relative(cwd, resolve(cwd, base)) || "");
  return out;
}
