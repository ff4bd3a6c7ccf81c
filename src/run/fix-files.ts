/**
 * Reading a file to fix with its encoding, and writing it back in place in the same encoding, only if it
 * is still what was read. Writing in place keeps the inode, so the owner, group, mode, hard links and a
 * bind mount stay as they were (as ESLint and Prettier write).
 */
import { closeSync, constants, fstatSync, openSync, readSync, writeSync, ftruncateSync, type Stats } from "node:fs";
import { decode, describeFsError, InputError } from "../read/input.js";

const BOM = "\ufeff";

/** The encodings a fixed file can be written back in: each turns text (without BOM) into bytes. */
const ENCODERS: Record<string, (text: string) => Buffer> = {
  "UTF-8": (t) => Buffer.from(t, "utf8"),
  "UTF-8 with BOM": (t) => Buffer.from(BOM + t, "utf8"),
  "UTF-16LE with BOM": (t) => Buffer.from(BOM + t, "utf16le"),
  "UTF-16BE with BOM": (t) => Buffer.from(BOM + t, "utf16le").swap16(),
  "UTF-16LE": (t) => Buffer.from(t, "utf16le"),
  "UTF-16BE": (t) => Buffer.from(t, "utf16le").swap16(),
};

export interface SourceFile {
  /** The text, starting with U+FEFF when the file has a byte-order mark. */
  text: string;
  /** The encoding that gives back exactly the bytes read; undefined when none does (invalid UTF-8, UTF-32). */
  encoding?: string;
  /** The bytes read and the file they were read from: it is rewritten only if it still holds them. */
  bytes: Buffer;
  identity: FileIdentity;
}

interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

/** Opening must not wait on a FIFO swapped in for the file; it is refused once fstat says what it is. */
const NONBLOCK = constants.O_NONBLOCK ?? 0;

export function readSource(path: string): SourceFile {
  let fd = -1;
  try {
    fd = openSync(path, constants.O_RDONLY | NONBLOCK);
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputError(`cannot read ${path}: not a regular file`);
    const bytes = readFully(fd, stats.size);
    const text = decode(bytes);
    const encoding = Object.keys(ENCODERS).find((name) => ENCODERS[name]!(text).equals(bytes));
    return { text: encoding?.includes("BOM") ? BOM + text : text, ...(encoding ? { encoding } : {}), bytes, identity: identityOf(stats) };
  } catch (e) {
    throw e instanceof InputError ? e : new InputError(`cannot read ${path}: ${describeFsError(e)}`);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

export interface WriteOptions {
  /** Follow a symbolic link to its target (a file named by the user); otherwise a link is not written through. */
  followLink: boolean;
}

/**
 * Replaces the file's content with `text`, in place, if the file is still the one read (same inode, size,
 * modification time and bytes); refuses, unless `followLink`, a symbolic link. Every refusal is an InputError that says why and that nothing was written.
 */
export function writeSource(path: string, text: string, read: SourceFile, options: WriteOptions, shownAs = path): void {
  const encode = read.encoding ? ENCODERS[read.encoding] : undefined;
  if (!encode) throw new InputError(`${shownAs} is not valid UTF-8 or UTF-16; not rewritten`);
  const bytes = encode(text.startsWith(BOM) ? text.slice(1) : text);
  let fd = -1;
  try {
    fd = openSync(path, constants.O_RDWR | NONBLOCK | (options.followLink ? 0 : constants.O_NOFOLLOW));
    const now = fstatSync(fd);
    if (!now.isFile()) throw refused(shownAs, "it is no longer a regular file");
    if (!sameIdentity(identityOf(now), read.identity) || !readFully(fd, now.size).equals(read.bytes)) {
      throw refused(shownAs, "it changed while aib-lint was fixing it; run --fix again");
    }
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, written);
    ftruncateSync(fd, bytes.length);
  } catch (e) {
    if (e instanceof InputError) throw e;
    if ((e as NodeJS.ErrnoException).code === "ELOOP" && !options.followLink) {
      throw refused(shownAs, "it is a symbolic link found by walking a folder, and --fix writes through a link only when it is named on the command line");
    }
    throw new InputError(`cannot write ${shownAs}: ${describeFsError(e)}`);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

function refused(shownAs: string, why: string): InputError {
  return new InputError(`${shownAs} not rewritten: ${why}`);
}

function identityOf(s: Stats): FileIdentity {
  return { dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs };
}

function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** The file's bytes from its start, `size` of them as fstat said (or fewer if it is shorter now). */
function readFully(fd: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let length = 0;
  while (length < size) {
    const n = readSync(fd, buffer, length, size - length, length);
    if (n === 0) break;
    length += n;
  }
  return buffer.subarray(0, length);
}
