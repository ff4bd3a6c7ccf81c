/** Node built-ins that only some runs need, loaded on first use instead of at every start (the bundle runs every top-level import). */
import { createRequire } from "node:module";

const load = createRequire(import.meta.url);

export const nodeCrypto = (): typeof import("node:crypto") => load("node:crypto") as typeof import("node:crypto");
export const nodeOs = (): typeof import("node:os") => load("node:os") as typeof import("node:os");
export const nodeWorkerThreads = (): typeof import("node:worker_threads") => load("node:worker_threads") as typeof import("node:worker_threads");
export const nodeV8 = (): typeof import("node:v8") => load("node:v8") as typeof import("node:v8");
export const nodeChildProcess = (): typeof import("node:child_process") => load("node:child_process") as typeof import("node:child_process");
