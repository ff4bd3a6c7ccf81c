import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAjv, PRECOMPILED_OPTIONS, schemaHash, withoutProse } from "../src/schema/ajv.js";
import { API_VERSIONS } from "../src/model/versions.js";
import { LINUX, WINDOWS } from "./helpers.js";

const compiledDir = new URL("../dist/validators/", import.meta.url);
const require = createRequire(import.meta.url);

// samples that exercise every kind of error the messages stage maps
const samples: unknown[] = [JSON.parse(LINUX), JSON.parse(WINDOWS)];
const broken = JSON.parse(LINUX);
broken.properties.custmize = [];
broken.properties.source.exactVersion = "1";
broken.properties.distribute.push({ type: "vhd", runOutputName: 5 }, { type: "ManagedImage" });
broken.properties.buildTimeoutInMinutes = "80";
broken.identity.type = "userAssigned";
samples.push(broken);
// errors of several failing items in a row, appended in place by the build (scripts/build.mjs appendErrorsInPlace)
const manyFailing = JSON.parse(LINUX);
manyFailing.properties.customize = [{ type: "shell", name: "a" }, { type: "Shell", name: 5 }, { type: "shell" }, { type: "File" }];
samples.push(manyFailing);

describe.skipIf(!existsSync(compiledDir))("validators precompiled by the build", () => {
  it.each(API_VERSIONS)("%s matches its schema and reports what a runtime-compiled validator reports", (version) => {
    const text = readFileSync(new URL(`../schemas/${version}.json`, import.meta.url), "utf8");
    const module = require(fileURLToPath(new URL(`${version}.cjs`, compiledDir))) as { default: (d: unknown) => boolean; schemaHash: string } & { default: { errors?: unknown[] } };
    expect(module.schemaHash).toBe(schemaHash(text));
    const runtime = createAjv(PRECOMPILED_OPTIONS).compile(withoutProse(JSON.parse(text)) as object);
    for (const sample of samples) {
      const a = module.default(sample);
      const b = runtime(sample);
      expect(a).toBe(b);
      const shape = (errors: unknown[] | null | undefined) => (errors ?? []).map((e) => JSON.stringify(e));
      expect(shape(module.default.errors)).toEqual(shape(runtime.errors));
    }
  });
});

describe("withoutProse: the schema the validators carry", () => {
  it("drops descriptions, titles and examples but keeps properties of those names", () => {
    const schema = { title: "T", description: "d", examples: [1], properties: { description: { type: "string", description: "the text" }, title: { type: "string" } }, required: ["description"] };
    expect(withoutProse(schema)).toEqual({ properties: { description: { type: "string" }, title: { type: "string" } }, required: ["description"] });
  });
});
