import { describe, expect, it } from "vitest";
import type { StringNode } from "../src/parse/ast.js";
import { blockOffset } from "../src/scripts/locate-blocks.js";

describe("blockOffset: YAML literal blocks and Bicep strings", () => {
  it("maps a YAML literal block line by line, blank lines and chomping included", () => {
    const yaml = "k: |-\n    if x; then\n\n      apt-get up\n    fi";
    const node = { kind: "string", value: "if x; then\n\n  apt-get up\nfi", start: 3, end: yaml.length, path: [] } as StringNode;
    const offset = (i: number) => blockOffset(yaml, node, i)!;
    expect([offset(0), offset(node.value.indexOf("apt-get")), offset(node.value.indexOf("fi")), offset(node.value.length)]).toEqual([10, 28, 43, 45]);
    expect(yaml.slice(offset(node.value.indexOf("apt-get")), offset(node.value.indexOf("apt-get") + 10))).toBe("apt-get up");
    // an explicit indentation, or a value that is not the written lines, is not mapped
    expect(blockOffset("k: |2\n    x", { kind: "string", value: "  x", start: 3, end: 11, path: [] }, 0)).toBeUndefined();
    expect(blockOffset("k: |\n  a\n  b", { kind: "string", value: "a\nc", start: 3, end: 12, path: [] }, 2)).toBeUndefined();
  });
  it("maps Bicep strings, escaped and multi-line", () => {
    const node = (text: string, value: string): StringNode => ({ kind: "string", value, start: 3, end: text.length, path: [] });
    const escaped = String.raw`x: 'it\'s \u{41}\\ apt'`;
    expect(escaped[blockOffset(escaped, node(escaped, "it's A\\ apt"), 8)!]).toBe("a");
    expect(blockOffset(escaped, node(escaped, "it's A\\ apt"), 4)).toBe(escaped.indexOf("s ") + 1);
    const multi = "x: '''\nif x; then\n  apt-get up\nfi'''";
    expect(multi.slice(blockOffset(multi, node(multi, "if x; then\n  apt-get up\nfi"), 13)!)).toMatch(/^apt-get up\n/);
    expect(blockOffset(multi, node(multi, "something else"), 0)).toBeUndefined();
    const huge = String.raw`x: 'a\u{FFFFFFFF}'`;
    expect(blockOffset(huge, node(huge, "a?"), 1)).toBeUndefined();
    // what is not one of these forms is left to valueOffset
    expect(blockOffset("k: plain", node("k: plain", "plain"), 0)).toBeUndefined();
  });
});
