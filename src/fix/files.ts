/** Reading a file to fix with its encoding, and writing it back atomically in the same encoding and mode. */
import { accessSync, chmodSync, constants, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describeFsError, InputError } from "../read/input.js";

export type Encoding = "utf8" | "utf16le";

export interface SourceFile {
  /** The text, starting with U+FEFF when the file has a byte-order mark. */
  text: string;
  encoding: Encoding;
  /** The bytes decode and encode back unchanged (false for invalid UTF-8, which must not be rewritten). */
  lossless: boolean;
}

export function readSource(path: string): SourceFile {
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${describeFsError(e)}`);
  }
  const encoding: Encoding = buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe ? "utf16le" : "utf8";
  const text = buffer.toString(encoding);
  return { text, encoding, lossless: Buffer.from(text, encoding).equals(buffer) };
}

/**
 * Replaces the file's content through a temporary file in the same folder and a rename, so that a
 * reader never sees half a file; the mode is kept, a file the user may not write is refused, and a symbolic link keeps
 * pointing at its (updated) target.
 */
export function writeSource(path: string, text: string, encoding: Encoding, shownAs = path): void {
  let target = path;
  let temp: string | undefined;
  try {
    target = realpathSync(path);
    // the permission a plain write would need (the rename alone could replace a file we may not write)
    accessSync(target, constants.W_OK);
    const { mode } = statSync(target);
    temp = join(dirname(target), `.${basename(target)}.aib-lint-${process.pid}-${Date.now().toString(36)}.tmp`);
    writeFileSync(temp, Buffer.from(text, encoding), { mode: mode & 0o7777, flag: "wx" });
    chmodSync(temp, mode & 0o7777); // the umask may have narrowed it
    renameSync(temp, target);
    temp = undefined;
  } catch (e) {
    throw new InputError(`cannot write ${shownAs}: ${describeFsError(e)}`);
  } finally {
    if (temp) rmSync(temp, { force: true });
  }
}
