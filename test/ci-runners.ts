/**
 * Small runners that follow each CI system's step semantics, for the README's recipes: GitHub Actions
 * (`if:` with success()/failure()/always(), bash's `-e`, step outputs, composite actions), Azure
 * Pipelines (`condition:` with succeeded()/succeededOrFailed()/always()/failed(), `continueOnError`,
 * `$(var)` macros) and GitLab CI (a script stops at its first failing line, `artifacts: when:`).
 * Only what the recipes use; anything else is refused, so that a recipe cannot pass by being misread.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

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
  /** Runs a `uses:` step (an action this runner does not execute itself); its exit status. */
  uses?: (step: GithubStep, context: { with: Record<string, string>; cwd: string }) => number;
  /** GITHUB_ACTION_PATH for a composite action's steps. */
  actionPath?: string;
}

type Value = string | boolean | number;

/** Evaluates a GitHub expression (the subset the recipes use): literals, contexts, ==, !=, &&, ||, !, status functions, hashFiles. */
export function githubExpression(text: string, scope: { failed: boolean; inputs: Record<string, string>; steps: Record<string, Record<string, string>>; cwd: string }): Value {
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
          return args.some((a) => existsSync(resolve(scope.cwd, String(a)))) ? "hash" : "";
        default:
          throw new Error(`unsupported function ${t}`);
      }
    }
    const [root, ...path] = t.split(".");
    if (root === "inputs") return scope.inputs[path[0]!] ?? "";
    if (root === "steps" && path[1] === "outputs") return scope.steps[path[0]!]?.[path[2]!] ?? "";
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

const truthy = (v: Value): boolean => v !== "" && v !== false && v !== 0;
const unwrap = (text: string): string => text.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, "$1").trim();

/** Runs steps as a job (or a composite action) does: a failed step skips the rest unless their `if:` says always() or failure(). */
export function runGithubSteps(steps: readonly GithubStep[], context: GithubContext): { runs: StepRun[]; failed: boolean; outputs: Record<string, Record<string, string>> } {
  const outputs: Record<string, Record<string, string>> = {};
  const runs: StepRun[] = [];
  let failed = false;
  for (const [index, step] of steps.entries()) {
    const name = step.name ?? step.id ?? step.run ?? step.uses ?? `step ${index + 1}`;
    const scope = { failed, inputs: context.inputs ?? {}, steps: outputs, cwd: context.cwd };
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
      result = { status: context.uses(step, { with: inputs, cwd: context.cwd }), stdout: "", stderr: "" };
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
  context: { cwd: string; env: NodeJS.ProcessEnv; variables: Record<string, string>; task: (step: AzureStep, inputs: Record<string, string>) => number },
): { runs: StepRun[]; result: "succeeded" | "succeededWithIssues" | "failed" } {
  const variables = { ...pipeline.variables, ...context.variables };
  const macro = (text: string) => text.replace(/\$\(([\w.]+)\)/g, (whole, name: string) => variables[name] ?? whole);
  const env: NodeJS.ProcessEnv = { ...context.env, ...Object.fromEntries(Object.entries(variables).map(([k, v]) => [k.toUpperCase().replace(/\./g, "_"), v])) };
  const runs: StepRun[] = [];
  let failed = false;
  let issues = false;
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
    // a script step is a bash file run without -e: its status is its last command's
    if (step.script !== undefined) result = bash(["--noprofile", "--norc"], macro(step.script), context.cwd, env);
    else if (step.task !== undefined) result = { status: context.task(step, Object.fromEntries(Object.entries(step.inputs ?? {}).map(([k, v]) => [k, macro(String(v))]))), stdout: "", stderr: "" };
    else throw new Error(`a step with neither script nor task: ${name}`);
    runs.push({ name, ran: true, ...result });
    if (result.status !== 0) {
      if (step.continueOnError) issues = true;
      else failed = true;
    }
  }
  return { runs, result: failed ? "failed" : issues ? "succeededWithIssues" : "succeeded" };
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
