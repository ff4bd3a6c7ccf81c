import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

/** A path relative to `cwd` with forward slashes, or an absolute file URI when it lies outside. */
export function artifactUri(file: string, cwd: string): { uri: string; relative: boolean } {
  if (file === "<stdin>") return { uri: "stdin", relative: true };
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  if (rel && !rel.startsWith("..") && !isAbsolute(rel)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join("/"), relative: true };
  }
  return { uri: pathToFileURL(abs).href, relative: false };
}
