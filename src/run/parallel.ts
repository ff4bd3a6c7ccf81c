/**
 * Big runs on several cores: the file list is cut into contiguous shares, one per worker thread running
 * the same bundle (see main.ts), the main thread lints the first share itself, and the outcomes are put
 * back in file order. Small runs, standard input and unbundled runs (tests) stay on one thread.
 */
import type { InputFile } from "../read/input.js";
import { nodeOs, nodeWorkerThreads } from "../util/builtins.js";
import { untilDone } from "../util/interrupt.js";
import { lintFiles, type LintRun, type RunSettings } from "./lint-files.js";

/** In a worker's process.argv: tells the bundle to lint a share instead of running the CLI. */
export const WORKER_FLAG = "--aib-lint-worker-thread";

/** Below this many files a worker's start-up (it loads the bundle again) costs more than it saves. */
export const PARALLEL_MIN_FILES = 300;
/** Worker threads only pay with this many cores or more. */
export const MIN_CORES = 4;
const MAX_THREADS = 4;

export interface WorkerTask {
  aibLintWorker: true;
  files: InputFile[];
  settings: Omit<RunSettings, "stdin">;
}

export function workerCount(files: readonly InputFile[], settings: RunSettings, script: URL | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (!script || files.length < PARALLEL_MIN_FILES || settings.keepSource || files.some((f) => f.path === "-")) return 1;
  const byFiles = Math.floor(files.length / (PARALLEL_MIN_FILES / 2));
  // AIB_LINT_THREADS=N asks for N threads (benchmarks and tests compare); 1 keeps a run on one
  const asked = Number(env.AIB_LINT_THREADS);
  if (asked >= 1) return Math.max(1, Math.min(Math.floor(asked), byFiles));
  // V8's own threads (garbage collection, compilation) already keep a second core busy: on two cores a
  // worker costs more than it brings, so workers start at four
  const cores = nodeOs().availableParallelism();
  if (cores < MIN_CORES) return 1;
  return Math.max(1, Math.min(Math.floor(cores / 2), MAX_THREADS, byFiles));
}

export async function lintInParallel(files: readonly InputFile[], settings: RunSettings, script: URL | undefined): Promise<LintRun> {
  const count = workerCount(files, settings, script);
  if (count === 1) return lintFiles(files, settings);
  const { stdin: _stdin, ...shared } = settings;
  // the main thread starts at once, so it takes a slightly larger share than each worker
  const shares = split(files, count);
  // loaded only here: the thread machinery costs start-up time that small runs should not pay
  const { Worker } = nodeWorkerThreads();
  // an interrupt ends the workers' ShellCheck too (the handler sweeps what this process started)
  const done = settings.prepare ? untilDone(() => undefined) : () => undefined;
  const workers = shares.slice(1).map((share) => runWorker(Worker, script!, { aibLintWorker: true, files: share, settings: shared }));
  let runs: LintRun[];
  try {
    runs = [await lintFiles(shares[0]!, settings), ...(await Promise.all(workers))];
  } finally {
    done();
  }
  // each thread checked its own scripts: a note or a local script met by several is told once
  return {
    outcomes: runs.flatMap((r) => r.outcomes),
    notes: [...new Set(runs.flatMap((r) => r.notes))],
    scriptFiles: [...new Map(runs.flatMap((r) => r.scriptFiles))],
  };
}

function split(files: readonly InputFile[], count: number): InputFile[][] {
  const headStart = Math.min(files.length, Math.round(files.length / count + files.length * 0.02));
  const shares = [files.slice(0, headStart)];
  const rest = files.length - headStart;
  for (let i = 0; i < count - 1; i++) shares.push(files.slice(headStart + Math.floor((rest * i) / (count - 1)), headStart + Math.floor((rest * (i + 1)) / (count - 1))));
  return shares;
}

function runWorker(Worker: typeof import("node:worker_threads").Worker, script: URL, task: WorkerTask): Promise<LintRun> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(script, { workerData: task, argv: [WORKER_FLAG], stdout: false, stderr: false });
    worker.once("message", (run: LintRun) => resolvePromise(run));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`a worker thread stopped with code ${code}`));
    });
  });
}

/** The worker's side: lint its share and post the outcomes back. */
export async function workerMain(): Promise<void> {
  const { parentPort, workerData } = nodeWorkerThreads();
  const task = workerData as WorkerTask;
  parentPort!.postMessage(await lintFiles(task.files, task.settings));
}
