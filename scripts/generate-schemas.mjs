#!/usr/bin/env node
// Writes schemas/<apiVersion>.json from src/schema/model.ts (via the build in dist/).
// Run `npm run build && npm run schemas` after changing the model; a test fails while they differ.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateSchema } from "../dist/schema/generate.js";
import { API_VERSIONS } from "../dist/model/versions.js";

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "schemas");
mkdirSync(out, { recursive: true });
for (const version of API_VERSIONS) {
  writeFileSync(join(out, `${version}.json`), `${JSON.stringify(generateSchema(version), null, 2)}\n`);
}
console.log(`wrote ${API_VERSIONS.length} schemas to ${out}`);
