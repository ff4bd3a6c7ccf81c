import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/** Every relative import of src/, type-only ones included: the stages must form no circle. */
function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) {
        const text = readFileSync(path, "utf8");
        const targets = [...text.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"|import\(\s*"(\.[^"]+)"\s*\)/g)].map((m) =>
          resolve(dirname(path), (m[1] ?? m[2]!).replace(/\.js$/, ".ts")),
        );
        graph.set(path, targets);
      }
    }
  };
  walk(root);
  return graph;
}

export function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "open") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * The rooms of src/, lowest first (docs/architecture.md): a file imports only from its own room or a lower one.
 * Files directly in src/ are the command line's, apart from package-info.ts, which every room may read.
 */
export const ROOMS = ["core", "util", "data", "parse", "find", "eval", "model", "edit", "read", "schema", "template", "checksums", "scripts", "rules", "lint", "config", "report", "run", "lsp", "cli"];

function roomOf(root: string, path: string): string {
  const rel = path.slice(root.length + 1);
  if (!rel.includes("/")) return rel === "package-info.ts" || rel.endsWith(".d.ts") ? "core" : "cli";
  return rel.split("/")[0]!;
}

/** Imports that run from a room up to a higher one, or into a room that is not in ROOMS. */
export function upwardImports(root: string, graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const a = ROOMS.indexOf(roomOf(root, from));
      const b = ROOMS.indexOf(roomOf(root, to));
      if (a < 0 || b < 0 || b > a) out.push(`${from.slice(root.length + 1)} -> ${to.slice(root.length + 1)}`);
    }
  }
  return out;
}

describe("imports", () => {
  it("finds a circle when there is one", () => {
    const graph = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]);
    expect(findCycle(graph)).toEqual(["a", "b", "c", "a"]);
    expect(findCycle(new Map([["a", ["b"]], ["b", []]]))).toBeUndefined();
  });

  it("src/ has no import circle", () => {
    const root = resolve(__dirname, "../src");
    const cycle = findCycle(importGraph(root));
    expect(cycle?.map((p) => p.slice(root.length + 1))).toBeUndefined();
  });

  it("src/ imports only downwards, room by room (so no folder imports another in a circle)", () => {
    const root = resolve(__dirname, "../src");
    expect(upwardImports(root, importGraph(root))).toEqual([]);
    const rooms = new Set(readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name));
    expect([...rooms].filter((r) => !ROOMS.includes(r))).toEqual([]);
  });

  it("finds an import that runs upwards", () => {
    const graph = new Map([["/s/rules/a.ts", ["/s/core/b.ts", "/s/lsp/c.ts"]]]);
    expect(upwardImports("/s", graph)).toEqual(["rules/a.ts -> lsp/c.ts"]);
  });
});
