/** Whether paths stay inside a folder. */
import { isAbsolute, relative, sep } from "node:path";

/** Whether `path` is `folder` or lies under it (lexically: resolve links first where they matter). */
export function isWithin(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside !== ".." && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}
