/** The executable: runs the CLI on this process's arguments and streams, and sets the exit code. */
import { pathToFileURL } from "node:url";
import { run } from "./cli.js";
import { describeFsError } from "./read/input.js";
import { WORKER_FLAG, workerMain } from "./run/parallel.js";

const USAGE_EXIT = 2;

/**
 * `aib-lint … | head -1`: a closed pipe ends the run quietly with the exit code it had. Any other write
 * error (a full disk behind `> file`) is one line on stderr, if stderr still works, and exit 2.
 */
function guard(stream: NodeJS.WriteStream, name: string): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    if (stream !== process.stderr) {
      try {
        process.stderr.write(`aib-lint: cannot write to ${name}: ${describeFsError(error)}\n`);
      } catch {
        // nothing left to tell it on
      }
    }
    process.exit(USAGE_EXIT);
  });
}
/** What a worker thread runs: the loader that started this process (bin/aib-lint.cjs), or this bundle. */
function workerScript(): URL {
  const loader = (globalThis as { __aibLintLoader?: string }).__aibLintLoader;
  return loader ? pathToFileURL(loader) : new URL(import.meta.url);
}

function write(stream: NodeJS.WriteStream, text: string): void {
  try {
    stream.write(text);
  } catch (error) {
    stream.emit("error", error);
  }
}

if (process.argv.includes(WORKER_FLAG)) {
  // a worker thread of a big run (run/parallel.ts): it lints its share and ends
  void workerMain();
} else {
  guard(process.stdout, "standard output");
  guard(process.stderr, "standard error");

  run(process.argv.slice(2), {
    stdout: (text) => write(process.stdout, text),
    stderr: (text) => write(process.stderr, text),
    stdin: () => process.stdin,
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    workerScript: workerScript(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      write(process.stderr, `aib-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = USAGE_EXIT;
    },
  );
}
