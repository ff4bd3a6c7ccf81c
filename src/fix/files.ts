/** Reading a file to fix with its encoding, and writing it back atomically in the same encoding and mode. */
import { accessSync, chmodSync, constants, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
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
}

export function readSource(path: string): SourceFile {
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${describeFsError(e)}`);
  }
  const text = decode(buffer);
  const encoding = Object.keys(ENCODERS).find((name) => ENCODERS[name]!(text).equals(buffer));
  return { text: encoding?.includes("BOM") ? BOM + text : text, ...(encoding ? { encoding } : {}) };
}

/**
 * Replaces the file's content through a temporary file in the same folder and a rename, so that a
 * reader never sees half a file; the mode is kept, a file the user may not write is refused, and a
 * symbolic link keeps pointing at its (updated) target.
 */
export function writeSource(path: string, text: string, encoding: string, shownAs = path): void {
  const encode = ENCODERS[encoding];
  if (!encode) throw new InputError(`cannot write ${shownAs}: unknown encoding ${encoding}`);
  const bytes = encode(text.startsWith(BOM) ? text.slice(1) : text);
  let temp: string | undefined;
  try {
    const target = realpathSync(path);
    // the permission a plain write would need (the rename alone could replace a file we may not write)
    accessSync(target, constants.W_OK);
    const { mode } = statSync(target);
    temp = join(dirname(target), `.${basename(target)}.aib-lint-${process.pid}-${Date.now().toString(36)}.tmp`);
    writeFileSync(temp, bytes, { mode: mode & 0o7777, flag: "wx" });
    chmodSync(temp, mode & 0o7777); // the umask may have narrowed it
    renameSync(temp, target);
    temp = undefined;
  } catch (e) {
    throw new InputError(`cannot write ${shownAs}: ${describeFsError(e)}`);
  } finally {
    if (temp) rmSync(temp, { force: true });
  }
}
