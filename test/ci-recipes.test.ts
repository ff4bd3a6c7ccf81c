/**
 * The README's CI recipes, run as their CI systems run them (test/ci-runners.ts): GitHub's `if:` and
 * `set -e`, Azure's `condition:` and `continueOnError`, GitLab's `artifacts: when:`, against a local clone
 * (git+file://) installed as the recipes install it, and the GitHub Action with nothing but action.yml and
 * its bundle. Slow (npm installs and builds for real): skipped outside CI without git or a build.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { suiteTempDir } from "./cli-harness.js";
import { CacheService, githubCacheActions, githubExpression, runAzurePipeline, runCompositeAction, runGithubSteps, runGitlabJob, type AzurePipeline, type AzureStep, type CompositeAction, type GithubStep, type GitlabJob, type StepRun } from "./ci-runners.js";
import { GIT_ENV, HEAD, requirePrerequisites, ROOT } from "./repo-harness.js";

const ready = HEAD !== undefined && existsSync(join(ROOT, "action/bin/aib-lint.cjs")) && existsSync(join(ROOT, "action/dist/aib-lint.cjs"));
requirePrerequisites(ready, "the CI recipe tests need git, this repository checked out by git, and the Action's bundle (npm run build:action)");
const scratch = (files: Record<string, string> = {}): string => suiteTempDir(files);

const GOOD = readFileSync(join(ROOT, "fixtures/examples/linux-gallery.json"), "utf8");
const BAD = GOOD.replace('"location": "westeurope"', '"location": "southindia"');
/** A warning only: the run passes. */
const WARNED = GOOD.replace('"buildTimeoutInMinutes": 90,', '"buildTimeoutInMinutes": 90,\n    "provisioningState": "Succeeded",');
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const CLI_DOCS = readFileSync(join(ROOT, "docs/cli.md"), "utf8");

/** The YAML of a block marked `<!-- ci-snippet: NAME -->` in the README (or another page). */
function snippet(name: string, page = README): Record<string, unknown> {
  const at = page.indexOf(`<!-- ci-snippet: ${name} -->`);
  expect(at, `snippet ${name}`).toBeGreaterThan(0);
  return parseYaml(/```yaml\n([\s\S]*?)```/.exec(page.slice(at))![1]!) as Record<string, unknown>;
}

/** Marks every finding in a kept cache (a cache file, or a folder holding one), so that a result read from it can be told from one linted again. */
function markRemembered(path: string): void {
  const file = statSync(path).isDirectory() ? join(path, readdirSync(path)[0]!) : path;
  const data = JSON.parse(readFileSync(file, "utf8"));
  for (const entry of Object.values(data.entries) as Array<{ result: { diagnostics: Array<{ message: string }> } }>) for (const d of entry.result.diagnostics) d.message = `REMEMBERED ${d.message}`;
  writeFileSync(file, JSON.stringify(data));
}

const stepNamed = (runs: StepRun[], name: string): StepRun => runs.find((r) => r.name === name)!;

const junitParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (n) => ["testsuite", "testcase", "failure"].includes(n) });

describe("the CI runners follow their systems' rules", () => {
  const scope = { failed: false, inputs: { "upload-sarif": "true", "sarif-file": "nowhere.sarif" }, steps: { lint: { "exit-code": "1" } }, cwd: ROOT };
  it("GitHub: status functions, comparisons without case, contexts, hashFiles", () => {
    expect(githubExpression("always() && inputs.upload-sarif == 'TRUE'", scope)).toBe(true);
    expect(githubExpression("success()", { ...scope, failed: true })).toBe(false);
    expect(githubExpression("failure() || steps.lint.outputs.exit-code != '1'", scope)).toBe(false);
    expect(githubExpression("hashFiles(inputs.sarif-file) != ''", scope)).toBe(false);
    expect(githubExpression("hashFiles('README.md') != ''", scope)).toBe(true);
    expect(githubExpression("hashFiles('README.md', 'docs/*.md')", scope)).not.toBe(githubExpression("hashFiles('README.md')", scope));
    expect(githubExpression("runner.os", { ...scope, env: { RUNNER_OS: "Linux" } })).toBe("Linux");
    expect(() => githubExpression("contains(github.ref, 'x')", scope)).toThrow(/unsupported/);
  });
  it("GitHub: a failed step skips the next unless if: always() or failure(); bash -e stops a run: block; continue-on-error", () => {
    const dir = scratch();
    const steps: GithubStep[] = [
      { name: "fails midway", run: "false\necho after" },
      { name: "skipped", run: "echo no" },
      { name: "on failure", if: "failure()", run: "echo yes" },
      { name: "conditional without status", if: "${{ 'a' == 'a' }}", run: "echo no" },
    ];
    const { runs, failed } = runGithubSteps(steps, { cwd: dir, env: GIT_ENV });
    expect(failed).toBe(true);
    expect(runs.map((r) => [r.name, r.ran, r.stdout.trim()])).toEqual([["fails midway", true, ""], ["skipped", false, ""], ["on failure", true, "yes"], ["conditional without status", false, ""]]);
    expect(runGithubSteps([{ run: "exit 3", "continue-on-error": true }, { run: "echo next" }], { cwd: dir, env: GIT_ENV }).runs[1]!.stdout).toBe("next\n");
  });
  it("Azure: a failed script skips succeeded() steps, not succeededOrFailed()/always(); continueOnError is success with issues; no -e", () => {
    const dir = scratch();
    const run = runAzurePipeline(
      {
        variables: { WHO: "x" },
        steps: [{ script: "false\necho $(WHO) $WHO", displayName: "last line decides" }, { script: "exit 2", displayName: "fails" }, { script: "echo no", displayName: "default" }, { script: "echo yes", condition: "succeededOrFailed()", displayName: "anyway" }],
      },
      { cwd: dir, env: GIT_ENV, variables: {}, task: () => 0 },
    );
    expect(run.runs.map((r) => [r.name, r.ran, r.stdout.trim()])).toEqual([["last line decides", true, "x x"], ["fails", true, ""], ["default", false, ""], ["anyway", true, "yes"]]);
    expect(run.result).toBe("failed");
    expect(runAzurePipeline({ steps: [{ script: "exit 1", continueOnError: true }, { script: "echo ran" }] }, { cwd: dir, env: GIT_ENV, variables: {}, task: () => 0 })).toMatchObject({ result: "succeededWithIssues", runs: [{}, { ran: true }] });
  });
  it("caches: actions/cache/restore hits its key, else the newest of a prefix (cache-hit false); Cache@2 saves in a post-job step after success only", () => {
    const dir = scratch({ "c/f": "one" });
    const service = new CacheService();
    const actions = githubCacheActions(service);
    const restore = (key: string) => actions({ uses: "actions/cache/restore@v4" }, { cwd: dir, with: { path: "c", key, "restore-keys": "k-\nother-" } })!.outputs;
    expect(restore("k-1")).toEqual({ "cache-primary-key": "k-1" });
    actions({ uses: "actions/cache/save@v4" }, { cwd: dir, with: { path: "c", key: "k-1" } });
    writeFileSync(join(dir, "c/f"), "two");
    actions({ uses: "actions/cache/save@v4" }, { cwd: dir, with: { path: "c", key: "k-1" } }); // taken: kept as it was
    actions({ uses: "actions/cache/save@v4" }, { cwd: dir, with: { path: "c", key: "other-2" } });
    expect(restore("k-1")).toMatchObject({ "cache-hit": "true" });
    expect(readFileSync(join(dir, "c/f"), "utf8")).toBe("one");
    expect(restore("k-9")).toMatchObject({ "cache-hit": "false", "cache-matched-key": "k-1" });
    const cache = new CacheService();
    const pipeline = (script: string): AzurePipeline => ({ steps: [{ task: "Cache@2", inputs: { key: 'k | "$(Agent.OS)"', path: "c" } }, { script }] });
    const context = { cwd: dir, env: GIT_ENV, variables: { "Agent.OS": "Linux" }, task: () => 1, cache };
    expect(runAzurePipeline(pipeline("exit 1"), context).runs.map((r) => r.name)).toEqual(["Cache@2", "step 2"]);
    expect(runAzurePipeline(pipeline("true"), context).runs.map((r) => [r.name, r.status])).toEqual([["Cache@2", 0], ["step 2", 0], ["Post-job: Cache@2", 0]]);
    expect(runAzurePipeline(pipeline("true"), context).runs.map((r) => r.name)).toEqual(["Cache@2", "step 2"]);
  });
  it("GitLab: the first failing line fails the job; artifacts follow when:", () => {
    const dir = scratch();
    const job: GitlabJob = { script: ["echo a > a.xml", "false", "echo b > b.xml"], artifacts: { reports: { junit: "a.xml" }, paths: ["b.xml"] } };
    expect(runGitlabJob(job, { cwd: dir, env: GIT_ENV })).toMatchObject({ failed: true, uploaded: [] });
    expect(runGitlabJob({ ...job, artifacts: { ...job.artifacts, when: "always" } }, { cwd: dir, env: GIT_ENV })).toMatchObject({ failed: true, uploaded: ["a.xml"] });
  });
});

describe.skipIf(!ready)("the README's CI recipes, run as their CI systems run them", () => {
  const clone = ready ? scratch() : "";
  if (ready) execFileSync("git", ["clone", "--quiet", ROOT, join(clone, "aib-lint")], { env: GIT_ENV });
  const source = `git+file://${join(clone, "aib-lint")}#${HEAD}`;
  // one workspace for the recipes that install: the second install finds the first in place
  const project = ready ? scratch({ "templates/bad.json": BAD, "templates/sub/good.json": GOOD }) : "";
  const env = { ...GIT_ENV, AIB_LINT_SOURCE: source };

  it("GitHub Actions without the action: the lint step fails the job after annotating", () => {
    const doc = snippet("github") as { steps: GithubStep[] };
    expect(doc.steps.find((s) => s.env?.AIB_LINT_SOURCE)!.env!.AIB_LINT_SOURCE).toBe("git+https://github.com/<owner>/aib-lint.git#<tag>");
    // the recipe's placeholder source is the user's to fill in: here the local clone
    const steps = doc.steps.map((s) => (s.env?.AIB_LINT_SOURCE ? { ...s, env: { ...s.env, AIB_LINT_SOURCE: source } } : s));
    const job = runGithubSteps(steps, { cwd: project, env: GIT_ENV, uses: (step) => (step.uses === "actions/checkout@v4" ? 0 : 1) });
    expect(job.runs.map((r) => [r.ran, r.status])).toEqual([[true, 0], [true, 0], [true, 1]]);
    expect(job.runs[2]!.stdout).toMatch(/^::error file=templates\/bad\.json,line=5,col=15,/m);
    expect(job.failed).toBe(true);
  }, 300_000);

  it("Azure Pipelines: one aib-lint step fails with inline issues, and PublishTestResults still publishes its JUnit", () => {
    const pipeline = snippet("azure-pipelines") as unknown as AzurePipeline;
    const staging = scratch();
    const published: unknown[] = [];
    const publish = (step: AzureStep, inputs: Record<string, string>): number => {
      expect(step.task).toBe("PublishTestResults@2");
      expect(inputs.testResultsFormat).toBe("JUnit");
      // a missing file is only a warning for the task: what matters is what it found
      if (existsSync(inputs.testResultsFiles!)) published.push(junitParser.parse(readFileSync(inputs.testResultsFiles!, "utf8")));
      return 0;
    };
    const run = runAzurePipeline(pipeline, { cwd: project, env, variables: { AIB_LINT_SOURCE: source, "Build.ArtifactStagingDirectory": staging }, task: publish });
    expect(run.runs.map((r) => [r.name, r.ran, r.status])).toEqual([["install aib-lint", true, 0], ["aib-lint", true, 1], ["PublishTestResults@2", true, 0]]);
    expect(run.runs[1]!.stdout).toMatch(/^##vso\[task\.logissue type=error;sourcepath=templates\/bad\.json;linenumber=5;columnnumber=15;code=location\]/m);
    expect(run.result).toBe("failed");
    expect(published).toHaveLength(1);
    const suites = (published[0] as { testsuites: { tests: string; failures: string; testsuite: { name: string }[] } }).testsuites;
    expect([suites.tests, suites.failures]).toEqual(["2", "1"]);
    expect(suites.testsuite.map((s) => s.name)).toEqual(["templates/bad.json", "templates/sub/good.json"]);
  }, 300_000);

  it("Azure Pipelines: the former two-step recipe published nothing on errors (the runner sees why)", () => {
    const staging = scratch();
    let found = 0;
    const former: AzurePipeline = {
      steps: [
        { script: "npx --no-install aib-lint --format azure-devops templates/", displayName: "annotations" },
        { script: "npx --no-install aib-lint --format junit --output $(Build.ArtifactStagingDirectory)/aib-lint.xml templates/", displayName: "JUnit" },
        { task: "PublishTestResults@2", condition: "succeededOrFailed()", inputs: { testResultsFiles: "$(Build.ArtifactStagingDirectory)/aib-lint.xml" } },
      ],
    };
    const publish = (_: AzureStep, inputs: Record<string, string>): number => {
      if (existsSync(inputs.testResultsFiles!)) found++;
      return 0;
    };
    const run = runAzurePipeline(former, { cwd: project, env, variables: { "Build.ArtifactStagingDirectory": staging }, task: publish });
    expect(run.runs.map((r) => r.ran)).toEqual([true, false, true]);
    expect(found).toBe(0);
  }, 300_000);

  it("GitLab CI: the job fails and still uploads its JUnit report", () => {
    const job = (snippet("gitlab") as Record<string, GitlabJob>)["aib-lint"]!;
    const run = runGitlabJob({ ...job, variables: { ...job.variables, AIB_LINT_SOURCE: source } }, { cwd: project, env: GIT_ENV });
    expect(run.failed).toBe(true);
    expect(run.uploaded).toEqual(["aib-lint.xml"]);
    expect(junitParser.parse(readFileSync(join(project, "aib-lint.xml"), "utf8")).testsuites.failures).toBe("1");
  }, 300_000);

  /** A workspace of its own for the cache recipes, with aib-lint already installed as the recipes above left it. */
  const cacheWorkspace = (files: Record<string, string>): string => {
    const dir = scratch(files);
    if (existsSync(join(project, "node_modules"))) cpSync(join(project, "node_modules"), join(dir, "node_modules"), { recursive: true });
    return dir;
  };

  it("docs/cli.md, GitHub: the cache is saved even when lint fails, read by the next run, and a changed file is linted again", () => {
    const doc = snippet("cache-github", CLI_DOCS) as { steps: GithubStep[] };
    const steps = doc.steps.map((s) => (s.env?.AIB_LINT_SOURCE ? { ...s, env: { ...s.env, AIB_LINT_SOURCE: source } } : s));
    const workspace = cacheWorkspace({ "templates/bad.json": BAD, "templates/sub/good.json": GOOD });
    const service = new CacheService();
    const cacheActions = githubCacheActions(service);
    // each job on a fresh runner: its own temporary folder
    const job = (sha: string) =>
      runGithubSteps(steps, { cwd: workspace, env: { ...GIT_ENV, GITHUB_SHA: sha, RUNNER_OS: "Linux", RUNNER_TEMP: scratch() }, uses: (step, context) => (step.uses === "actions/checkout@v4" ? 0 : cacheActions(step, context)!) });
    const first = job("1111");
    expect(first.failed).toBe(true);
    expect(first.runs.map((r) => [r.ran, r.status])).toEqual([[true, 0], [true, 0], [true, 0], [true, 1], [true, 0]]);
    service.edit(markRemembered);
    const again = job("1111");
    expect(again.runs.at(-1)!.ran).toBe(false); // the key was restored itself: nothing new to save
    expect(again.runs[3]!.stdout).toMatch(/^::error file=templates\/bad\.json,.*::REMEMBERED /m);
    writeFileSync(join(workspace, "templates/bad.json"), `${BAD}\n`);
    const changed = job("2222");
    expect(changed.outputs["aib-lint-cache"]).toMatchObject({ "cache-hit": "false", "cache-matched-key": "aib-lint-Linux-1111" });
    expect(changed.runs[3]!.stdout).toMatch(/^::error file=templates\/bad\.json,/m);
    expect(changed.runs[3]!.stdout).not.toContain("REMEMBERED");
    expect(changed.runs.at(-1)).toMatchObject({ ran: true, status: 0 });
  }, 300_000);

  it("docs/cli.md, Azure Pipelines: Cache@2 saves after a successful job only; the next run reads it; a changed file is linted again", () => {
    const pipeline = snippet("cache-azure", CLI_DOCS) as unknown as AzurePipeline;
    const workspace = cacheWorkspace({ "templates/bad.json": BAD, "templates/warned.json": WARNED });
    const cache = new CacheService();
    const run = (sourceVersion: string) =>
      runAzurePipeline(pipeline, { cwd: workspace, env, cache, task: () => 1, variables: { AIB_LINT_SOURCE: source, "Agent.OS": "Linux", "Build.SourceVersion": sourceVersion, "Pipeline.Workspace": scratch() } });
    const failing = run("1111");
    expect(failing.runs.map((r) => [r.name, r.ran, r.status])).toEqual([["install aib-lint", true, 0], ["Cache@2", true, 0], ["aib-lint", true, 1]]);
    writeFileSync(join(workspace, "templates/bad.json"), GOOD);
    const passing = run("2222");
    expect(passing.result).toBe("succeeded");
    expect(passing.runs.map((r) => [r.name, r.status])).toEqual([["install aib-lint", 0], ["Cache@2", 0], ["aib-lint", 0], ["Post-job: Cache@2", 0]]);
    const report = passing.runs[2]!.stdout;
    expect(report).toMatch(/^##vso\[task\.logissue type=warning;sourcepath=templates\/warned\.json;.*code=read-only-property\]/m);
    expect(run("3333").runs[2]!.stdout).toBe(report);
    cache.edit(markRemembered);
    expect(run("4444").runs[2]!.stdout).toContain("]REMEMBERED ");
    writeFileSync(join(workspace, "templates/warned.json"), `${WARNED}\n`);
    const changed = run("5555").runs[2]!.stdout;
    expect(changed).toMatch(/code=read-only-property\]/);
    expect(changed).not.toContain("REMEMBERED");
  }, 300_000);
});

describe.skipIf(!ready)("the GitHub Action, run as GitHub runs a composite action", () => {
  // the action as a workflow fetches it: action.yml and the committed bundle, no node_modules, no dist
  const actionPath = ready ? scratch() : "";
  if (ready) {
    cpSync(join(ROOT, "action.yml"), join(actionPath, "action.yml"));
    cpSync(join(ROOT, "action"), join(actionPath, "action"), { recursive: true });
  }
  const action = parseYaml(readFileSync(join(ROOT, "action.yml"), "utf8")) as CompositeAction;

  /** One job on a fresh runner (its own temporary folder); the cache service is what outlives it. */
  function runAction(project: string, inputs: Record<string, string>, cache = new CacheService()) {
    const uploads: Record<string, string>[] = [];
    const cacheActions = githubCacheActions(cache);
    const uses = (step: GithubStep, context: { with: Record<string, string>; cwd: string }) => {
      if (step.uses === "actions/setup-node@v4") return 0; // node is here already
      const cached = cacheActions(step, context);
      if (cached) return cached;
      expect(step.uses).toBe("github/codeql-action/upload-sarif@v3");
      uploads.push({ ...context.with, results: String(JSON.parse(readFileSync(join(project, context.with.sarif_file!), "utf8")).runs[0].results.length) });
      return 0;
    };
    const env = { ...GIT_ENV, RUNNER_OS: "Linux", RUNNER_TEMP: scratch() };
    const run = runCompositeAction(action, actionPath, inputs, { cwd: project, env, uses });
    return { ...run, uploads, lint: stepNamed(run.runs, "Lint") };
  }

  it("the README's usage: annotates, uploads SARIF even though lint failed, then fails at the gate; nothing is installed", () => {
    const usage = snippet("github-action") as { jobs: Record<string, { steps: GithubStep[] }> };
    const step = usage.jobs["aib-lint"]!.steps.find((s) => s.uses?.includes("aib-lint"))!;
    expect(step.uses).toBe("<owner>/aib-lint@<tag>");
    expect(action.runs.steps.some((s) => /npm (ci|install)/.test(s.run ?? ""))).toBe(false);
    const project = scratch({ "templates/bad.json": BAD, "templates/good.json": GOOD });
    const run = runAction(project, step.with!);
    expect(run.runs.map((r) => [r.name, r.ran, r.status])).toEqual([["actions/setup-node@v4", true, 0], ["Cache key", true, 0], ["Restore cache", true, 0], ["Lint", true, 0], ["Save cache", true, 0], ["Upload SARIF", true, 0], ["Gate", true, 1]]);
    expect(run.lint.stdout).toMatch(/^::error file=templates\/bad\.json,line=5,col=15,/m);
    expect(run.outputs.lint).toMatchObject({ "exit-code": "1" });
    expect(run.uploads).toEqual([{ sarif_file: "aib-lint.sarif", category: "aib-lint", results: "1" }]);
    expect(run.failed).toBe(true);
  }, 60_000);

  it("passes paths as written: a quoted ** glob reaches aib-lint, which matches files at any depth, none included", () => {
    const project = scratch({ "templates/bad.json": BAD, "templates/sub/deep/bad.json": BAD, "templates/sub/good.json": GOOD });
    const run = runAction(project, { paths: "templates/**/*.json", "sarif-file": "out/lint.sarif" });
    const annotated = [...run.lint.stdout.matchAll(/^::error file=([^,]+),/gm)].map((m) => m[1]);
    expect(annotated).toEqual(["templates/bad.json", "templates/sub/deep/bad.json"]);
    const sarif = JSON.parse(readFileSync(join(project, "out/lint.sarif"), "utf8"));
    expect(sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(["templates/bad.json", "templates/sub/deep/bad.json"]);
    expect(run.runs.at(-1)).toMatchObject({ name: "Gate", ran: true, status: 1 });
  }, 60_000);

  it("a clean run passes every step; a usage error (exit 2) writes no SARIF, so nothing is uploaded, and fails", () => {
    const clean = runAction(scratch({ "templates/good.json": GOOD }), { paths: "templates" });
    expect(clean.runs.every((r) => r.ran && r.status === 0)).toBe(true);
    expect(clean.uploads).toEqual([{ sarif_file: "aib-lint.sarif", category: "aib-lint", results: "0" }]);
    expect(clean.failed).toBe(false);
    const missing = runAction(scratch({}), { paths: "templates/*.json" });
    expect(missing.runs.map((r) => [r.name, r.ran, r.status])).toEqual([["actions/setup-node@v4", true, 0], ["Cache key", true, 0], ["Restore cache", true, 0], ["Lint", true, 0], ["Save cache", false, 0], ["Upload SARIF", false, 0], ["Gate", true, 2]]);
    expect(missing.lint.stderr).toContain("no files match the pattern templates/*.json");
  }, 60_000);

  it("keeps the cache with actions/cache: a second run over unchanged files reads it, with the same report; a changed file is linted again", () => {
    const project = scratch({ "templates/a.json": BAD, "templates/b.json": BAD, "templates/good.json": GOOD });
    const cache = new CacheService();
    const sarif = () => readFileSync(join(project, "aib-lint.sarif"), "utf8");
    const first = runAction(project, { paths: "templates" }, cache);
    expect(first.outputs.restore).toEqual({ "cache-primary-key": expect.stringMatching(/^aib-lint-Linux-0\.\d+\.\d+-[0-9a-f]{16}-[0-9a-f]{64}$/) });
    expect(stepNamed(first.runs, "Save cache")).toMatchObject({ ran: true, status: 0 });
    const report = [first.lint.stdout, sarif()];
    const second = runAction(project, { paths: "templates" }, cache);
    expect(second.outputs.restore).toMatchObject({ "cache-hit": "true" });
    expect(stepNamed(second.runs, "Save cache").ran).toBe(false);
    expect([second.lint.stdout, sarif()]).toEqual(report);
    expect(second.runs.at(-1)).toMatchObject({ name: "Gate", status: 1 });
    // what the second run reported came from the cache
    cache.edit(markRemembered);
    expect(runAction(project, { paths: "templates" }, cache).lint.stdout.match(/::REMEMBERED /g)).toHaveLength(2);
    writeFileSync(join(project, "templates/a.json"), `${BAD}\n`);
    const changed = runAction(project, { paths: "templates" }, cache);
    expect(changed.outputs.restore).toMatchObject({ "cache-hit": "false" });
    expect(changed.lint.stdout).toMatch(/^::error file=templates\/a\.json,line=5,col=15,[^:]*::(?!REMEMBERED)/m);
    expect(changed.lint.stdout).toMatch(/^::error file=templates\/b\.json,[^:]*::REMEMBERED /m);
    expect(stepNamed(changed.runs, "Save cache")).toMatchObject({ ran: true, status: 0 });
  }, 60_000);

  it("cache: false keeps no cache; nor do args with which aib-lint uses none (--fix-dry-run, --verify-checksums, --map-uri)", () => {
    // no scriptUri: --verify-checksums has nothing to download
    const project = scratch({ "templates/a.yaml": "type: Microsoft.VirtualMachineImages/imageTemplates\n" });
    const off = runAction(project, { paths: "templates", cache: "false" });
    expect(off.runs.filter((r) => /cache/i.test(r.name)).map((r) => r.ran)).toEqual([false, false, false]);
    for (const args of ["--fix-dry-run", "--verify-checksums --fail-level error", "--map-uri=https://example.org/=."]) {
      const run = runAction(project, { paths: "templates", args });
      expect(run.runs.filter((r) => /cache/i.test(r.name)).map((r) => [r.name, r.ran]), args).toEqual([["Cache key", true], ["Restore cache", false], ["Save cache", false]]);
      expect(run.outputs.lint, args).not.toHaveProperty("cache-file");
    }
  }, 60_000);
});

describe.skipIf(!ready)("the README's pre-commit recipe", () => {
  it("is the hook this repository defines (test/precommit.test.ts runs it for real)", () => {
    const config = snippet("pre-commit") as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    expect(config.repos[0]).toEqual({ repo: "https://github.com/<owner>/aib-lint", rev: "<tag>", hooks: [{ id: "aib-lint" }] });
    const hooks = parseYaml(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as { id: string; files: string }[];
    expect(hooks.map((h) => h.id)).toEqual(["aib-lint"]);
    const files = new RegExp(hooks[0]!.files);
    for (const path of ["t.json", "t.jsonc", "t.yaml", "t.yml", "main.bicep", "scripts/setup.sh", "scripts/setup.ps1"]) expect(files.test(path), path).toBe(true);
    expect(files.test("README.md")).toBe(false);
  });
});

describe("install lines name a placeholder, never a ref the repository lacks", () => {
  it("README, action.yml and .pre-commit-hooks.yaml say <tag>; any vX.Y.Z named is a tag of this repository", () => {
    const tags = new Set(spawnSync("git", ["-C", ROOT, "tag"], { encoding: "utf8", env: GIT_ENV }).stdout.split("\n").filter(Boolean));
    for (const file of ["README.md", "action.yml", ".pre-commit-hooks.yaml"]) {
      const text = readFileSync(join(ROOT, file), "utf8");
      for (const [, ref] of text.matchAll(/(?:aib-lint\.git#|aib-lint@|rev: )([^\s"'`]+)/g)) expect(ref === "<tag>" || tags.has(ref!), `${file}: ${ref}`).toBe(true);
    }
    expect(README).toContain("aib-lint.git#<tag>");
  });
});
