/**
 * Small runners that follow each CI system's step semantics, for the README's recipes: GitHub Actions
 * (`if:` with success()/failure()/always(), bash's `-e`, step outputs, composite actions), Azure
 * Pipelines (`condition:` with succeeded()/succeededOrFailed()/always()/failed(), `continueOnError`,
 * `$(var)` macros) and GitLab CI (a script stops at its first failing line, `artifacts: when:`).
 * Only what the recipes use; anything else is refused, so that a recipe cannot pass by being misread.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { compileGlob, globMatches } from "../src/util/glob.js";

export interface StepRun {
  name: string;
  /** ran: its command ran; skipped: its condition said no. */
  ran: boolean;
  status: number;
  stdout: string;
  stderr: string;
}

function bash(args: string[], script: string, cwd: string, env: NodeJS.ProcessEnv): { status: number; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), "aib-lint-step-"));
  const file = join(dir, "step.sh");
  writeFileSync(file, script);
  const r = spawnSync("bash", [...args, file], { cwd, env, encoding: "utf8", maxBuffer: 1 << 26 });
  rmSync(dir, { recursive: true, force: true });
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

// ---- GitHub Actions ----

export interface GithubStep {
  name?: string;
  id?: string;
  if?: string;
  run?: string;
  shell?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  "continue-on-error"?: boolean;
}

export interface GithubContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  inputs?: Record<string, string>;
  /** Runs a `uses:` step (an action this runner does not execute itself); its exit status, and its outputs if it has any. */
  uses?: (step: GithubStep, context: { with: Record<string, string>; cwd: string }) => number | { status: number; outputs: Record<string, string> };
  /** GITHUB_ACTION_PATH for a composite action's steps. */
  actionPath?: string;
}

type Value = string | boolean | number;

/** Evaluates a GitHub expression (the subset the recipes use): literals, contexts, ==, !=, &&, ||, !, status functions, hashFiles. */
export function githubExpression(text: string, scope: { failed: boolean; inputs: Record<string, string>; steps: Record<string, Record<string, string>>; cwd: string; env?: NodeJS.ProcessEnv }): Value {
  const tokens = text.match(/'(?:[^']|'')*'|==|!=|&&|\|\||!|\(|\)|,|[A-Za-z_][\w.-]*|\d+/g) ?? [];
  if (tokens.join("").replace(/\s/g, "") !== text.replace(/\s/g, "")) throw new Error(`unsupported expression: ${text}`);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++]!;
  const primary = (): Value => {
    const t = next();
    if (t === "(") {
      const v = or();
      if (next() !== ")") throw new Error(`unbalanced: ${text}`);
      return v;
    }
    if (t === "!") return !truthy(primary());
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (/^\d+$/.test(t)) return Number(t);
    if (t === "true" || t === "false") return t === "true";
    if (peek() === "(") {
      next();
      const args: Value[] = [];
      while (peek() !== ")") {
        args.push(or());
        if (peek() === ",") next();
      }
      next();
      switch (t) {
        case "success":
          return !scope.failed;
        case "failure":
          return scope.failed;
        case "always":
          return true;
        case "cancelled":
          return false;
        case "hashFiles":
          return hashFiles(args.map(String), scope.cwd);
        default:
          throw new Error(`unsupported function ${t}`);
      }
    }
    const [root, ...path] = t.split(".");
    if (root === "inputs") return scope.inputs[path[0]!] ?? "";
    if (root === "steps" && path[1] === "outputs") return scope.steps[path[0]!]?.[path[2]!] ?? "";
    // runner.os and github.sha are what the runner also sets as RUNNER_OS and GITHUB_SHA
    const variable = (root === "runner" || root === "github") && path.length === 1 ? scope.env?.[`${root.toUpperCase()}_${path[0]!.toUpperCase()}`] : undefined;
    if (variable !== undefined) return variable;
    throw new Error(`unsupported context ${t}`);
  };
  const compare = (): Value => {
    let left = primary();
    while (peek() === "==" || peek() === "!=") {
      const op = next();
      const right = primary();
      // GitHub compares strings without case
      const equal = String(left).toLowerCase() === String(right).toLowerCase();
      left = op === "==" ? equal : !equal;
    }
    return left;
  };
  // && and || give one of their operands, as in JavaScript
  const chain = (op: string, operand: () => Value, keepLeft: (left: Value) => boolean) => (): Value => {
    let left = operand();
    while (peek() === op) {
      next();
      const right = operand();
      left = keepLeft(left) ? left : right;
    }
    return left;
  };
  const and = chain("&&", compare, (left) => !truthy(left));
  const or: () => Value = chain("||", and, truthy);
  const value = or();
  if (at !== tokens.length) throw new Error(`unsupported expression: ${text}`);
  return value;
}

/** GitHub's hashFiles: one SHA-256 over the SHA-256 of each file under the workspace that a pattern matches, '' for none. */
function hashFiles(patterns: string[], workspace: string): string {
  const globs = patterns.map((p) => compileGlob(p));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (globs.some((g) => globMatches(g, relative(workspace, path)))) files.push(path);
    }
  };
  walk(workspace);
  if (files.length === 0) return "";
  const all = createHash("sha256");
  for (const file of files) all.update(createHash("sha256").update(readFileSync(file)).digest());
  return all.digest("hex");
}

const truthy = (v: Value): boolean => v !== "" && v !== false && v !== 0;
const unwrap = (text: string): string => text.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, "$1").trim();

/** Runs steps as a job (or a composite action) does: a failed step skips the rest unless their `if:` says always() or failure(). */
export function runGithubSteps(steps: readonly GithubStep[], context: GithubContext): { runs: StepRun[]; failed: boolean; outputs: Record<string, Record<string, string>> } {
  const outputs: Record<string, Record<string, string>> = {};
  const runs: StepRun[] = [];
  let failed = false;
  for (const [index, step] of steps.entries()) {
    const name = step.name ?? step.id ?? step.run ?? step.uses ?? `step ${index + 1}`;
    const scope = { failed, inputs: context.inputs ?? {}, steps: outputs, cwd: context.cwd, env: context.env };
    const condition = step.if === undefined ? "success()" : unwrap(String(step.if));
    // without a status function, a condition means success() && (condition)
    const gate = /\b(success|failure|always|cancelled)\(/.test(condition) ? condition : `success() && (${condition})`;
    if (!truthy(githubExpression(gate, scope))) {
      runs.push({ name, ran: false, status: 0, stdout: "", stderr: "" });
      continue;
    }
    const substitute = (text: string) => text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, e: string) => String(githubExpression(e.trim(), scope)));
    const env: NodeJS.ProcessEnv = { ...context.env, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v))])) };
    let result: { status: number; stdout: string; stderr: string };
    if (step.run !== undefined) {
      const outputFile = join(mkdtempSync(join(tmpdir(), "aib-lint-output-")), "output");
      writeFileSync(outputFile, "");
      if (context.actionPath) env.GITHUB_ACTION_PATH = context.actionPath;
      env.GITHUB_OUTPUT = outputFile;
      // `shell: bash` is bash --noprofile --norc -eo pipefail; no shell on Linux is bash -e
      const args = step.shell === "bash" ? ["--noprofile", "--norc", "-eo", "pipefail"] : step.shell === undefined ? ["-e"] : undefined;
      if (!args) throw new Error(`unsupported shell ${step.shell}`);
      result = bash(args, substitute(step.run), context.cwd, env);
      if (step.id) outputs[step.id] = Object.fromEntries(readFileSync(outputFile, "utf8").split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
      rmSync(resolve(outputFile, ".."), { recursive: true, force: true });
    } else if (step.uses !== undefined) {
      if (!context.uses) throw new Error(`no runner for uses: ${step.uses}`);
      const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v))]));
      const ran = context.uses(step, { with: inputs, cwd: context.cwd });
      const { status, outputs: stepOutputs } = typeof ran === "number" ? { status: ran, outputs: {} } : ran;
      if (step.id) outputs[step.id] = stepOutputs;
      result = { status, stdout: "", stderr: "" };
    } else throw new Error(`a step with neither run nor uses: ${name}`);
    runs.push({ name, ran: true, ...result });
    if (result.status !== 0 && !step["continue-on-error"]) failed = true;
  }
  return { runs, failed, outputs };
}

export interface CompositeAction {
  inputs?: Record<string, { default?: string }>;
  runs: { using: string; steps: GithubStep[] };
}

/** A composite action's steps with its inputs (defaults filled in), as a `uses:` step of a job runs it. */
export function runCompositeAction(action: CompositeAction, actionPath: string, withInputs: Record<string, string>, context: Omit<GithubContext, "inputs" | "actionPath">) {
  if (action.runs.using !== "composite") throw new Error(`not a composite action: ${action.runs.using}`);
  const inputs = Object.fromEntries(Object.entries(action.inputs ?? {}).map(([k, spec]) => [k, withInputs[k] ?? spec.default ?? ""]));
  return runGithubSteps(action.runs.steps, { ...context, inputs, actionPath });
}

// ---- caches kept between runs ----

/** The service behind actions/cache and Cache@2: immutable entries by key, the newest of a prefix for a partial match. */
export class CacheService {
  private readonly entries: { key: string; copy: string }[] = [];

  /** Copies the entry of `key`, else the newest whose key starts with one of `prefixes` (in their order), to `path`. */
  restore(path: string, key: string, prefixes: readonly string[]): { exact: boolean; key: string } | undefined {
    const exact = this.entries.find((e) => e.key === key);
    const match = exact ?? prefixes.map((p) => [...this.entries].reverse().find((e) => e.key.startsWith(p))).find((e) => e !== undefined);
    if (!match) return undefined;
    rmSync(path, { recursive: true, force: true });
    cpSync(match.copy, path, { recursive: true });
    return { exact: match === exact, key: match.key };
  }

  /** Keeps a copy of `path` under `key`; false when the key is taken (an entry is never replaced). */
  save(path: string, key: string): boolean {
    if (this.entries.some((e) => e.key === key)) return false;
    const copy = join(mkdtempSync(join(tmpdir(), "aib-lint-cached-")), "entry");
    cpSync(path, copy, { recursive: true });
    this.entries.push({ key, copy });
    return true;
  }

  /** Changes every kept copy of a file (to tell a result read from the cache from one made again). */
  edit(edit: (path: string) => void): void {
    for (const { copy } of this.entries) edit(copy);
  }
}

const lines = (text: string | undefined): string[] => (text ?? "").split("\n").map((l) => l.trim()).filter(Boolean);

/**
 * actions/cache/restore@v4 and actions/cache/save@v4 as `uses:` steps: restore tries the key, then it and
 * the restore-keys as prefixes, and says cache-hit only for the key itself; save never replaces an entry and
 * only warns when the key is taken or the path missing.
 */
export function githubCacheActions(service: CacheService) {
  return (step: GithubStep, context: { with: Record<string, string>; cwd: string }): { status: number; outputs: Record<string, string> } | undefined => {
    if (step.uses !== "actions/cache/restore@v4" && step.uses !== "actions/cache/save@v4") return undefined;
    const path = resolve(context.cwd, context.with.path!);
    const key = context.with.key!;
    if (step.uses === "actions/cache/restore@v4") {
      const found = service.restore(path, key, [key, ...lines(context.with["restore-keys"])]);
      return { status: 0, outputs: { "cache-primary-key": key, ...(found ? { "cache-hit": String(found.exact), "cache-matched-key": found.key } : {}) } };
    }
    if (existsSync(path)) service.save(path, key);
    return { status: 0, outputs: {} };
  };
}

// ---- Azure Pipelines ----

export interface AzureStep {
  script?: string;
  task?: string;
  displayName?: string;
  condition?: string;
  continueOnError?: boolean;
  inputs?: Record<string, string>;
}

export interface AzurePipeline {
  variables?: Record<string, string>;
  steps: AzureStep[];
}

/** Runs the steps as an agent does: `condition:` (default succeeded()), continueOnError, $(var) macros, variables as environment. */
export function runAzurePipeline(
  pipeline: AzurePipeline,
  context: { cwd: string; env: NodeJS.ProcessEnv; variables: Record<string, string>; task: (step: AzureStep, inputs: Record<string, string>) => number; cache?: CacheService },
): { runs: StepRun[]; result: "succeeded" | "succeededWithIssues" | "failed" } {
  const variables = { ...pipeline.variables, ...context.variables };
  const macro = (text: string) => text.replace(/\$\(([\w.]+)\)/g, (whole, name: string) => variables[name] ?? whole);
  const env: NodeJS.ProcessEnv = { ...context.env, ...Object.fromEntries(Object.entries(variables).map(([k, v]) => [k.toUpperCase().replace(/\./g, "_"), v])) };
  const runs: StepRun[] = [];
  let failed = false;
  let issues = false;
  const postJob: { name: string; run: () => number }[] = [];
  for (const [index, step] of pipeline.steps.entries()) {
    const name = step.displayName ?? step.task ?? `step ${index + 1}`;
    const condition = (step.condition ?? "succeeded()").trim();
    const verdict: Record<string, boolean> = { "succeeded()": !failed, "succeededOrFailed()": true, "always()": true, "failed()": failed };
    if (!(condition in verdict)) throw new Error(`unsupported condition ${condition}`);
    if (!verdict[condition]) {
      runs.push({ name, ran: false, status: 0, stdout: "", stderr: "" });
      continue;
    }
    let result: { status: number; stdout: string; stderr: string };
    const inputs = Object.fromEntries(Object.entries(step.inputs ?? {}).map(([k, v]) => [k, macro(String(v))]));
    // a script step is a bash file run without -e: its status is its last command's
    if (step.script !== undefined) result = bash(["--noprofile", "--norc"], macro(step.script), context.cwd, env);
    else if (step.task === "Cache@2") {
      if (!context.cache) throw new Error("no cache service for Cache@2");
      const cache = context.cache;
      const path = resolve(context.cwd, inputs.path!);
      const key = azureCacheKey(inputs.key!);
      const found = cache.restore(path, key, lines(inputs.restoreKeys).map(azureCacheKey));
      // the post-job step saves the folder unless the key itself was restored; a missing folder fails it
      if (!found?.exact) postJob.unshift({ name: `Post-job: ${name}`, run: () => (existsSync(path) && statSync(path).isDirectory() ? (cache.save(path, key), 0) : 1) });
      result = { status: 0, stdout: "", stderr: "" };
    } else if (step.task !== undefined) result = { status: context.task(step, inputs), stdout: "", stderr: "" };
    else throw new Error(`a step with neither script nor task: ${name}`);
    runs.push({ name, ran: true, ...result });
    if (result.status !== 0) {
      if (step.continueOnError) issues = true;
      else failed = true;
    }
  }
  // post-job steps run after a successful job only, the last registered first
  for (const post of failed ? [] : postJob) {
    const status = post.run();
    runs.push({ name: post.name, ran: true, status, stdout: "", stderr: "" });
    if (status !== 0) failed = true;
  }
  return { runs, result: failed ? "failed" : issues ? "succeededWithIssues" : "succeeded" };
}

/** A Cache@2 key: segments split at |, trimmed; a quoted segment is a string as written (file segments, hashed by the agent, are not supported). */
function azureCacheKey(key: string): string {
  return key
    .split("|")
    .map((segment) => {
      const s = segment.trim();
      if (!/^".*"$/.test(s) && /[*?/\\.]/.test(s)) throw new Error(`unsupported Cache@2 key segment (a file): ${s}`);
      return s;
    })
    .join("|");
}

// ---- GitLab CI ----

export interface GitlabJob {
  script: string[];
  variables?: Record<string, string>;
  artifacts?: { when?: "on_success" | "on_failure" | "always"; reports?: { junit?: string }; paths?: string[] };
}

/** Runs a job's script as the runner does (the first failing line fails the job) and says which artifacts it uploads. */
export function runGitlabJob(job: GitlabJob, context: { cwd: string; env: NodeJS.ProcessEnv }): { run: StepRun; failed: boolean; uploaded: string[] } {
  const env = { ...context.env, ...job.variables };
  const result = bash(["-eo", "pipefail"], job.script.join("\n"), context.cwd, env);
  const failed = result.status !== 0;
  const when = job.artifacts?.when ?? "on_success";
  const collect = when === "always" || (when === "on_success" && !failed) || (when === "on_failure" && failed);
  const wanted = [...(job.artifacts?.reports?.junit ? [job.artifacts.reports.junit] : []), ...(job.artifacts?.paths ?? [])];
  return { run: { name: "script", ran: true, ...result }, failed, uploaded: collect ? wanted.filter((p) => existsSync(resolve(context.cwd, p))) : [] };
}
