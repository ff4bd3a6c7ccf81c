/** The executable: runs the CLI on this process's arguments and streams, and sets the exit code. */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { run } from "./cli.js";
import { describeFsError } from "./read/input.js";
import { workerMain, type WorkerTask } from "./run/parallel.js";

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
function write(stream: NodeJS.WriteStream, text: string): void {
  try {
    stream.write(text);
  } catch (error) {
    stream.emit("error", error);
  }
}

if (!isMainThread && (workerData as WorkerTask | undefined)?.aibLintWorker) {
  // a worker thread of a big run (run/parallel.ts): it lints its share and ends
  void workerMain(workerData as WorkerTask, (outcomes) => parentPort!.postMessage(outcomes));
} else {
  guard(process.stdout, "standard output");
  guard(process.stderr, "standard error");

  run(process.argv.slice(2), {
    stdout: (text) => write(process.stdout, text),
    stderr: (text) => write(process.stderr, text),
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    workerScript: new URL(import.meta.url),
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
