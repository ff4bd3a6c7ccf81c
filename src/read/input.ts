import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import { extname, normalize, resolve, sep } from "node:path";
import { expandGlob, isGlob } from "./glob.js";

export const LINTABLE_EXTENSIONS = new Set([".json", ".jsonc", ".yaml", ".yml", ".bicep", ".tf"]);

export interface InputFile {
  /** The path as the user will see it in reports. */
  path: string;
  /** Named on the command line (true) or found by walking a directory (false). */
  explicit: boolean;
  /** Found by walking a folder outside the kernel's file systems, as a file, not a link: its real path needs no check. */
  walked?: true;
  /** Its absolute path, when the walk knew it (the folder's, resolved once, and the name). */
  absolute?: string;
}

/** A directory or glob the user named, with the files found in it (to warn when none holds a template). */
export interface Searched {
  path: string;
  files: string[];
  glob?: boolean;
}

/** An input the user named that cannot be read: a usage/I-O error (exit 2). */
export class InputError extends Error {}

/**
 * Expands files and directories; directories are walked for JSON/YAML, skipping node_modules and
 * dot-folders. Paths that cannot be read are returned as errors, all of them, not just the first.
 */
export function expandPaths(paths: readonly string[], cwd = process.cwd()): { files: InputFile[]; errors: InputError[]; searched: Searched[] } {
  const files: InputFile[] = [];
  const errors: InputError[] = [];
  const searched: Searched[] = [];
  for (const p of paths) {
    if (p === "-") {
      files.push({ path: "-", explicit: true });
      continue;
    }
    try {
      if (!existsSync(resolve(cwd, p)) && isGlob(p)) {
        const matched = expandGlob(p, cwd, (path) => LINTABLE_EXTENSIONS.has(extname(path).toLowerCase()));
        if (matched.length === 0) throw new InputError(`no files match the pattern ${p}`);
        searched.push({ path: p, files: matched, glob: true });
        for (const path of matched) files.push({ path, explicit: false });
      } else if (statSync(resolve(cwd, p)).isDirectory()) {
        const found: InputFile[] = [];
        walk(walkRoot(p), cwd, found, !isSpecial(realpathSync.native(resolve(cwd, p))));
        searched.push({ path: p, files: found.map((f) => f.path) });
        files.push(...found);
      } else files.push({ path: p, explicit: true });
    } catch (e) {
      errors.push(e instanceof InputError ? e : new InputError(`cannot read ${p}: ${describeFsError(e)}`));
    }
  }
  return { files, errors, searched };
}

/** A folder as path.join would write it before a child's name: normalised, no trailing separator but the root's. */
export function walkRoot(path: string): string {
  const normal = normalize(path);
  const trimmed = normal.replace(/[\\/]+$/, "");
  if (trimmed === "") return normal.startsWith(".") ? "." : normal;
  return trimmed.endsWith(":") ? normal : trimmed; // C:\ stays a drive's root
}

function walk(dir: string, cwd: string, out: InputFile[], ordinaryRoot: boolean): void {
  let entries;
  const absoluteDir = resolve(cwd, dir);
  try {
    entries = readdirSync(absoluteDir, { withFileTypes: true });
  } catch (e) {
    throw new InputError(`cannot read directory ${dir}: ${describeFsError(e)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // dir is normalised (the root by expandPaths), so a child's path is a concatenation, far cheaper than path.join
  const prefix = dir === "." ? "" : dir.endsWith(sep) ? dir : `${dir}${sep}`;
  for (const entry of entries) {
    const name = entry.name;
    if (name.startsWith(".") || name === "node_modules") continue;
    const full = prefix + name;
    if (entry.isDirectory()) {
      walk(full, cwd, out, ordinaryRoot);
      continue;
    }
    if (!LINTABLE_EXTENSIONS.has(name.slice(name.lastIndexOf(".")).toLowerCase())) continue;
    // (a name holds no separator and is never "." or "..": the folder's resolved path and the name make the file's)
    const absolute = absoluteDir.endsWith(sep) ? absoluteDir + name : absoluteDir + sep + name;
    if (entry.isFile()) out.push(ordinaryRoot ? { path: full, explicit: false, walked: true, absolute } : { path: full, explicit: false, absolute });
    else if (entry.isSymbolicLink() && isFileTarget(absolute)) out.push({ path: full, explicit: false, absolute }); // broken links and links to folders are skipped
  }
}

function isFileTarget(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Files over this size are refused unless --max-file-size says otherwise. */
export const DEFAULT_MAX_FILE_SIZE = 100 * 1024 * 1024;
/** The most --max-file-size allows: V8 cannot hold a longer string. */
export const MAX_FILE_SIZE_LIMIT = 500 * 1024 * 1024;

/** Folders of the kernel's own file systems: their "files" are endless, or private (/proc/self/environ). */
const SPECIAL_ROOTS = ["/proc/", "/sys/", "/dev/"];
export const isSpecial = (real: string): boolean => SPECIAL_ROOTS.some((root) => real.startsWith(root) || `${real}/` === root);
/** Opening a FIFO for reading must not wait for a writer: it is refused once fstat says what it is. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

/**
 * Reads a regular file (after links) of at most maxBytes, decoded. Devices, FIFOs, sockets and the
 * kernel's file systems are refused before anything is read from them, so nothing blocks or reads forever.
 * A file found by walking a folder (`walked`) skips the real-path check its folder already passed.
 */
export function readText(path: string, cwd = process.cwd(), maxBytes = DEFAULT_MAX_FILE_SIZE, what = "", walked = false, full = resolve(cwd, path)): string {
  const named = `${what}${path}`;
  const fail = (e: unknown): never => {
    throw e instanceof InputError ? e : new InputError(`cannot read ${named}: ${describeFsError(e)}`);
  };
  if (!walked) {
    let real = full;
    try {
      real = realpathSync.native(full);
    } catch (e) {
      fail(e);
    }
    if (isSpecial(real)) throw new InputError(`cannot read ${named}: ${real} is a special file, not a template`);
  }
  return decode(readOpened(full, named, (fd) => (walked ? readWalked(fd, maxBytes, named) : readBySize(fd, maxBytes, named))));
}

/** The bytes of a regular file (after links) of at most maxBytes; a device, FIFO or socket is refused before any read. */
export function readRegularFile(path: string, maxBytes: number, named = path): Buffer {
  return readOpened(path, named, (fd) => readBySize(fd, maxBytes, named));
}

/** Opens without waiting (a FIFO), reads, closes; failures become InputErrors that name the file. */
function readOpened(path: string, named: string, read: (fd: number) => Buffer): Buffer {
  let fd = -1;
  try {
    fd = openSync(path, OPEN_FLAGS);
    return read(fd);
  } catch (e) {
    throw e instanceof InputError ? e : new InputError(`cannot read ${named}: ${describeFsError(e)}`);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** Reads the size fstat gave (one read for most files, as readFileSync does) after `start`, never past maxBytes. */
function readAll(fd: number, size: number, maxBytes: number, named: string, start?: Buffer): Buffer {
  let buffer = Buffer.allocUnsafe(Math.max(Math.min(size, maxBytes), start?.length ?? 0) + 1);
  let length = start ? start.copy(buffer) : 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) throw overLimit(named, maxBytes);
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
    if (length === size) break;
  }
  if (length > maxBytes) throw overLimit(named, maxBytes);
  return buffer.subarray(0, length);
}

/** One buffer for walked files: most templates fit it, and each is decoded (copied) before the next is read. */
let scratch: Buffer | undefined;
const SCRATCH_BYTES = 64 * 1024;

/**
 * A file the walk saw as regular: read into the scratch buffer up to its end, without asking fstat (a Stats
 * object with four dates per file). One that fills the buffer goes on as any other file, by its size.
 */
function readWalked(fd: number, maxBytes: number, named: string): Buffer {
  const buffer = (scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES));
  let length = 0;
  for (;;) {
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) {
      if (length > maxBytes) throw overLimit(named, maxBytes, length);
      return buffer.subarray(0, length);
    }
    length += read;
    if (length === buffer.length) return readBySize(fd, maxBytes, named, buffer.subarray(0, length));
  }
}

/** A regular file of at most maxBytes, read by the size fstat gives, after what was read of it already. */
function readBySize(fd: number, maxBytes: number, named: string, start?: Buffer): Buffer {
  const stat = fstatSync(fd);
  if (stat.isDirectory()) throw new InputError(`cannot read ${named}: is a directory`);
  if (!stat.isFile()) throw new InputError(`cannot read ${named}: not a regular file (${kindOf(stat)})`);
  if (stat.size > maxBytes) throw overLimit(named, maxBytes, stat.size);
  return readAll(fd, stat.size, maxBytes, named, start);
}

/** A file over --max-file-size, with its size when it is known before reading all of it. */
function overLimit(named: string, maxBytes: number, size?: number): InputError {
  return new InputError(`cannot read ${named}: it is ${size === undefined ? "" : `${describeSize(size)}, `}over the ${describeSize(maxBytes)} limit (--max-file-size)`);
}

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  return "not a file";
}

/**
 * Decodes by byte-order mark, or by the NUL pattern of a JSON/YAML text without one (RFC 4627):
 * UTF-8, UTF-16 LE/BE and UTF-32 LE/BE. The mark itself is dropped.
 */
export function decode(buffer: Buffer): string {
  const b = buffer;
  if (b.length >= 4 && b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return utf32(b.subarray(4), false);
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return utf32(b.subarray(4), true);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString("utf16le");
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return utf16be(b.subarray(2));
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] !== 0) return utf32(b, false);
  if (b.length >= 4 && b[0] !== 0 && b[1] === 0 && b[2] === 0 && b[3] === 0) return utf32(b, true);
  if (b.length >= 4 && b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0) return utf16be(b);
  if (b.length >= 4 && b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) return b.toString("utf16le");
  const text = b.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function utf16be(b: Buffer): string {
  const copy = Buffer.from(b.subarray(0, b.length - (b.length % 2)));
  return copy.swap16().toString("utf16le");
}

function utf32(b: Buffer, littleEndian: boolean): string {
  const parts: string[] = [];
  const chunk: number[] = [];
  for (let i = 0; i + 3 < b.length; i += 4) {
    const cp = littleEndian ? b.readUInt32LE(i) : b.readUInt32BE(i);
    chunk.push(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? cp : 0xfffd);
    if (chunk.length === 8192) parts.push(String.fromCodePoint(...chunk.splice(0)));
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join("");
}

/** Reads standard input up to maxBytes; a device that is not a terminal (`< /dev/zero`) is refused. */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin, maxBytes = DEFAULT_MAX_FILE_SIZE): Promise<string> {
  const fd = (stream as { fd?: unknown }).fd;
  if (typeof fd === "number") {
    let stat: Stats | undefined;
    try {
      stat = fstatSync(fd);
    } catch {
      stat = undefined;
    }
    if (stat && (stat.isCharacterDevice() || stat.isBlockDevice()) && !(stream as { isTTY?: boolean }).isTTY) throw new InputError("cannot read standard input: it is a device, not a template");
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    total += buffer.length;
    if (total > maxBytes) {
      (stream as { destroy?: () => void }).destroy?.();
      throw overLimit("standard input", maxBytes);
    }
    chunks.push(buffer);
  }
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
