/** Runs ShellCheck (an external program) on scripts, in batches, with a time bound. Never throws. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { nodeChildProcess, nodeOs } from "../util/builtins.js";
import type { Severity } from "../diagnostic.js";
import type { ShellFinding } from "./types.js";

export const SHELLCHECK_INSTALL = "install it with `apt-get install shellcheck` (Debian, Ubuntu), `dnf install ShellCheck` (Fedora), `brew install shellcheck` (macOS) or `choco install shellcheck` / `scoop install shellcheck` (Windows)";
const BATCH = 250;
/** The whole ShellCheck phase stops after this long. */
export const SHELLCHECK_TIMEOUT_MS = 120_000;

export interface ShellcheckOptions {
  /** The program to run (default `shellcheck`). */
  command?: string;
  /** Time bound for all batches together. */
  timeoutMs?: number;
}

export interface ShellcheckRun {
  /** Findings by script text (inline scripts). */
  scripts: Map<string, ShellFinding[]>;
  /** Findings by path (local script files). */
  files: Map<string, ShellFinding[]>;
  /** Why some or all scripts were not checked. */
  note?: string;
}

/** Checks inline script texts and local script files; files without a shebang are read as sh, as Packer runs them. */
export async function runShellcheck(scripts: readonly string[], files: readonly string[], options: ShellcheckOptions = {}): Promise<ShellcheckRun> {
  const run: ShellcheckRun = { scripts: new Map(), files: new Map() };
  const unique = [...new Set(scripts)];
  if (unique.length === 0 && files.length === 0) return run;
  const command = options.command ?? "shellcheck";
  const timeout = options.timeoutMs ?? SHELLCHECK_TIMEOUT_MS;
  const dir = mkdtempSync(join(nodeOs().tmpdir(), "aib-lint-shellcheck-"));
  try {
    const byPath = new Map<string, string>();
    unique.forEach((text, i) => {
      const path = join(dir, `inline-${i}.sh`);
      writeFileSync(path, text);
      byPath.set(path, text);
    });
    const withShebang = files.filter(hasShebang);
    const withoutShebang = files.filter((f) => !withShebang.includes(f));
    const groups: { paths: string[]; args: string[] }[] = [
      { paths: [...byPath.keys()], args: ["--norc"] },
      { paths: withShebang, args: [] },
      { paths: withoutShebang, args: ["--shell=sh"] },
    ];
    const batches = groups.flatMap((g) => Array.from({ length: Math.ceil(g.paths.length / BATCH) }, (_, i) => [...g.args, "--format=json1", ...g.paths.slice(i * BATCH, (i + 1) * BATCH)]));
    const deadline = Date.now() + timeout;
    let next = 0;
    // batches run side by side, one per core (ShellCheck is single-threaded)
    const worker = async (): Promise<void> => {
      while (next < batches.length && !run.note) {
        const args = batches[next++]!;
        const outcome = await invoke(command, args, Math.max(1, deadline - Date.now()), timeout);
        if ("problem" in outcome) {
          run.note = outcome.problem;
          return;
        }
        for (const path of args.filter((a) => !a.startsWith("-"))) {
          const found = outcome.findings.get(path) ?? [];
          const text = byPath.get(path);
          if (text !== undefined) run.scripts.set(text, found);
          else run.files.set(path, found);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(nodeOs().availableParallelism(), 4, batches.length) }, worker));
    return run;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function hasShebang(path: string): boolean {
  try {
    return readFileSync(path).subarray(0, 2).toString("latin1") === "#!";
  } catch {
    return false;
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

function invoke(command: string, args: string[], timeout: number, bound: number): Promise<{ findings: Map<string, ShellFinding[]> } | { problem: string }> {
  return new Promise((resolve) => {
    nodeChildProcess().execFile(command, args, { timeout, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (code === "ENOENT") return resolve({ problem: `ShellCheck is not installed, so scripts were not checked; ${SHELLCHECK_INSTALL}` });
      if (error && (error as { killed?: boolean }).killed) return resolve({ problem: `ShellCheck did not finish within ${Number((bound / 1000).toFixed(1))} s; some scripts were not checked` });
      let comments: RawComment[];
      try {
        comments = (JSON.parse(stdout) as { comments: RawComment[] }).comments;
      } catch {
        // exit 0/1 carry JSON; anything else is ShellCheck failing
        return resolve({ problem: `ShellCheck failed (${stderr.trim().split("\n")[0] || (error ? error.message : "no output")}); scripts were not checked` });
      }
      const findings = new Map<string, ShellFinding[]>();
      for (const c of comments) {
        const list = findings.get(c.file) ?? [];
        list.push({ line: c.line, column: c.column, endLine: c.endLine, endColumn: c.endColumn, severity: LEVELS[c.level] ?? "info", code: c.code, message: c.message });
        findings.set(c.file, list);
      }
      resolve({ findings });
    });
  });
}
