/** Runs ShellCheck (an external program) on scripts, in batches, bounded in input, memory and time. Never throws. */
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeFsError, describeSize, InputError, readRegularFile } from "../read/input.js";
import { nodeChildProcess, nodeOs } from "../util/builtins.js";
import { tempPrefix, untilDone } from "../util/interrupt.js";
import type { Severity } from "../core/diagnostic.js";
import type { ShellcheckOutcome, ShellFinding } from "./types.js";
import { thousands } from "../util/text.js";

export const SHELLCHECK_INSTALL = "install it with `apt-get install shellcheck` (Debian, Ubuntu), `dnf install ShellCheck` (Fedora), `brew install shellcheck` (macOS) or `choco install shellcheck` / `scoop install shellcheck` (Windows)";
const BATCH = 250;
/** The whole ShellCheck phase stops after this long. */
export const SHELLCHECK_TIMEOUT_MS = 120_000;
/** Larger scripts are not given to ShellCheck, whose memory grows with the square of a script's variables (1,000 lines can take 1.3 GB). */
export const MAX_SCRIPT_LINES = 2000;
export const MAX_SCRIPT_BYTES = 256 * 1024;
const GB = 1024 * 1024 * 1024;

export interface ShellcheckOptions {
  /** The program to run (default `shellcheck`). */
  command?: string;
  /** Time bound for all batches together. */
  timeoutMs?: number;
  /** Address space each ShellCheck process may take, on Linux (default 2 GB, or a quarter of the memory when that is less). */
  memoryBytes?: number;
}

export interface ShellcheckRun {
  /** Outcomes by script text (inline scripts). */
  scripts: Map<string, ShellcheckOutcome>;
  /** Outcomes by path (local script files). */
  files: Map<string, ShellcheckOutcome>;
  /** Why some or all scripts were not checked, for standard error. */
  note?: string;
  /** Why scripts met later in the run cannot be checked either (ShellCheck failed, or its time is up); unset when ShellCheck is missing. */
  gaveUp?: string;
}

interface Batch {
  paths: string[];
  args: string[];
}

/** Checks inline script texts and local script files; files without a shebang are read as sh, as Packer runs them. */
export async function runShellcheck(scripts: readonly string[], files: readonly string[], options: ShellcheckOptions = {}): Promise<ShellcheckRun> {
  const run: ShellcheckRun = { scripts: new Map(), files: new Map() };
  const unique = [...new Set(scripts)];
  if (unique.length === 0 && files.length === 0) return run;
  const command = options.command ?? "shellcheck";
  const timeout = options.timeoutMs ?? SHELLCHECK_TIMEOUT_MS;
  const memory = options.memoryBytes ?? Math.min(2 * GB, Math.max(GB / 2, nodeOs().totalmem() / 4));
  const dir = mkdtempSync(join(nodeOs().tmpdir(), tempPrefix("shellcheck")));
  const children = new Set<ChildProcess>();
  // interrupted: ShellCheck stops, and the scripts written here go
  const done = untilDone(() => {
    for (const child of children) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });
  try {
    const byPath = new Map<string, string>();
    const inline: string[] = [];
    unique.forEach((text, i) => {
      const tooBig = oversize(Buffer.byteLength(text), text);
      if (tooBig) return void run.scripts.set(text, { unchecked: tooBig });
      const path = join(dir, `inline-${i}.sh`);
      writeFileSync(path, text);
      byPath.set(path, text);
      inline.push(path);
    });
    const withShebang: string[] = [];
    const withoutShebang: string[] = [];
    for (const file of files) {
      const read = readScript(file);
      if (typeof read === "string") run.files.set(file, { unchecked: read });
      else (read.shebang ? withShebang : withoutShebang).push(file);
    }
    const groups: Batch[] = [
      { paths: inline, args: ["--norc"] },
      { paths: withShebang, args: [] },
      { paths: withoutShebang, args: ["--shell=sh"] },
    ];
    const queue = groups.flatMap((g) => Array.from({ length: Math.ceil(g.paths.length / BATCH) }, (_, i) => ({ paths: g.paths.slice(i * BATCH, (i + 1) * BATCH), args: g.args })));
    const record = (path: string, outcome: ShellcheckOutcome): void => {
      const text = byPath.get(path);
      if (text !== undefined) run.scripts.set(text, outcome);
      else run.files.set(path, outcome);
    };
    const deadline = Date.now() + timeout;
    let stop = false;
    // batches run side by side, one per core (ShellCheck is single-threaded)
    const worker = async (): Promise<void> => {
      while (queue.length && !stop) {
        const batch = queue.shift()!;
        const outcome = await invoke(command, [...batch.args, "--format=json1", ...batch.paths], { timeout: Math.max(1, deadline - Date.now()), bound: timeout, memory, children });
        if ("findings" in outcome) for (const path of batch.paths) record(path, outcome.findings.get(path) ?? []);
        else if (outcome.kind === "missing") {
          run.note = outcome.note;
          stop = true;
        } else if (outcome.kind === "memory" && batch.paths.length > 1) {
          // the script that takes the memory is found by halves (a few, one by one); the others are checked
          const size = batch.paths.length <= 4 ? 1 : Math.ceil(batch.paths.length / 2);
          const parts: Batch[] = [];
          for (let i = 0; i < batch.paths.length; i += size) parts.push({ paths: batch.paths.slice(i, i + size), args: batch.args });
          queue.unshift(...parts);
        } else if (outcome.kind === "memory") record(batch.paths[0]!, { unchecked: outcome.reason });
        else {
          for (const path of batch.paths) record(path, { unchecked: outcome.reason });
          run.note ??= outcome.note;
          run.gaveUp ??= outcome.reason;
          stop = true;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(nodeOs().availableParallelism(), 4, queue.length) }, worker));
    // the batches never started share the reason
    if (run.gaveUp) for (const batch of queue) for (const path of batch.paths) record(path, { unchecked: run.gaveUp });
    return run;
  } finally {
    done();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Why a script is too big to give ShellCheck, if it is. */
function oversize(bytes: number, text: string | Buffer): string | undefined {
  if (bytes > MAX_SCRIPT_BYTES) return `it is ${describeSize(bytes)}, over the ${describeSize(MAX_SCRIPT_BYTES)} given to ShellCheck`;
  let lines = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lines++;
  return lines > MAX_SCRIPT_LINES ? `it has ${thousands(lines)} lines, over the ${thousands(MAX_SCRIPT_LINES)} given to ShellCheck` : undefined;
}

/** A local script (a regular file: the checksum stage read it) fit for ShellCheck, or why it is not. */
function readScript(path: string): { shebang: boolean } | string {
  try {
    const size = statSync(path).size;
    if (size > MAX_SCRIPT_BYTES) return oversize(size, "")!;
    const data = readRegularFile(path, MAX_SCRIPT_BYTES);
    return oversize(data.length, data) ?? { shebang: data.subarray(0, 2).toString("latin1") === "#!" };
  } catch (e) {
    return e instanceof InputError ? e.message : `cannot read it: ${describeFsError(e)}`;
  }
}

interface RawComment {
  file: string;
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
}

const LEVELS: Record<string, Severity> = { error: "error", warning: "warning", info: "info", style: "info" };

type Invocation =
  | { findings: Map<string, ShellFinding[]> }
  /** missing: not installed; memory: out of its memory (the batch is split); failed: time up, crash or bad output. */
  | { kind: "missing" | "memory" | "failed"; reason: string; note: string };

interface InvokeBounds {
  /** Time left (ms). */
  timeout: number;
  /** The phase's whole time, for the message. */
  bound: number;
  /** Address space (bytes), enforced on Linux. */
  memory: number;
  /** Running children, for an interrupt to stop. */
  children: Set<ChildProcess>;
}

/** On Linux ShellCheck starts under `ulimit -v`: out of memory it stops with an error instead of taking the machine's. */
function bounded(command: string, args: string[], memory: number): [string, string[]] {
  if (process.platform !== "linux" || !existsSync("/bin/sh")) return [command, args];
  return ["/bin/sh", ["-c", `ulimit -v ${Math.floor(memory / 1024)} 2>/dev/null; exec "$0" "$@"`, command, ...args]];
}

function invoke(command: string, args: string[], bounds: InvokeBounds): Promise<Invocation> {
  const [program, argv] = bounded(command, args, bounds.memory);
  return new Promise((resolve) => {
    const child = nodeChildProcess().execFile(program, argv, { timeout: bounds.timeout, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      bounds.children.delete(child);
      const failure = error as { code?: unknown; killed?: boolean; signal?: string | null; message: string } | null;
      const firstLine = stderr.trim().split("\n")[0] ?? "";
      // through /bin/sh a missing program is exit 127 ("not found")
      if (failure?.code === "ENOENT" || (program !== command && failure?.code === 127)) {
        return resolve({ kind: "missing", reason: "ShellCheck is not installed", note: `ShellCheck is not installed, so scripts were not checked; ${SHELLCHECK_INSTALL}` });
      }
      if (failure?.killed) {
        const within = `ShellCheck did not finish within ${Number((bounds.bound / 1000).toFixed(1))} s`;
        return resolve({ kind: "failed", reason: within, note: `${within}; some scripts were not checked` });
      }
      if (/out of memory/i.test(stderr) || failure?.signal) {
        const why = failure?.signal ? `ShellCheck was stopped by ${failure.signal}` : "ShellCheck ran out of memory";
        const limit = bounds.memory % GB === 0 ? `${bounds.memory / GB} GB` : describeSize(bounds.memory);
        return resolve({ kind: "memory", reason: `${why} (it may take ${limit})`, note: why });
      }
      let comments: RawComment[];
      try {
        comments = (JSON.parse(stdout) as { comments: RawComment[] }).comments;
      } catch {
        // exit 0/1 carry JSON; anything else is ShellCheck failing
        const reason = `ShellCheck failed (${firstLine || (failure ? failure.message : "no output")})`;
        return resolve({ kind: "failed", reason, note: `${reason}; scripts were not checked` });
      }
      const findings = new Map<string, ShellFinding[]>();
      for (const c of comments) {
        const list = findings.get(c.file) ?? [];
        list.push({ line: c.line, column: c.column, endLine: c.endLine, endColumn: c.endColumn, severity: LEVELS[c.level] ?? "info", code: c.code, message: c.message });
        findings.set(c.file, list);
      }
      resolve({ findings });
    });
    bounds.children.add(child);
  });
}
