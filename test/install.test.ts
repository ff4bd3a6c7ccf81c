/**
 * Installing as users do: the npm tarball with no development dependency and no network, every README CI
 * snippet's commands in a throwaway project against a local clone (git+file://), and the GitHub Action's
 * committed bundle. Slow (npm installs and builds for real): skipped outside CI without git.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { XMLParser } from "fast-xml-parser";
import { suiteTempDir } from "./cli-harness.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const GIT_ENV = { ...process.env, GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "safe.directory", GIT_CONFIG_VALUE_0: "*", NO_COLOR: "1", FORCE_COLOR: "0" };
const head = spawnSync("git", ["-C", ROOT, "rev-parse", "HEAD"], { encoding: "utf8", env: GIT_ENV });
const built = existsSync(join(ROOT, "dist/aib-lint.cjs"));
const ready = head.status === 0 && built;
const WHY = "the install tests need git, this repository checked out by git, and `npm run build` (.ci/run has them)";
if (!ready && !process.env.CI) console.warn(`skipped: ${WHY}`);
describe.runIf(!ready && process.env.CI)("install tests in CI", () => {
  it("have what they need", () => expect.fail(WHY));
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function scratch(files: Record<string, string> = {}): string {
  const dir = suiteTempDir(files);
  dirs.push(dir);
  return dir;
}

const GOOD = readFileSync(join(ROOT, "fixtures/examples/linux-gallery.json"), "utf8");
const BAD = GOOD.replace('"location": "westeurope"', '"location": "southindia"');

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync("bash", ["-c", command], { cwd, env: { ...GIT_ENV, npm_config_update_notifier: "false", ...env }, encoding: "utf8", maxBuffer: 1 << 26 });
}

describe.skipIf(!ready)("the npm package", () => {
  it("holds only what runs, and runs after an offline --omit=dev install", () => {
    const out = scratch();
    const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", out], { cwd: ROOT, encoding: "utf8" })) as { filename: string; size: number; files: { path: string }[] }[];
    const paths = packed[0]!.files.map((f) => f.path).sort();
    for (const path of paths) expect(path, path).toMatch(/^(package\.json|README\.md|LICENSE|bin\/aib-lint\.c?js|dist\/(aib-lint|aib-lint-lsp|aib-lint-yaml|web-tree-sitter)\.cjs|dist\/validators\/[\w.-]+\.cjs|dist\/[\w-]+\.wasm)$/);
    expect(paths).toContain("dist/aib-lint.cjs");
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
    const project = scratch({ "package.json": '{"name": "consumer", "private": true}', "t.json": BAD });
    // an unreachable registry: the install must not need one
    const install = sh(`npm install --omit=dev --offline --no-audit --no-fund "${join(out, packed[0]!.filename)}"`, project, { npm_config_registry: "http://127.0.0.1:9/" });
    expect(install.status, install.stderr).toBe(0);
    expect(readdirSync(join(project, "node_modules")).filter((n) => !n.startsWith("."))).toEqual(["aib-lint"]);
    const run = sh("node_modules/.bin/aib-lint t.json", project);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain('"southindia" is not a region');
    // the Bicep parser's WebAssembly comes in the package
    writeFileSync(join(project, "t.bicep"), readFileSync(join(ROOT, "fixtures/bicep/broken.bicep"), "utf8"));
    const bicep = sh("node_modules/.bin/aib-lint t.bicep", project);
    expect(bicep.status, bicep.stderr).toBe(1);
    expect(bicep.stdout).toContain('"southindia" is not a region');
  }, 120_000);
});

/** The commands of a README snippet marked `<!-- ci-snippet: NAME -->`, with the variables it sets. */
function snippet(name: string): { commands: string[]; env: Record<string, string> } {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const at = readme.indexOf(`<!-- ci-snippet: ${name} -->`);
  expect(at, `README snippet ${name}`).toBeGreaterThan(0);
  const block = /```yaml\n([\s\S]*?)```/.exec(readme.slice(at))![1]!;
  const doc = parseYaml(block) as Record<string, unknown>;
  if (name === "github") {
    const steps = (doc.steps as { run?: string; env?: Record<string, string> }[]).filter((s) => s.run);
    return { commands: steps.map((s) => s.run!), env: Object.assign({}, ...steps.map((s) => s.env ?? {})) };
  }
  if (name === "azure-pipelines") {
    const steps = (doc.steps as { script?: string }[]).filter((s) => s.script);
    return { commands: steps.map((s) => s.script!), env: doc.variables as Record<string, string> };
  }
  const job = doc["aib-lint"] as { script: string[]; variables: Record<string, string> };
  return { commands: job.script, env: job.variables };
}

describe.skipIf(!ready)("the README's CI snippets, run as written", () => {
  const clone = ready ? scratch() : "";
  if (ready) execFileSync("git", ["clone", "--quiet", ROOT, join(clone, "aib-lint")], { env: GIT_ENV });
  const source = `git+file://${join(clone, "aib-lint")}#${head.stdout.trim()}`;

  // one project for all snippets, as a pipeline's workspace: the second install finds the first in place
  const project = ready ? scratch({ "templates/bad.json": BAD, "templates/good.json": GOOD }) : "";
  it.each(["github", "azure-pipelines", "gitlab"])("%s", (name) => {
    const { commands, env } = snippet(name);
    expect(env.AIB_LINT_SOURCE).toMatch(/^git\+https:\/\//);
    const staging = join(project, `staging-${name}`);
    mkdirSync(staging);
    // Azure Pipelines macros are expanded by the agent before the shell sees them
    const expand = (c: string) => c.replace(/\$\(AIB_LINT_SOURCE\)/g, source).replace(/\$\(Build\.ArtifactStagingDirectory\)/g, staging);
    const [install, ...lint] = commands.map(expand);
    const installed = sh(install!, project, { AIB_LINT_SOURCE: source });
    expect(installed.status, installed.stderr.slice(-2000)).toBe(0);
    for (const command of lint) {
      const run = sh(command, project, { AIB_LINT_SOURCE: source });
      expect(run.status, `${command}\n${run.stderr}`).toBe(1);
      if (command.includes("--format github")) expect(run.stdout).toMatch(/^::error file=templates\/bad\.json,line=\d+/m);
      if (command.includes("--format azure-devops")) expect(run.stdout).toMatch(/^##vso\[task\.logissue type=error;sourcepath=templates\/bad\.json;/m);
      if (command.includes("--format junit")) {
        const file = /--output (\S+)/.exec(command)![1]!;
        const xml = readFileSync(file.startsWith("/") ? file : join(project, file), "utf8");
        expect(new XMLParser({ ignoreAttributes: false }).parse(xml).testsuites["@_failures"]).toBe("1");
      }
    }
  }, 300_000);
});

describe.skipIf(!ready)("the GitHub Action", () => {
  it("runs its committed bundle with nothing installed, writes SARIF and gates", () => {
    const action = parseYaml(readFileSync(join(ROOT, "action.yml"), "utf8")) as { runs: { steps: { name?: string; run?: string; id?: string }[] } };
    const lint = action.runs.steps.find((s) => s.id === "lint")!;
    expect(action.runs.steps.some((s) => /npm (ci|install)/.test(s.run ?? ""))).toBe(false);
    // a clean checkout of the action: no node_modules, no dist
    const checkout = scratch();
    execFileSync("git", ["clone", "--quiet", ROOT, join(checkout, "action")], { env: GIT_ENV });
    const project = scratch({ "templates/bad.json": BAD });
    const output = join(project, "github-output");
    const run = sh(lint.run!, project, { GITHUB_ACTION_PATH: join(checkout, "action"), GITHUB_OUTPUT: output, AIB_LINT_PATHS: "templates/", AIB_LINT_ARGS: "", AIB_LINT_SARIF: "aib-lint.sarif" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^::error file=templates\/bad\.json/m);
    expect(readFileSync(output, "utf8")).toContain("exit-code=1");
    expect(JSON.parse(readFileSync(join(project, "aib-lint.sarif"), "utf8")).runs[0].results.length).toBeGreaterThan(0);
  }, 60_000);

  it("its committed bundle is the current build (npm run build:action)", () => {
    const files = ["bin/aib-lint.cjs", "dist/aib-lint.cjs", "dist/aib-lint-lsp.cjs", "dist/aib-lint-yaml.cjs", "dist/web-tree-sitter.cjs", "dist/web-tree-sitter.wasm", "dist/tree-sitter-bicep.wasm", ...readdirSync(join(ROOT, "dist/validators")).map((f) => `dist/validators/${f}`)];
    for (const file of files) expect(existsSync(join(ROOT, "action", file)) && readFileSync(join(ROOT, "action", file), "utf8") === readFileSync(join(ROOT, file), "utf8"), `action/${file} is stale: run npm run build:action`).toBe(true);
    expect(readdirSync(join(ROOT, "action/dist/validators")).sort()).toEqual(readdirSync(join(ROOT, "dist/validators")).sort());
  });
});
