#!/usr/bin/env node
// Part of `npm run build`: compiles each schemas/<version>.json into dist/schema/compiled/<version>.cjs
// (ajv standalone code), so that the CLI does not compile a schema at every start. Each file records the
// hash of the schema text it came from; validate.ts uses it only for that exact text.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import standalone from "ajv/dist/standalone/index.js";
import { createAjv, schemaHash } from "../dist/schema/ajv.js";
import { API_VERSIONS } from "../dist/schema/versions.js";

const standaloneCode = standalone.default ?? standalone;
const out = new URL("../dist/schema/compiled/", import.meta.url);
mkdirSync(out, { recursive: true });
for (const version of API_VERSIONS) {
  const text = readFileSync(new URL(`../schemas/${version}.json`, import.meta.url), "utf8");
  const ajv = createAjv({ code: { source: true } });
  const code = standaloneCode(ajv, ajv.compile(JSON.parse(text)));
  writeFileSync(new URL(`${version}.cjs`, out), `${code}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(text))};\n`);
}
