/** Runs ShellCheck (an external program) on scripts, in batches, with a time bound. Never throws. */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Severity } from "../diagnostic.js";
import type { ShellFinding } from "./types.js";

export const SHELLCHECK_INSTALL = "install it with `apt-get install shellcheck` (Debian, Ubuntu), `dnf install ShellCheck` (Fedora), `brew install shellcheck` (macOS) or `choco install shellcheck` / `scoop install shellcheck` (Windows)";
const BATCH = 100;
const TIMEOUT_MS = 60_000;

export interface ShellcheckOptions {
  /** The program to run (default `shellcheck`). */
  command?: string;
  /** Time bound for each batch. */
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
  const timeout = options.timeoutMs ?? TIMEOUT_MS;
  const dir = mkdtempSync(join(tmpdir(), "aib-lint-shellcheck-"));
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
    for (const group of groups) {
      for (let i = 0; i < group.paths.length; i += BATCH) {
        const batch = group.paths.slice(i, i + BATCH);
        const outcome = await invoke(command, [...group.args, "--format=json1", ...batch], timeout);
        if ("problem" in outcome) {
          run.note = outcome.problem;
          return run;
        }
        for (const path of batch) {
          const found = outcome.findings.get(path) ?? [];
          const text = byPath.get(path);
          if (text !== undefined) run.scripts.set(text, found);
          else run.files.set(path, found);
        }
      }
    }
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

function invoke(command: string, args: string[], timeout: number): Promise<{ findings: Map<string, ShellFinding[]> } | { problem: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (code === "ENOENT") return resolve({ problem: `ShellCheck is not installed, so scripts were not checked; ${SHELLCHECK_INSTALL}` });
      if (error && (error as { killed?: boolean }).killed) return resolve({ problem: `ShellCheck did not finish within ${Math.round(timeout / 1000)} s; scripts were not checked` });
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
