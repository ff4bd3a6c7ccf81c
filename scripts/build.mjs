#!/usr/bin/env node
// `npm run build`: (1) tsc emits dist/ modules for the scripts and tests; (2) each schemas/<version>.json
// becomes a self-contained validator, dist/validators/<version>.cjs (ajv standalone code with ajv's runtime
// helpers inlined, the schema's property names and its hash); (3) esbuild bundles the CLI into
// dist/aib-lint.cjs, which bin/aib-lint.cjs starts from a V8 code cache.
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
/** What runs: the bundle, its lazily loaded chunks, the validators (also the npm package's files). */
export const ACTION_FILES = ["bin/aib-lint.cjs", "dist/aib-lint.cjs", "dist/aib-lint-lsp.cjs", "dist/aib-lint-yaml.cjs", "dist/web-tree-sitter.cjs", "dist/validators", "dist/web-tree-sitter.wasm", "dist/tree-sitter-bicep.wasm", "dist/tree-sitter-terraform.wasm"];
const pkg = JSON.parse(readFileSync(`${root}/package.json`, "utf8"));
/** Every property name a schema knows, by lower case, for the case-insensitive versions. */
function propertyNames(schema, out = new Map()) {
  if (Array.isArray(schema)) for (const s of schema) propertyNames(s, out);
  else if (schema && typeof schema === "object") {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "properties" && value && typeof value === "object") for (const name of Object.keys(value)) out.set(name.toLowerCase(), name);
      if (typeof value === "object") propertyNames(value, out);
    }
  }
  return out;
}

export async function buildValidators(outDir) {
  const { default: standalone } = await import("ajv/dist/standalone/index.js");
  // the schema set-up, straight from the sources (no tsc needed)
  mkdirSync(outDir, { recursive: true });
  const setup = `${outDir}/.setup.mjs`;
  await build({
    stdin: { contents: 'export { createAjv, schemaHash, withoutProse, PRECOMPILED_OPTIONS } from "./src/schema/ajv.ts"; export { API_VERSIONS } from "./src/model/versions.ts";', resolveDir: root, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outfile: setup,
    logLevel: "warning",
  });
  const { createAjv, schemaHash, withoutProse, API_VERSIONS, PRECOMPILED_OPTIONS } = await import(setup);
  rmSync(setup);
  for (const version of API_VERSIONS) {
    const text = readFileSync(`${root}/schemas/${version}.json`, "utf8");
    // the validator carries the schema for its error messages (ajv's verbose errors), which never read the prose
    const schema = withoutProse(JSON.parse(text));
    const ajv = createAjv({ ...PRECOMPILED_OPTIONS, code: { source: true } });
    const code = appendErrorsInPlace((standalone.default ?? standalone)(ajv, ajv.compile(schema)));
    const names = JSON.stringify([...propertyNames(schema)]);
    const contents = `${code}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(text))};\nmodule.exports.names = ${names};\n`;
    await build({
      stdin: { contents, resolveDir: root, loader: "js", sourcefile: `${version}.cjs` },
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      minify: true,
      legalComments: "none",
      outfile: `${outDir}/${version}.cjs`,
      logLevel: "warning",
    });
  }
}

/**
 * ajv gathers a referenced definition's errors with `vErrors = vErrors.concat(validateN.errors)`, which
 * copies every error so far for each failing array item: quadratic in a template with 100,000 failing
 * customizers. Appending in place gives the same list (the copy when it starts keeps validateN's own).
 */
export function appendErrorsInPlace(code) {
  const concat = /vErrors = vErrors === null \? (validate\w+)\.errors : vErrors\.concat\(\1\.errors\);/g;
  const out = code.replace(concat, (_, fn) => `if (vErrors === null) vErrors = ${fn}.errors.slice(); else for (const refError of ${fn}.errors) vErrors.push(refError);`);
  if (out.includes(".concat(")) throw new Error("buildValidators: ajv's generated code gathers errors in a way appendErrorsInPlace does not know");
  return out;
}

/**
 * Modules only some runs need, kept out of the main bundle in sibling files that bin/aib-lint.cjs loads
 * (from its code cache) on first use: the language server and web-tree-sitter's JavaScript. The importer
 * gets a stub that loads the sibling; the sibling is a bundle of its own.
 */
const SIBLINGS = [
  { filter: /^\.\/lsp\/server\.js$/, file: "aib-lint-lsp.cjs", entry: `${root}/src/lsp/server.ts` },
  { filter: /^web-tree-sitter$/, file: "web-tree-sitter.cjs", entry: require.resolve("web-tree-sitter") },
  // imported statically by parse/index.ts, so its stub loads the sibling only when a function is called
  { filter: /^\.\/yaml\.js$/, importer: /src\/parse\/index\.ts$/, file: "aib-lint-yaml.cjs", entry: `${root}/src/parse/yaml.ts`, functions: ["parseYaml"] },
];

function siblings(except) {
  return {
    name: "aib-lint-siblings",
    setup(b) {
      for (const sibling of SIBLINGS) {
        if (sibling.file === except) continue;
        b.onResolve({ filter: sibling.filter }, (args) => (sibling.importer && !sibling.importer.test(args.importer.replace(/\\/g, "/")) ? undefined : { path: sibling.file, namespace: "aib-lint-sibling" }));
      }
      b.onLoad({ filter: /.*/, namespace: "aib-lint-sibling" }, (args) => {
        const sibling = SIBLINGS.find((s) => s.file === args.path);
        const load = `let loaded;\nconst load = () => loaded || (loaded = (globalThis.__aibLintLoad || require)(require("node:path").join(__dirname, ${JSON.stringify(args.path)})));\n`;
        const contents = sibling.functions
          ? `${load}${sibling.functions.map((name) => `exports.${name} = (...args) => load().${name}(...args);`).join("\n")}\n`
          : `${load}module.exports = load();\n`;
        return { contents, loader: "js" };
      });
    },
  };
}

/**
 * Start-up: commander requires child_process (for subcommands that are programs, which aib-lint has none
 * of) and chalk's supports-color requires tty and os, each loading a chain of Node's own modules. The first
 * becomes a proxy that loads child_process on first use; the second a stub (src/cli.ts works out the
 * terminal's colours itself, and the formatters give chalk its level).
 */
function lighterStart() {
  return {
    name: "aib-lint-lighter-start",
    setup(b) {
      b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: "child_process", namespace: "aib-lint-lazy" } : undefined));
      b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: "supports-color", namespace: "aib-lint-lazy" }));
      b.onLoad({ filter: /.*/, namespace: "aib-lint-lazy" }, (args) => ({
        contents:
          args.path === "child_process"
            ? 'let m;\nmodule.exports = new Proxy({}, { get: (_, key) => (m || (m = require("node:child_process")))[key] });\n'
            : "module.exports = { default: { stdout: false, stderr: false }, stdout: false, stderr: false };\n",
        loader: "js",
      }));
    },
  };
}

const COMMON = {
  bundle: true,
  platform: "node",
  // CommonJS, so that bin/aib-lint.cjs can start it from a V8 code cache (Node 20 has none for ES modules)
  format: "cjs",
  target: "node20",
  mainFields: ["module", "main"],
  minify: true,
  legalComments: "none",
  define: {
    __AIB_LINT_VERSION__: JSON.stringify(pkg.version),
    __AIB_LINT_HOMEPAGE__: JSON.stringify(pkg.homepage ?? ""),
    "import.meta.url": "__aibLintUrl",
  },
  banner: { js: 'var __aibLintUrl=require("node:url").pathToFileURL(__filename).href;' },
  logLevel: "warning",
};

export async function bundle(outDir) {
  await build({ ...COMMON, entryPoints: [`${root}/src/main.ts`], outfile: `${outDir}/aib-lint.cjs`, plugins: [siblings(), lighterStart()] });
  for (const sibling of SIBLINGS) {
    await build({ ...COMMON, entryPoints: [sibling.entry], outfile: `${outDir}/${sibling.file}`, plugins: [siblings(sibling.file), lighterStart()] });
  }
  // the tree-sitter runtime and grammars (Bicep, Terraform), beside the bundle, where src/parse/tree-sitter-runtime.ts looks first
  for (const file of ["web-tree-sitter/web-tree-sitter.wasm", "tree-sitter-bicep/tree-sitter-bicep.wasm", "@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm"]) {
    copyFileSync(require.resolve(file), `${outDir}/${basename(file)}`);
  }
}

// the steps, after every definition above
rmSync(`${root}/dist`, { recursive: true, force: true });
// `--release` (npm's prepare, e.g. a git install) builds only what runs; the dist/ modules serve the scripts
if (!process.argv.includes("--release")) execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", `${root}/tsconfig.build.json`], { stdio: "inherit" });
await buildValidators(`${root}/dist/validators`);
await bundle(`${root}/dist`);
// `--action`: the GitHub Action runs a committed copy of the CLI (no install at action time)
if (process.argv.includes("--action")) {
  rmSync(`${root}/action`, { recursive: true, force: true });
  for (const part of ACTION_FILES) cpSync(`${root}/${part}`, `${root}/action/${part}`, { recursive: true });
}
