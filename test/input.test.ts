import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { expandPaths, walkRoot } from "../src/read/input.js";
import { tempDir } from "./cli-harness.js";

describe("expandPaths: walking folders", () => {
  it("names each file as path.join would, however the folder is written", () => {
    const cwd = tempDir({ "dir/a.json": "{}", "dir/sub/b.yaml": "a: 1", "dir/c.txt": "", "dir/.hidden/d.json": "{}", "dir/node_modules/e.json": "{}", "dir/F.JSON": "{}" });
    for (const written of ["dir", "dir/", "./dir", "./dir/", "dir/../dir", "dir//"]) {
      const { files, errors } = expandPaths([written], cwd);
      expect(errors).toEqual([]);
      expect(files.map((f) => f.path), written).toEqual(["F.JSON", "a.json", "sub/b.yaml"].map((name) => join(written, name)));
      expect(files.every((f) => f.walked && !f.explicit)).toBe(true);
      // the walk's absolute path is path.resolve's, which the configuration and the reader go by
      expect(files.map((f) => f.absolute)).toEqual(files.map((f) => resolve(cwd, f.path)));
    }
    for (const [written, from] of [[".", join(cwd, "dir")], ["./", join(cwd, "dir")], [join(cwd, "dir"), "/"], ["../sub", join(cwd, "dir", "sub")]] as const) {
      const { files } = expandPaths([written], from);
      expect(files.length, written).toBeGreaterThan(0);
      expect(files.map((f) => f.absolute)).toEqual(files.map((f) => resolve(from, f.path)));
    }
    const inside = expandPaths(["."], join(cwd, "dir")).files.map((f) => f.path);
    expect(inside).toEqual(["F.JSON", "a.json", join("sub", "b.yaml")]);
    expect(expandPaths(["./"], join(cwd, "dir")).files.map((f) => f.path)).toEqual(inside);
    expect(expandPaths([join(cwd, "dir")], "/").files.map((f) => f.path)).toEqual(["F.JSON", "a.json", "sub/b.yaml"].map((name) => join(cwd, "dir", name)));
  });

  it("keeps a root folder's separator", () => {
    expect(walkRoot("/")).toBe("/");
    expect(walkRoot("./")).toBe(".");
    expect(walkRoot("a/b/")).toBe("a/b");
    expect(walkRoot("a/./b")).toBe("a/b");
  });
});
