#!/usr/bin/env node
// Writes test/corpus-expectations.json from the current findings on ../shared/corpus (after `npm run build`).
// Review every change of it against ../shared/reference/FACTS.md before committing: an error on a template
// Azure accepts is a bug to fix in the linter, never a line to record here.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lintText } from "../dist/lint/index.js";

const corpus = join(process.cwd(), "..", "shared", "corpus");
const manifest = readFileSync(join(corpus, "MANIFEST.tsv"), "utf8").trim().split("\n").slice(1).map((l) => l.split("\t")[0]);
const expectations = {};
for (const file of manifest) {
  const { diagnostics } = lintText({ file, text: readFileSync(join(corpus, file), "utf8"), explicit: true });
  expectations[file] = diagnostics.filter((d) => d.severity !== "info").map((d) => `${d.severity} ${d.ruleId} ${d.range.start.line}`);
}
writeFileSync("test/corpus-expectations.json", `${JSON.stringify(expectations, null, 1)}\n`);
console.log(`wrote expectations for ${manifest.length} files`);
