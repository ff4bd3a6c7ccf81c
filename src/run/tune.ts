/**
 * Settings for a run over many files, made at run time so that short runs pay nothing for them (loading
 * node:v8 alone costs a few milliseconds). Such a run is mostly warm-up: V8's compiler and garbage-collector
 * threads have about a second of work, and on two cores they take turns with the thread that lints.
 */
import { readdirSync, readlinkSync } from "node:fs";
import { nodeOs, nodeV8 } from "../util/builtins.js";

/** From this many files on. */
export const MANY_FILES = 256;

/**
 * - Each file's tree dies young, but the young generation starts at 1 MB and only doubles as objects
 *   survive, so the first thousand files ran into scavenges of a tiny space: it grows eightfold at a time.
 * - Less inlining makes each compile job smaller, so the functions the files need are optimised sooner.
 * On the 10,000-file fleet each was worth a few percent.
 */
const V8_FLAGS = ["--semi-space-growth-factor=8", "--max-inlined-bytecode-size-cumulative=200"];

/** The nice value of V8's helper threads while one thread lints many files (19: they run when a core is free). */
export const HELPER_NICE = 19;

/** `soleThread`: no other thread lints (their threads must not be slowed down). */
export function tuneForManyFiles(soleThread: boolean): void {
  try {
    for (const flag of V8_FLAGS) nodeV8().setFlagsFromString(flag);
  } catch {
    // a runtime without V8 flags lints as well, only slower
  }
  if (soleThread) yieldHelperThreads();
}

/**
 * Lowers the priority of every thread of this process but the main one: V8's platform workers, which compile
 * optimised code and help the garbage collector. Several compile jobs at once otherwise take the lint thread's
 * core on a two-core machine (10,000 files: 3-4 % faster). Linux only, where each thread has its own nice
 * value and /proc/self/task lists them (the main thread's id is the process id); elsewhere, or called from
 * another thread, nothing changes. Returns how many threads were lowered.
 */
export function yieldHelperThreads(): number {
  if (process.platform !== "linux") return 0;
  const mainThread = process.pid;
  let tasks: string[];
  try {
    // called from a worker thread, it would slow the main thread's helpers down for the worker's sake: only the
    // main thread does it (/proc/thread-self names the calling thread; node:worker_threads costs 3 ms to load)
    if (!readlinkSync("/proc/thread-self").endsWith(`/task/${mainThread}`)) return 0;
    tasks = readdirSync("/proc/self/task");
  } catch {
    return 0;
  }
  const os = nodeOs();
  let lowered = 0;
  for (const task of tasks) {
    const id = Number(task);
    if (!Number.isInteger(id) || id <= 0 || id === mainThread) continue;
    try {
      os.setPriority(id, HELPER_NICE);
      lowered++;
    } catch {
      // a thread that ended meanwhile, or a sandbox that refuses: that thread keeps its priority
    }
  }
  return lowered;
}
