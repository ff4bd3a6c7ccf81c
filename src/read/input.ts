import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";

export const LINTABLE_EXTENSIONS = new Set([".json", ".jsonc", ".yaml", ".yml", ".bicep"]);

export interface InputFile {
  /** The path as the user will see it in reports. */
  path: string;
  /** Named on the command line (true) or found by walking a directory (false). */
  explicit: boolean;
}

/** An input the user named that cannot be read: a usage/I-O error (exit 2). */
export class InputError extends Error {}

/**
 * Expands files and directories; directories are walked for JSON/YAML, skipping node_modules and
 * dot-folders. Paths that cannot be read are returned as errors, all of them, not just the first.
 */
export function expandPaths(paths: readonly string[], cwd = process.cwd()): { files: InputFile[]; errors: InputError[] } {
  const files: InputFile[] = [];
  const errors: InputError[] = [];
  for (const p of paths) {
    if (p === "-") {
      files.push({ path: "-", explicit: true });
      continue;
    }
    try {
      if (statSync(resolve(cwd, p)).isDirectory()) walk(p, cwd, files);
      else files.push({ path: p, explicit: true });
    } catch (e) {
      errors.push(e instanceof InputError ? e : new InputError(`cannot read ${p}: ${describeFsError(e)}`));
    }
  }
  return { files, errors };
}

function walk(dir: string, cwd: string, out: InputFile[]): void {
  let entries;
  try {
    entries = readdirSync(resolve(cwd, dir), { withFileTypes: true });
  } catch (e) {
    throw new InputError(`cannot read directory ${dir}: ${describeFsError(e)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, cwd, out);
    else if (!LINTABLE_EXTENSIONS.has(extname(entry.name).toLowerCase())) continue;
    else if (entry.isFile()) out.push({ path: full, explicit: false });
    else if (entry.isSymbolicLink() && isFileTarget(resolve(cwd, full))) out.push({ path: full, explicit: false }); // broken links and links to folders are skipped
  }
}

function isFileTarget(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Reads a file as UTF-8 (or UTF-16 with a BOM) and drops a byte-order mark. */
export function readText(path: string, cwd = process.cwd()): string {
  let buffer: Buffer;
  try {
    buffer = readFileSync(resolve(cwd, path));
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${describeFsError(e)}`);
  }
  return decode(buffer);
}

export function decode(buffer: Buffer): string {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString("utf16le");
  const text = buffer.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return decode(Buffer.concat(chunks));
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "EEXIST":
      return "a file is in the way of a folder";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on the device";
    case "ELOOP":
      return "too many symbolic links";
    default:
      return code ?? (e instanceof Error ? e.message : String(e));
  }
}
