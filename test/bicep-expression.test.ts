import { inlineHoisted } from "./bicep-inline.js";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { toValue, type ObjectNode } from "../src/parse/ast.js";
import { parseBicep } from "../src/parse/bicep.js";
import { prepareBicep } from "../src/parse/bicep-loader.js";
import { lintText } from "../src/lint/index.js";
import { at, byRule, expectFinding, replaceOnce } from "./helpers.js";
import { cli, tempDir } from "./cli-harness.js";

beforeAll(prepareBicep);

/** The ARM expression `var x = <expression>` lowers to, beside a param `p`, a var `v` and a resource `res`. */
function lowered(expression: string): unknown {
  const text = `param p string
var v = 1
resource res 'Microsoft.Storage/storageAccounts@2023-01-01' existing = { name: 'x' }
var x = ${expression}
resource it 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = { name: 'x' }
`;
  const root = parseBicep(text).documents[0]!.root as ObjectNode;
  const x = (toValue(root) as { variables: Record<string, unknown> }).variables.x;
  return typeof x === "string" ? inlineHoisted(x, root) : x;
}

describe("Bicep expressions as ARM expressions", () => {
  it.each([
    [`'img-\${v}'`, `[concat('img-', string(variables('v')))]`],
    [`'\${p}'`, `[string(parameters('p'))]`],
    [`'a\${p}b\${v}'`, `[concat('a', string(parameters('p')), 'b', string(variables('v')))]`],
    [`'it\\'s \${p}'`, `[concat('it''s ', string(parameters('p')))]`],
    [`p == 'a' ? 1 : 2`, `[if(equals(parameters('p'), 'a'), 1, 2)]`],
    [`p ?? 'd'`, `[coalesce(parameters('p'), 'd')]`],
    [`v.a.b[0]`, `[variables('v').a.b[0]]`],
    [`v.?a`, `[tryGet(variables('v'), 'a')]`],
    [`v[?0]`, `[tryGet(variables('v'), 0)]`],
    [`!(v == 1)`, `[not(equals(variables('v'), 1))]`],
    [`-v`, `[sub(0, variables('v'))]`],
    [`v != 1 && v < 2 || v >= 3`, `[or(and(not(equals(variables('v'), 1)), less(variables('v'), 2)), greaterOrEquals(variables('v'), 3))]`],
    [`v <= 1 || v > 2`, `[or(lessOrEquals(variables('v'), 1), greater(variables('v'), 2))]`],
    [`v + 1 - 2 * 3 / 4 % 5`, `[sub(add(variables('v'), 1), mod(div(mul(2, 3), 4), 5))]`],
    [`p =~ 'A'`, `[equals(toLower(parameters('p')), toLower('A'))]`],
    [`toLower(p)`, `[toLower(parameters('p'))]`],
    [`sys.concat(p, 'x')`, `[concat(parameters('p'), 'x')]`],
    [`az.resourceGroup().location`, `[resourceGroup().location]`],
    [`union({ a: v, 'b-c': [1, true, null] }, {})`, `[union(createObject('a', variables('v'), 'b-c', createArray(1, true(), null())), createObject())]`],
    [`[for (s, i) in [1, 2]: { n: s, i: i }]`, `[map(createArray(1, 2), lambda('s', 'i', createObject('n', lambdaVariables('s'), 'i', lambdaVariables('i'))))]`],
    [`[for i in range(0, 3): 'n\${i}']`, `[map(range(0, 3), lambda('i', concat('n', string(lambdaVariables('i')))))]`],
    [`[for s in [1, 2]: if (s > 1) { n: s }]`, `[map(filter(createArray(1, 2), lambda('s', greater(lambdaVariables('s'), 1))), lambda('s', createObject('n', lambdaVariables('s'))))]`],
    [`union({ a: 1 }, { ...v, b: 2 })`, `[union(createObject('a', 1), shallowMerge(createArray(variables('v'), createObject('b', 2))))]`],
    [`concat([1, ...v, 2], [])`, `[concat(concat(createArray(1), variables('v'), createArray(2)), createArray())]`],
    [`any(p)`, `[parameters('p')]`],
    [`loadTextContent('x.sh')`, `[variables('file:x.sh')]`],
    [`loadJsonContent('d/r.json')`, `[json(variables('file:d/r.json'))]`],
  ])("%s → %s", (bicep, arm) => {
    expect(lowered(bicep)).toBe(arm);
  });

  it.each([
    [`res.properties.primaryEndpoints`],
    [`'\${res.id}/x'`],
    [`loadTextContent(p)`],
    [`loadJsonContent('x.json', '$.a')`],
    [`map([1], x => x)`],
    [`[for (s, i) in [1]: if (i > 0) { n: s }]`],
    [`[1, 2][res.index]`],
  ])("%s stays unknown", (bicep) => {
    expect(lowered(bicep)).toBe(`[bicep: ${bicep}]`);
  });
});

const lint = (text: string) => lintText({ file: "main.bicep", text, explicit: true }).diagnostics.filter((d) => d.severity !== "info");

const IDENTITY = `  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aib': {}
    }
  }
`;
const SOURCE = `    source: {
      type: 'PlatformImage'
      publisher: 'Canonical'
      offer: '0001-com-ubuntu-server-jammy'
      sku: '22_04-lts-gen2'
      version: 'latest'
    }
`;

/** A Linux template whose lines tests replace. */
const TEMPLATE = `param steps array = [
  { name: 'one', cmd: 'echo 1' }
  { name: 'two', cmd: 'echo 2' }
]
var windows = false
var geography = 'north'

resource it 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = {
  name: 'img-\${geography}'
  location: '\${geography}europe'
${IDENTITY}  properties: {
    buildTimeoutInMinutes: windows ? 240 : 120
${SOURCE}    customize: [for (s, i) in steps: {
      type: 'Shell'
      name: '\${s.name}-\${i}'
      inline: [ s.cmd ]
    }]
    distribute: [for r in ['a', 'b']: {
      type: 'VHD'
      runOutputName: 'vhd-\${r}'
    }]
  }
}
`;

describe("Bicep values evaluated end to end", () => {
  it("a template of interpolations, ternaries and loops that is right: no finding", () => {
    expect(lint(TEMPLATE)).toEqual([]);
  });

  it("an interpolated location is checked, at the interpolation", () => {
    const text = replaceOnce(TEMPLATE, "'north'", "'nort'");
    const found = lint(text);
    expectFinding(found, "location", at(text, 10, "'${geography}europe'"), "error");
    expect(found).toHaveLength(1);
  });

  it("the branch a ternary takes is checked, at the literal it takes, the ternary related", () => {
    const text = replaceOnce(TEMPLATE, "windows ? 240 : 120", "windows ? 240 : 2000");
    const found = expectFinding(lint(text), "build-timeout", at(text, 18, "2000"), "error");
    expect(found.related?.[0]?.range.start).toEqual(at(text, 18, "windows ?"));
  });

  it("properties with a spread: a literal written after it is checked where it is written", () => {
    const text = `var common = {
  buildTimeoutInMinutes: 60
  source: { type: 'PlatformImage', publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2', version: 'latest' }
}
resource it 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = {
  name: 'x'
  location: 'westeurope'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u': {} } }
  properties: {
    ...common
    distribute: [
      {
        type: 'VHD'
        runOutputName: 'rhel 9'
      }
    ]
  }
}
`;
    const found = lint(text);
    expect(found.map((d) => [d.ruleId, d.range.start])).toEqual([["run-output-name", at(text, 14, "'rhel 9'")]]);
  });

  it("a loop's body is checked where it is written, for each item", () => {
    const text = replaceOnce(TEMPLATE, "type: 'Shell'", "type: 'Shel'");
    const found = lint(text);
    expectFinding(found, "unknown-type", at(text, 27, "'Shel'"), "error");
    const names = replaceOnce(TEMPLATE, "runOutputName: 'vhd-${r}'", "runOutputName: 'vhd ${r}'");
    const bad = byRule(lint(names), "run-output-name");
    expect(bad.map((d) => d.message)).toEqual([expect.stringContaining('"vhd a"'), expect.stringContaining('"vhd b"')]);
    expect(bad[0]!.range.start).toEqual(at(names, 33, "'vhd ${r}'"));
  });

  it("a filtered loop keeps the items the filter keeps", () => {
    const text = replaceOnce(TEMPLATE, "[for r in ['a', 'b']: {", "[for r in ['a', 'b c']: if (r != 'a') {");
    const bad = byRule(lint(text), "run-output-name");
    expect(bad.map((d) => d.message)).toEqual([expect.stringContaining('"vhd-b c"')]);
  });

  it("spreads: later members win; an unknown spread leaves the members after it checked", () => {
    const text = replaceOnce(
      replaceOnce(TEMPLATE, "var windows = false", "var windows = false\nparam vm object\nvar base = { vmSize: 'Standard_D2s_v3', osDiskSizeGB: 30 }"),
      "    source: {",
      "    vmProfile: { ...base, ...vm, osDiskSizeGB: 'big' }\n    source: {",
    );
    const found = lint(text);
    expect(found.map((d) => d.ruleId)).toEqual(["value-type"]);
    expect(found[0]!.range.start.line).toBe(21);
    // a bad member of the spread object that a later member replaces is not what is deployed
    const replaced = replaceOnce(
      replaceOnce(TEMPLATE, "var windows = false", "var windows = false\nvar base = { vmSize: 'Standard_D2s_v3', osDiskSizeGB: 'big' }"),
      "    source: {",
      "    vmProfile: { ...base, osDiskSizeGB: 64 }\n    source: {",
    );
    expect(lint(replaced)).toEqual([]);
  });
});

describe("types newer than the grammar", () => {
  const nullable = `import { a, b } from 'types.bicep'
import * as t from 'types.bicep'
type tags = {
  owner: string
  env: ('dev' | 'prod')?
}?
@export()
type x = { a: string, b: int[]? }
param p resourceInput<'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01'>.tags?
param q tags
param r t.myType?
param s string? = null
`;
  const template = TEMPLATE.replace("var windows = false", "var windows = s == null ? false : true");

  it("nullable and user-defined types before the template: no syntax error, the template checked", () => {
    const text = nullable + template;
    expect(lint(text)).toEqual([]);
    const broken = replaceOnce(text, "type: 'Shell'", "type: 'Shel'");
    expectFinding(lint(broken), "unknown-type", at(broken, 39, "'Shel'"), "error");
    const root = parseBicep(text).documents[0]!.root!;
    expect(toValue(root)).toMatchObject({ parameters: { s: { type: "string", defaultValue: null }, q: { type: "tags" } } });
  });

  it("after the template: no warning", () => {
    expect(lintText({ file: "main.bicep", text: template + nullable, explicit: true }).diagnostics).toEqual([]);
  });

  it("a ternary's ? and a real unclosed bracket are still read as such", () => {
    const text = `type t = {\n  a: string?\n${template}`;
    const found = lintText({ file: "main.bicep", text, explicit: true }).diagnostics;
    expect(found.map((d) => [d.ruleId, d.severity, d.range.start])).toEqual([["syntax", "error", { line: 1, column: 10 }]]);
  });
});

describe(".bicepparam files checked against the template", () => {
  const main = `param location string
param release string
param regions array

resource it 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = {
  name: 'img-\${release}'
  location: location
${IDENTITY}  properties: {
${SOURCE}    distribute: [
      {
        type: 'SharedImage'
        galleryImageId: '/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/g/providers/Microsoft.Compute/galleries/g/images/i'
        runOutputName: 'sig'
        targetRegions: regions
      }
    ]
  }
}
`;
  const params = `using './other.bicep'

var geo = 'west'
var names = ['north', 'swedencentrall']
param location = '\${geo}europ'
param release = 42
param regions = [for n in names: { name: n == 'north' ? 'northeurope' : n }]
param locaton = 'x'
`;

  it("values computed from the file's variables, a wrong using, a wrong type, an undeclared name: each at its place in the .bicepparam", async () => {
    const dir = tempDir({ "main.bicep": main, "main.bicepparam": params, "ok.bicepparam": "using 'main.bicep'\nvar r = 'westeurope'\nparam location = r\nparam release = '1'\nparam regions = [{ name: r }]\n" });
    const run = await cli(["--parameters", "main.bicepparam", "--format", "json", "main.bicep"], { cwd: dir });
    type Found = { ruleId: string; file: string; range: { start: { line: number; column: number } }; message: string };
    const found = (JSON.parse(run.stdout) as { files: { diagnostics: Found[] }[] }).files.flatMap((f) => f.diagnostics);
    const places = found.map((d) => [d.ruleId, d.file.replace(/.*[\\/]/, ""), d.range.start.line, d.range.start.column]);
    expect(places).toEqual([
      ["parameters-file", "main.bicepparam", 1, 7],
      ["location", "main.bicepparam", 5, 18],
      ["parameters-file", "main.bicepparam", 6, 17],
      ["distribution-region", "main.bicepparam", 7, 17],
      ["parameters-file", "main.bicepparam", 8, 7],
    ]);
    expect(found[4]!.message).toContain('did you mean "location"?');
    expect(found[3]!.message).toContain('"swedencentrall"');
    const ok = await cli(["--parameters", "ok.bicepparam", "main.bicep"], { cwd: dir });
    expect(ok.code).toBe(0);
  });
});

describe("a module-style template (fixtures/bicep/module-style.bicep)", () => {
  const text = readFileSync(new URL("../fixtures/bicep/module-style.bicep", import.meta.url), "utf8");
  it("is right, and all its values but the one with no value are checked", () => {
    const result = lintText({ file: "module-style.bicep", text, explicit: true }, { valueStats: true });
    expect(result.diagnostics).toEqual([]);
    expect(result.templates[0]!.values).toMatchObject({ checked: 29, unknownCount: 1 });
  });
  it("a wrong value in a spread object, a loop body and an interpolated name is found", () => {
    let broken = replaceOnce(text, "windows ? 127 : 64", "windows ? 127 : 'big'");
    broken = replaceOnce(broken, "type: 'Shell'", "type: 'shell'");
    broken = replaceOnce(broken, "var prefix = 'img-${release}'", "var prefix = 'img ${release}'");
    const found = lintText({ file: "module-style.bicep", text: broken, explicit: true }).diagnostics.filter((d) => d.severity !== "info");
    expect(found.map((d) => [d.ruleId, d.range.start.line]).sort()).toEqual([["run-output-name", 55], ["run-output-name", 61], ["template-name", 28], ["unknown-type", 48], ["value-type", 25]].sort());
  });
});
