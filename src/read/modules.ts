/** Reads the local modules a linted file calls: within the caller's repository, regular files only, size-bounded. */
import { realpathSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { ModuleReader } from "../parse/parsed.js";
import { isWithin, realPath, repositoryOf } from "../util/paths.js";
import { errorText } from "../util/text.js";
import { decode, describeFsError, isSpecial, readRegularFile } from "./input.js";

/**
 * A reader for lintText: the module's path is taken relative to the calling file (`cwd` for relative names);
 * its real path must lie in the caller's repository (the nearest folder up that holds .git, or the caller's
 * folder), so a template cannot have files outside it read. Its name is the caller's folder joined with the path.
 */
export function moduleReader(cwd: string, maxBytes: number): ModuleReader {
  return (fromFile, modulePath) => {
    const caller = resolve(cwd, fromFile);
    const target = resolve(dirname(caller), modulePath);
    const name = isAbsolute(fromFile) || isAbsolute(modulePath) ? target : join(dirname(fromFile), modulePath);
    let real: string;
    try {
      real = realpathSync.native(target);
    } catch (e) {
      return { error: `cannot read ${name}: ${describeFsError(e)}` };
    }
    const repository = repositoryOf(dirname(realPath(caller)));
    if (!isWithin(realPath(repository), real) || isSpecial(real)) return { error: `${name} lies outside the caller's repository ${repository}` };
    try {
      return { name, text: decode(readRegularFile(real, maxBytes, name)) };
    } catch (e) {
      return { error: errorText(e) };
    }
  };
}
