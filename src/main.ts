/** The executable: runs the CLI on this process's arguments and streams, and sets the exit code. */
import { pathToFileURL } from "node:url";
import { run } from "./cli.js";
import { WORKER_FLAG, workerMain } from "./run/parallel.js";
import { isTerminal, writer } from "./run/stdio.js";

const USAGE_EXIT = 2;

/** What a worker thread runs: the loader that started this process (bin/aib-lint.cjs), or this bundle. */
function workerScript(): URL {
  const loader = (globalThis as { __aibLintLoader?: string }).__aibLintLoader;
  return loader ? pathToFileURL(loader) : new URL(import.meta.url);
}

if (process.argv.includes(WORKER_FLAG)) {
  // a worker thread of a big run (run/parallel.ts): it lints its share and ends
  void workerMain();
} else {
  const stdout = writer(1);
  const stderr = writer(2);
  run(process.argv.slice(2), {
    stdout,
    stderr,
    stdin: () => process.stdin,
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: isTerminal(1),
    // asked only when the report goes to stderr (so a run does not load tty for it)
    get stderrIsTTY() {
      return isTerminal(2);
    },
    workerScript: workerScript(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      stderr(`aib-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = USAGE_EXIT;
    },
  );
}
