#!/usr/bin/env node
"use strict";
// Starts dist/aib-lint.cjs and the validators from V8 code caches kept per user in $XDG_CACHE_HOME/aib-lint (AIB_LINT_NO_CACHE=1: none).
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const bundle = path.join(__dirname, "..", "dist", "aib-lint.cjs");
const worker = process.argv.includes("--aib-lint-worker-thread");
const pending = [];

function cacheDir() {
  if (process.env.AIB_LINT_NO_CACHE) return undefined;
  const home = process.env.HOME || require("node:os").homedir();
  const base = process.env.XDG_CACHE_HOME || (home ? path.join(home, ".cache") : undefined);
  return base ? path.join(base, "aib-lint") : undefined;
}
const dir = cacheDir();

/** A cache file this user wrote and nobody else can change; anything else is not read. */
function trusted(file) {
  try {
    const st = fs.lstatSync(file);
    const uid = typeof process.getuid === "function" ? process.getuid() : st.uid;
    return st.isFile() && st.uid === uid && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function save(file, script) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const stem = path.basename(file).replace(/@.*$/, "@");
    for (const old of fs.readdirSync(path.dirname(file))) if (old.startsWith(stem) && old !== path.basename(file)) fs.rmSync(path.join(path.dirname(file), old), { force: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch {
    // a cache that cannot be written only costs the next start its speed
  }
}

/**
 * Runs a CommonJS file like require() does, compiled from its cache when there is a good one. A cache holds
 * the functions its run compiled: one made by a run that linted nothing (`--help`) is "bare", and the first
 * run that lints replaces it with a "lint" one (the bundle sets __aibLintLinted).
 */
function load(file) {
  const stat = fs.statSync(file);
  const source = fs.readFileSync(file, "utf8");
  const stem = dir && path.join(dir, `${path.basename(file)}@${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${process.arch}`);
  const kinds = stem ? ["lint", "bare"].filter((kind) => trusted(`${stem}-${kind}.v8`)) : [];
  const cachedData = kinds.length ? fs.readFileSync(`${stem}-${kinds[0]}.v8`) : undefined;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const good = cachedData !== undefined && !script.cachedDataRejected;
  if (stem && !worker) {
    pending.push(() => {
      const kind = globalThis.__aibLintLinted ? "lint" : "bare";
      if (!good || (kind === "lint" && kinds[0] !== "lint")) save(`${stem}-${kind}.v8`, script);
    });
  }
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, require, module, file, path.dirname(file));
  return module.exports;
}

globalThis.__aibLintLoader = __filename;
globalThis.__aibLintLoad = load;
process.once("exit", () => {
  for (const write of pending) write();
});
if (!fs.existsSync(bundle)) {
  process.stderr.write("aib-lint: dist/aib-lint.cjs is missing: run `npm run build`\n");
  process.exitCode = 2;
} else load(bundle);
