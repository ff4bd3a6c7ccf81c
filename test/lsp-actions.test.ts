import { describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic } from "../src/core/diagnostic.js";
import { codeActions, metadataEdits, suppressionSyntax } from "../src/lsp/actions.js";
import { toLspDiagnostic, toLspRange } from "../src/lsp/convert.js";
import { hoverText } from "../src/lsp/hover.js";
import { propertyAt } from "../src/lsp/property-docs.js";
import { toValue, type ObjectNode } from "../src/parse/ast.js";
import { lintText } from "../src/lint/index.js";
import { parseText } from "../src/parse/index.js";
import { LINUX } from "./helpers.js";

const URI = "file:///work/t.json";

/** A finding on `"sharedImage"` with a hand-built fix, as §1's rules attach them: offsets into the text after a BOM. */
function distributeTypeFinding(text: string): Diagnostic {
  const parsedText = text.replace(/^\uFEFF/, "");
  const start = parsedText.indexOf('"sharedImage"') + 1;
  const line = parsedText.slice(0, start).split("\n").length;
  const column = start - parsedText.lastIndexOf("\n", start - 1);
  return {
    file: "t.json",
    range: { start: { line, column }, end: { line, column: column + 11 } },
    severity: "error",
    ruleId: "unknown-type",
    message: 'distribute type "sharedImage" is not one of …',
    path: "$.properties.distribute[0].type",
    fixes: [{ description: 'Change "sharedImage" to "SharedImage"', edits: [{ start, end: start + 11, text: "SharedImage" }] }],
  };
}

describe("language server code actions", () => {
  it.each([
    ["LF", "\n", ""],
    ["CRLF with a byte-order mark", "\r\n", "\uFEFF"],
  ])("turns each fix into a quickfix workspace edit (%s)", (_, eol, bom) => {
    const text = `${bom}{\n  "properties": {\n    "distribute": [{ "type": "sharedImage", "runOutputName": "x" }]\n  }\n}\n`.replace(/\n/g, eol);
    const document = TextDocument.create(URI, "json", 1, text);
    const diagnostic = distributeTypeFinding(text);
    const lsp = toLspDiagnostic(diagnostic, URI, bom.length, undefined);
    const actions = codeActions(document, "/work/t.json", [{ diagnostic, lsp }]);
    const fix = actions.find((a) => a.title === 'Change "sharedImage" to "SharedImage"')!;
    expect(fix).toMatchObject({ kind: "quickfix", isPreferred: true, diagnostics: [lsp] });
    const [edit] = fix.edit!.changes![URI]!;
    expect(edit!.range).toEqual({ start: { line: 2, character: 30 }, end: { line: 2, character: 41 } });
    expect(TextDocument.applyEdits(document, [edit!])).toBe(text.replace('"sharedImage"', '"SharedImage"'));
    expect(lsp.range).toEqual(edit!.range);
  });

  it("maps ranges to 0-based lines and characters, shifting line 1 past a byte-order mark", () => {
    const range = { start: { line: 1, column: 3 }, end: { line: 2, column: 1 } };
    expect(toLspRange(range)).toEqual({ start: { line: 0, character: 2 }, end: { line: 1, character: 0 } });
    expect(toLspRange(range, 1)).toEqual({ start: { line: 0, character: 3 }, end: { line: 1, character: 0 } });
  });

  it("links a rule's documentation only when a homepage is configured", () => {
    const d = distributeTypeFinding(LINUX.replace('"VHD"', '"sharedImage"'));
    expect(toLspDiagnostic(d, URI, 0, undefined).codeDescription).toBeUndefined();
    expect(toLspDiagnostic(d, URI, 0, "https://example.org/aib-lint").codeDescription).toEqual({ href: "https://example.org/aib-lint/blob/main/docs/rules.md#rule-unknown-type" });
  });

  it("puts 'disable for this line' before the line where a multi-line YAML string starts, and the suppression covers all of it", () => {
    const template = (items: string) => `type: Microsoft.VirtualMachineImages/imageTemplates
apiVersion: 2022-07-01
location: westus2
properties:
  customize:
    - type: Shell
      name: a
      inline:
${items}        - apt-get install late
`;
    const cases: [string, number][] = [
      [`        - "echo preparing &&\n          apt-get install nginx &&\n          echo done"\n`, 8],
      [`        - 'echo x &&\n\n          apt-get install foo'\n`, 8],
      [`        - echo y &&\n          apt-get install bar\n`, 8],
      [`        - |\n          echo z\n          apt-get install baz\n`, 8],
    ];
    for (const [items, startLine] of cases) {
      const text = template(items);
      const uri = "file:///work/t.yaml";
      const document = TextDocument.create(uri, "yaml", 1, text);
      const findings = lintText({ file: "t.yaml", text }).diagnostics.filter((d) => d.ruleId === "interactive-command");
      // the one inside the multi-line string, on the command's own line, and the one on the line after it
      expect(findings.map((d) => d.range.start.line > startLine + 1), items).toEqual([true, true]);
      const [inside, after] = findings.map((diagnostic) => ({ diagnostic, lsp: toLspDiagnostic(diagnostic, uri, 0, undefined) }));
      const action = codeActions(document, "/work/t.yaml", [inside!]).find((a) => a.title === "Disable interactive-command for this line")!;
      const [edit] = action.edit!.changes![uri]!;
      expect(edit, items).toEqual({ range: toLspRange({ start: { line: startLine + 1, column: 1 }, end: { line: startLine + 1, column: 1 } }), newText: "        # aib-lint-disable-next-line interactive-command\n" });
      const lines = text.split("\n");
      lines.splice(startLine, 0, edit!.newText.replace(/\n$/, ""));
      const fixed = lines.join("\n");
      // the string reads the same, its finding is suppressed with nothing left unused, the next line's still shows
      expect(toValue(parseText(fixed, "yaml").documents[0]!.root!)).toEqual(toValue(parseText(text, "yaml").documents[0]!.root!));
      const left = lintText({ file: "t.yaml", text: fixed }).diagnostics.filter((d) => d.ruleId === "interactive-command" || d.ruleId === "unused-disable");
      expect(left.map((d) => [d.ruleId, d.range.start.line]), items).toEqual([["interactive-command", after!.diagnostic.range.start.line + 1]]);
    }
  });

  it("chooses the suppression syntax the file allows", () => {
    expect(suppressionSyntax("a.yaml", "yaml", false)).toEqual({ comment: "#" });
    expect(suppressionSyntax("a.jsonc", "json", false)).toEqual({ comment: "//" });
    expect(suppressionSyntax("a.json", "json", true)).toEqual({ comment: "//" });
    expect(suppressionSyntax("a.json", "json", false)).toEqual({ metadata: true });
  });

  it.each([
    [`{"type": "x", "metadata": {"aib-lint": {"disable": ["secret"]}}}`, `{"type": "x", "metadata": {"aib-lint": {"disable": ["secret", "location"]}}}`],
    [`{"type": "x", "metadata": {"aib-lint": {"disable": []}}}`, `{"type": "x", "metadata": {"aib-lint": {"disable": ["location"]}}}`],
    [`{"type": "x", "metadata": {"aib-lint": {}}}`, `{"type": "x", "metadata": {"aib-lint": {"disable": ["location"]}}}`],
    [`{"type": "x", "metadata": {"owner": "me"}}`, `{"type": "x", "metadata": {"aib-lint": {"disable": ["location"]}, "owner": "me"}}`],
    [`{"type": "x"}`, `{"metadata": {"aib-lint": {"disable": ["location"]}}, "type": "x"}`],
    [`{\r\n  "type": "x"\r\n}`, `{\r\n  "metadata": {"aib-lint": {"disable": ["location"]}},\r\n  "type": "x"\r\n}`],
  ])("adds the rule to the template's metadata: %s", (before, after) => {
    const root = parseText(before, "json").documents[0]!.root as ObjectNode;
    const edits = metadataEdits(root, "location", before)!;
    let text = before;
    for (const e of [...edits].sort((a, b) => b.offset - a.offset)) text = text.slice(0, e.offset) + e.text + text.slice(e.offset);
    expect(text).toBe(after);
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it("leaves a metadata it cannot extend alone", () => {
    const text = `{"metadata": {"aib-lint": {"disable": "secret"}}}`;
    expect(metadataEdits(parseText(text, "json").documents[0]!.root as ObjectNode, "location", text)).toBeUndefined();
  });
});

describe("language server hover and the model lookup", () => {
  const root = parseText(LINUX, "json").documents[0]!.root as ObjectNode;

  it("follows union variants by their type", () => {
    expect(propertyAt(root, ["properties", "customize", 2, "destination"])?.spec?.description).toContain("/tmp");
    expect(propertyAt(root, ["properties", "distribute", 0, "type"])?.union?.name).toBe("distributor");
    const unknown = propertyAt(root, ["properties", "source", "nonsense"]);
    expect(unknown?.key).toBe("nonsense");
    expect(unknown?.spec).toBeUndefined();
    expect(Object.keys(unknown?.parent ?? {})).toContain("publisher");
    expect(propertyAt(root, ["identity", "userAssignedIdentities", "/x", "clientId"])?.spec?.readOnly).toBe(true);
    expect(propertyAt(root, ["tags", "owner"])).toBeUndefined();
  });

  it("says when a property is not in the template's version", () => {
    const text = LINUX.replace('"buildTimeoutInMinutes": 100,', '"optimize": {"vmBoot": {"state": "Enabled"}},').replace("2022-07-01", "2020-02-14");
    const value = hoverText("t.json", text, text.indexOf('"optimize"') + 2, []);
    expect(value).toContain("**optimize** · object");
    expect(value).toContain("from 2022-07-01 on — **not in 2020-02-14**");
    const state = hoverText("t.json", text, text.indexOf('"state"') + 2, []);
    expect(state).toContain("Allowed values: `Enabled`, `Disabled`");
  });

  it("names the version when it is assumed, and gives nothing outside a template", () => {
    const text = LINUX.replace('  "apiVersion": "2022-07-01",\n', "");
    expect(hoverText("t.json", text, text.indexOf('"location"') + 2, [])).toMatch(/apiVersion \d{4}-\d\d-\d\d.* \(apiVersion assumed: best fit\)/);
    expect(hoverText("p.json", `{"name": "x"}`, 3, [])).toBeUndefined();
  });
});
