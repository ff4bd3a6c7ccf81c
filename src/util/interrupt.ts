/**
 * What an interrupted run (Ctrl-C, SIGTERM) must undo before it exits 130 or 143: the programs it started
 * and the temporary folders it wrote. Work registers an undo while it runs; the signal handlers exist
 * only while something is registered, so a run with nothing to undo dies as any program does.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { nodeOs, nodeWorkerThreads } from "./builtins.js";

/** Temporary folders of this process start with this and its id (worker threads' too, which no handler reaches). */
export function tempPrefix(name: string): string {
  return `aib-lint-${name}-${process.pid}-`;
}

const pending = new Set<() => void>();
const EXIT: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

/** Registers `undo` until the returned function is called. */
export function untilDone(undo: () => void): () => void {
  pending.add(undo);
  if (pending.size === 1 && nodeWorkerThreads().isMainThread) for (const signal of Object.keys(EXIT)) process.on(signal, onSignal);
  return () => {
    pending.delete(undo);
    if (pending.size === 0) for (const signal of Object.keys(EXIT)) process.off(signal, onSignal);
  };
}

function onSignal(signal: NodeJS.Signals): void {
  for (const undo of pending) {
    try {
      undo();
    } catch {
      // the next undo still runs
    }
  }
  sweep();
  process.exit(EXIT[signal] ?? 1);
}

/** What worker threads of this process left: their children (Linux lists them per thread) and their folders. */
function sweep(): void {
  try {
    for (const task of readdirSync("/proc/self/task")) {
      for (const pid of readFileSync(`/proc/self/task/${task}/children`, "utf8").split(/\s+/).filter(Boolean)) {
        try {
          process.kill(Number(pid), "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
  } catch {
    // not Linux: the children of worker threads run on until their own time bound
  }
  try {
    const tmp = nodeOs().tmpdir();
    const own = `-${process.pid}-`;
    for (const name of readdirSync(tmp)) if (name.startsWith("aib-lint-") && name.includes(own)) rmSync(join(tmp, name), { recursive: true, force: true });
  } catch {
    // nothing to remove
  }
}
