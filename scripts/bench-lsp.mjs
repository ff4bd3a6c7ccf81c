#!/usr/bin/env node
// The language server's edit-to-diagnostics latency (after `npm run build`): spawns `aib-lint lsp --stdio`,
// opens a 200-line template and measures, for each of a series of edits, the time from sending didChange
// to receiving the publishDiagnostics of that version (debounce included, as an editor sees it).
// `node scripts/bench-lsp.mjs` prints the median; `npm run bench` calls benchLsp().
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node.js";

export const LSP_TARGET_MS = 100;
/** ShellCheck's findings, a new script each edit: ShellCheck runs after the first diagnostics. */
export const LSP_SHELLCHECK_TARGET_MS = 300;

/** A template of at least 200 lines: the example with one compact customizer per line; `variant` changes one value. */
export function template200(variant) {
  const t = JSON.parse(readFileSync(new URL("../fixtures/examples/linux-gallery.json", import.meta.url), "utf8"));
  t.properties.buildTimeoutInMinutes = 60 + (variant % 500);
  t.properties.customize = [];
  const render = () =>
    JSON.stringify(t, null, 2).replace(/\{\n\s+"type": "Shell",\n\s+"name": "(step-\d+)",\n\s+"inline": \[\n\s+"(echo \d+)"\n\s+\]\n\s+\}/g, '{ "type": "Shell", "name": "$1", "inline": ["$2"] }');
  for (let k = 0; render().split("\n").length < 200; k++) t.properties.customize.push({ type: "Shell", name: `step-${k}`, inline: [`echo ${k}`] });
  return render();
}

/**
 * Median edit-to-diagnostics time in ms over `edits` edits, plus the template's line count. With `shellcheck`,
 * each edit writes a new script with a ShellCheck finding (SC1020), and the time runs until that finding is published.
 */
export async function benchLsp({ edits = 40, shellcheck = false } = {}) {
  const bin = fileURLToPath(new URL("../bin/aib-lint.cjs", import.meta.url));
  const child = spawn(process.execPath, [bin, "lsp", "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification("textDocument/publishDiagnostics", (p) => {
    const resolve = waiting.get(p.version);
    if (resolve && (!shellcheck || p.diagnostics.some((d) => d.code === "shellcheck"))) {
      waiting.delete(p.version);
      resolve(p);
    }
  });
  connection.listen();
  await connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification("initialized", {});
  const uri = pathToFileURL(fileURLToPath(new URL("../bench-template.json", import.meta.url))).href;
  const variant = (v) => (shellcheck ? template200(v).replace('"echo 0"', `"if [ $x = ${v}]; then echo; fi"`) : template200(v));
  const first = variant(0);
  const opened = new Promise((resolve) => waiting.set(1, resolve));
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "json", version: 1, text: first } });
  await opened;
  const times = [];
  for (let version = 2; version < edits + 2; version++) {
    const text = variant(version);
    const published = new Promise((resolve) => waiting.set(version, resolve));
    const start = performance.now();
    await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
    await published;
    times.push(performance.now() - start);
  }
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  connection.dispose();
  child.kill();
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], lines: first.split("\n").length, edits: times.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const shellcheck = process.argv.includes("--shellcheck");
  const target = shellcheck ? LSP_SHELLCHECK_TARGET_MS : LSP_TARGET_MS;
  const { medianMs, lines, edits } = await benchLsp({ shellcheck });
  const ok = medianMs <= target;
  console.log(`language server, edit to ${shellcheck ? "ShellCheck's findings" : "diagnostics"} on a ${lines}-line template (median of ${edits})  ${medianMs.toFixed(1)} ms  (target ≤ ${target}) ${ok ? "ok" : "MISSED"}`);
  process.exit(ok ? 0 : 1);
}
