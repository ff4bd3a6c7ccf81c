import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach } from "vitest";
import { run } from "../src/cli.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, in `cwd`, with optional standard input. */
export async function cli(args: string[], options: { cwd?: string; stdin?: string; env?: NodeJS.ProcessEnv; tty?: boolean; stderrTty?: boolean } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdin: () => Readable.from([Buffer.from(options.stdin ?? "")]),
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.stderrTty ?? false,
  });
  return { code, stdout, stderr };
}

const created: string[] = [];
const forSuite: string[] = [];

/** Every folder tempDir made is removed after the test that made it (or after the file, if made outside a test). */
function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
afterEach(removeTempDirs);
afterAll(() => {
  removeTempDirs();
  for (const dir of forSuite.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder holding the given files; removed after the test. */
export function tempDir(files: Record<string, string>): string {
  const dir = makeDir(files);
  created.push(dir);
  return dir;
}

/** Like tempDir, for a folder that several tests share (made in beforeAll or a describe body): removed after the file. */
export function suiteTempDir(files: Record<string, string>): string {
  const dir = makeDir(files);
  forSuite.push(dir);
  return dir;
}

function makeDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "aib-lint-test-"));
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
  }
  return dir;
}
