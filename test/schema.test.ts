import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateSchema } from "../src/schema/generate.js";
import { API_VERSIONS } from "../src/model/versions.js";

describe("generated schemas", () => {
  it.each(API_VERSIONS)("schemas/%s.json is up to date with the model (npm run build && npm run schemas)", (version) => {
    const onDisk = JSON.parse(readFileSync(new URL(`../schemas/${version}.json`, import.meta.url), "utf8"));
    expect(onDisk).toEqual(generateSchema(version));
  });
  it("follows the property matrix at a few telling points", () => {
    const props = (v: (typeof API_VERSIONS)[number]) => Object.keys((generateSchema(v).properties as { properties: { properties: object } }).properties.properties);
    expect(props("2019-05-01-preview")).not.toContain("validate");
    expect(props("2022-02-14")).toContain("validate");
    expect(props("2022-07-01")).toContain("optimize");
    expect(props("2023-07-01")).toContain("errorHandling");
    expect(props("2024-02-01")).toEqual(expect.arrayContaining(["autoRun", "managedResourceTags"]));
    expect(props("2025-10-01")).toContain("additionalDataDisks");
    expect(Object.keys(generateSchema("2018-02-01-preview").properties as object)).not.toContain("identity");
  });
});
