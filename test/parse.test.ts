import { describe, expect, it } from "vitest";
import { formatPath, memberCI, nodeAt, toValue, type ObjectNode } from "../src/parse/ast.js";
import { formatFor } from "../src/parse/index.js";
import { parseJson } from "../src/parse/json.js";
import { SourceText } from "../src/core/source.js";
import { parseYaml } from "../src/parse/yaml.js";
import { at, byRule, expectFinding, LINUX, lint } from "./helpers.js";

describe("JSON parsing", () => {
  it("keeps positions of keys and values", () => {
    const parsed = parseJson(`{\n  "a": [1, {"b": true}]\n}`);
    const root = parsed.documents[0]!.root!;
    const b = nodeAt(root, ["a", 1, "b"])!;
    expect(parsed.source.position(b.start)).toEqual({ line: 2, column: 18 });
    expect(formatPath(b.path)).toBe("$.a[1].b");
    expect(toValue(root)).toEqual({ a: [1, { b: true }] });
  });
  it("accepts // and /* */ comments, a BOM-less CRLF file", () => {
    const text = `{\r\n  // comment\r\n  "a": /* inline */ 1\r\n}\r\n`;
    const parsed = parseJson(text);
    expect(parsed.documents[0]!.fatal).toBeUndefined();
    expect(parsed.source.position(nodeAt(parsed.documents[0]!.root!, ["a"])!.start)).toEqual({ line: 3, column: 21 });
    expect(parsed.comments().map((c) => c.text)).toEqual(["comment", "inline"]);
  });
  it("keeps __proto__ as a plain key", () => {
    const root = parseJson(`{"__proto__": {"x": 1}}`).documents[0]!.root!;
    const value = toValue(root) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("case-insensitive members", () => {
  const object = (text: string) => parseJson(text).documents[0]!.root as ObjectNode;
  it("finds a key written in another case, the last one when there are several", () => {
    const root = object('{"BuildTimeoutInMinutes": 1, "buildtimeoutinminutes": 2, "other": 3}');
    expect(memberCI(root, "buildTimeoutInMinutes")?.keyStart).toBe(29);
    expect(memberCI(root, "OTHER")?.key).toBe("other");
    expect(memberCI(root, "missing")).toBeUndefined();
  });
  it("follows JavaScript's lower-casing where it changes a key's length (İ) or maps a sign to a letter (K)", () => {
    const root = object('{"\u0130d": 1, "\u212aey": 2}');
    expect(memberCI(root, "i\u0307D")?.key).toBe("\u0130d");
    expect(memberCI(root, "KEY")?.key).toBe("\u212aey");
    expect(memberCI(root, "id")).toBeUndefined();
  });
});

describe("YAML parsing", () => {
  it("keeps positions and converts scalars as YAML 1.2 does", () => {
    const parsed = parseYaml(`a: 1\nb:\n  - x: "2019-05-01-preview"\n    y: 2019-05-01-preview\n    z: true\n`);
    const root = parsed.documents[0]!.root!;
    expect(toValue(root)).toEqual({ a: 1, b: [{ x: "2019-05-01-preview", y: "2019-05-01-preview", z: true }] });
    expect(parsed.source.position(nodeAt(root, ["b", 0, "y"])!.start)).toEqual({ line: 4, column: 8 });
  });
  it("splits multi-document streams", () => {
    const parsed = parseYaml(`a: 1\n---\nb: 2\n`);
    expect(parsed.documents.map((d) => toValue(d.root!))).toEqual([{ a: 1 }, { b: 2 }]);
  });
  it("resolves aliases", () => {
    const parsed = parseYaml(`base: &b {x: 1}\ncopy: *b\n`);
    expect(toValue(parsed.documents[0]!.root!)).toEqual({ base: { x: 1 }, copy: { x: 1 } });
  });
  it("reports syntax errors and duplicate keys with positions", () => {
    expectFinding(lint(`a: [1, 2\nb: 3\n`, "t.yaml"), "syntax", { line: 2, column: 1 });
    expectFinding(lint(`a: 1\na: 2\n`, "t.yaml"), "duplicate-key", { line: 2, column: 1 });
  });
  it("collects comments", () => {
    expect(parseYaml(`# one\na: 1 # two\n`).comments().map((c) => c.text)).toEqual(["one", "two"]);
  });
  it("lints every template in a stream with the right lines", () => {
    const doc = `type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2022-07-01\nlocation: southindia\n`;
    const found = byRule(lint(`${doc}---\n${doc}`, "t.yaml"), "location");
    expect(found.map((d) => d.range.start.line)).toEqual([3, 7]);
  });
});

describe("positions without the line index", () => {
  it("gives what the index gives, for LF, CRLF and CR line ends and offsets past either end", () => {
    for (const eol of ["\n", "\r\n", "\r"]) {
      const text = ["{", '  "a": 1,', "", '  "b": [', "    2", "  ]", "}"].join(eol);
      for (let offset = -2; offset <= text.length + 2; offset++) {
        expect(new SourceText(text).positionOnce(offset), `${JSON.stringify(eol)} ${offset}`).toEqual(new SourceText(text).position(offset));
      }
    }
    expect(new SourceText('{\n  "a": 1\n}').positionOnce(14)).toEqual({ line: 3, column: 2 });
    // past the first two, the index answers (counting for each of thousands of templates would be quadratic)
    const many = new SourceText("[\n" + "{},\n".repeat(50) + "{}]");
    for (let offset = 0; offset < many.text.length; offset += 7) expect(many.positionOnce(offset)).toEqual(new SourceText(many.text).position(offset));
  });
});

describe("positions", () => {
  it("turns offsets into 1-based lines and columns across LF, CRLF and CR", () => {
    const source = new SourceText("ab\ncd\r\nef\rgh");
    expect(source.position(0)).toEqual({ line: 1, column: 1 });
    expect(source.position(4)).toEqual({ line: 2, column: 2 });
    expect(source.position(7)).toEqual({ line: 3, column: 1 });
    expect(source.position(10)).toEqual({ line: 4, column: 1 });
    expect(source.line(2)).toBe("cd");
  });
  it("locates findings the same in CRLF files", () => {
    const text = LINUX.replace(`"location": "westus2"`, `"location": "southindia"`).replace(/\n/g, "\r\n");
    expectFinding(lint(text), "location", at(text, 4, `"southindia"`));
  });
  it("chooses the format by extension, else by the first character", () => {
    expect(formatFor("a.yml", "{")).toBe("yaml");
    expect(formatFor("a.jsonc", "a: 1")).toBe("json");
    expect(formatFor("-", "  {")).toBe("json");
    expect(formatFor("-", "a: 1")).toBe("yaml");
  });
});

describe("hostile input", () => {
  it("stops at absurd nesting with a located syntax finding", () => {
    expect(lint("[".repeat(5000) + "]".repeat(5000)).map((d) => d.ruleId)).toEqual(["syntax"]);
    expect(lint("a: " + "[".repeat(5000) + "]".repeat(5000), "t.yaml").map((d) => d.ruleId)).toEqual(["syntax"]);
  });
  it("does not expand a YAML alias bomb", () => {
    const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
    expect(lint(lines.join("\n"), "bomb.yaml").map((d) => d.ruleId)).toEqual(["syntax"]);
  });
});

describe("YAML details", () => {
  it("expands merge keys, letting the mapping's own keys win", () => {
    const parsed = parseYaml(`base: &b {type: Shell, inline: [a]}\nstep:\n  <<: *b\n  inline: [b]\n`);
    expect(toValue(parsed.documents[0]!.root!)).toEqual({ base: { type: "Shell", inline: ["a"] }, step: { inline: ["b"], type: "Shell" } });
  });
  it("ends a scalar's range at its last character, not on the next line", () => {
    const found = lint(`type: Microsoft.VirtualMachineImages/imageTemplates\napiVersion: 2022-07-01\nlocation: southindia\n`, "t.yaml");
    const d = expectFinding(found, "location", { line: 3, column: 11 });
    expect(d.range.end).toEqual({ line: 3, column: 21 });
  });
});
