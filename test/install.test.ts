/**
 * Installing as users do: the npm tarball with no development dependency and no network, and the GitHub
 * Action's committed bundle being the current build (test/ci-recipes.test.ts runs the README's CI recipes
 * and the Action). Slow (npm installs for real): skipped outside CI without git.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { suiteTempDir } from "./cli-harness.js";
import { GIT_ENV, HEAD, requirePrerequisites, ROOT } from "./repo-harness.js";

const ready = HEAD !== undefined && existsSync(join(ROOT, "dist/aib-lint.cjs"));
requirePrerequisites(ready, "the install tests need git, this repository checked out by git, and `npm run build` (.ci/run has them)");
const scratch = (files: Record<string, string> = {}): string => suiteTempDir(files);

const GOOD = readFileSync(join(ROOT, "fixtures/examples/linux-gallery.json"), "utf8");
const BAD = GOOD.replace('"location": "westeurope"', '"location": "southindia"');

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync("bash", ["-c", command], { cwd, env: { ...GIT_ENV, ...env }, encoding: "utf8", maxBuffer: 1 << 26 });
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

describe.skipIf(!ready)("the GitHub Action", () => {
  it("its committed bundle is the current build (npm run build:action)", () => {
    const files = ["bin/aib-lint.cjs", "dist/aib-lint.cjs", "dist/aib-lint-lsp.cjs", "dist/aib-lint-yaml.cjs", "dist/web-tree-sitter.cjs", "dist/web-tree-sitter.wasm", "dist/tree-sitter-bicep.wasm", ...readdirSync(join(ROOT, "dist/validators")).map((f) => `dist/validators/${f}`)];
    for (const file of files) expect(existsSync(join(ROOT, "action", file)) && readFileSync(join(ROOT, "action", file), "utf8") === readFileSync(join(ROOT, file), "utf8"), `action/${file} is stale: run npm run build:action`).toBe(true);
    expect(readdirSync(join(ROOT, "action/dist/validators")).sort()).toEqual(readdirSync(join(ROOT, "dist/validators")).sort());
  });
});
