/** Quoted globs (`'templates/*.json'`): expanded by aib-lint, as ESLint does, when no file has that literal name. */
import { readdirSync } from "node:fs";
import { posix, resolve, sep } from "node:path";
import { compileGlob, globMatches } from "../util/glob.js";

/** Characters that make a path a pattern (a file of that literal name is linted as named). */
const GLOB_CHARS = /[*?[{]/;

export function isGlob(path: string): boolean {
  return GLOB_CHARS.test(path);
}

/** The folders before the first segment with a pattern character: where the walk starts. */
function baseOf(pattern: string): string {
  const segments = pattern.split("/");
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (GLOB_CHARS.test(segment)) break;
    fixed.push(segment);
  }
  return fixed.join("/");
}

/** Files under the pattern's fixed base folder that match it, sorted; dot-folders and node_modules are skipped. */
export function expandGlob(pattern: string, cwd: string, keep: (path: string) => boolean): string[] {
  const written = pattern.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "");
  const base = baseOf(written);
  const glob = compileGlob(written);
  // the compiled glob drops empty segments, so an absolute path is matched without its leading slash
  const matches = (path: string): boolean => globMatches(glob, path.replace(/^\/+/, ""));
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
