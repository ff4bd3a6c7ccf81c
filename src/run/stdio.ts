/**
 * Standard output and error for the CLI. A report is written straight to the file descriptor, so a run
 * that only prints its report sets up no stream (Node's stream, net and tty modules cost start-up time);
 * a descriptor that would block (a non-blocking pipe) hands the rest to the stream.
 */
import { fstatSync, statSync, writeSync } from "node:fs";
import { describeFsError } from "../read/input.js";

const USAGE_EXIT = 2;

/**
 * `aib-lint … | head -1`: a closed pipe ends the run quietly with the exit code it had (a direct write
 * drops what follows; see writer). Any other write error (a full disk behind `> file`) is one line on
 * stderr, if stderr still works, and exit 2.
 */
function fail(error: NodeJS.ErrnoException, name: string): never {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  if (name !== "standard error") {
    try {
      writeSync(2, `aib-lint: cannot write to ${name}: ${describeFsError(error)}\n`);
    } catch {
      // nothing left to tell it on
    }
  }
  process.exit(USAGE_EXIT);
}

const guarded = new WeakSet<NodeJS.WriteStream>();

/** Gives a stream the same ending as a failed direct write. */
export function guard(stream: NodeJS.WriteStream, name: string): NodeJS.WriteStream {
  if (!guarded.has(stream)) {
    guarded.add(stream);
    stream.on("error", (error: NodeJS.ErrnoException) => fail(error, name));
  }
  return stream;
}

export function writer(fd: 1 | 2): (text: string) => void {
  const name = fd === 1 ? "standard output" : "standard error";
  const stream = (): NodeJS.WriteStream => guard(fd === 1 ? process.stdout : process.stderr, name);
  let viaStream = false;
  let closed = false;
  return (text) => {
    if (closed) return;
    if (viaStream) return void stream().write(text);
    // the string goes out as it is (no Buffer copy of a large report); after a short write, the rest as bytes
    let pending: Buffer | undefined;
    try {
      const done = writeSync(fd, text);
      if (done < Buffer.byteLength(text)) {
        pending = Buffer.from(text).subarray(done);
        while (pending.length > 0) pending = pending.subarray(writeSync(fd, pending));
      }
    } catch (e) {
      const error = e as NodeJS.ErrnoException;
      // the reader has gone: the run goes on to its exit code, with nothing more to say here
      if (error.code === "EPIPE") return void (closed = true);
      if (error.code !== "EAGAIN") fail(error, name);
      // a write that would block wrote nothing: what is left goes through the stream
      viaStream = true;
      stream().write(pending ?? text);
    }
  };
}

/** Whether standard output (1) or error (2) is a terminal, without loading the tty module when it plainly is not. */
export function isTerminal(fd: 1 | 2): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice()) return false;
    // /dev/null is a character device too
    if (process.platform !== "win32" && stat.rdev === statSync("/dev/null").rdev) return false;
  } catch {
    return false;
  }
  return Boolean((fd === 1 ? process.stdout : process.stderr).isTTY);
}
