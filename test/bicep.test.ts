import { inlineHoisted } from "./bicep-inline.js";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/core/diagnostic.js";
import { resolveValue } from "../src/find/resolve.js";
import { findTemplates } from "../src/find/templates.js";
import { lintText } from "../src/lint/index.js";
import { member, toValue, type ObjectNode } from "../src/parse/ast.js";
import { MAX_BICEP_CHARS, parseBicep, parseBicepParameters } from "../src/parse/bicep.js";
import { bicepParserBroken, parseBicepTree, prepareBicep, setBicepMemoryLimit } from "../src/parse/bicep-loader.js";
import { wasmFile } from "../src/parse/tree-sitter-runtime.js";
import { decodeString, patchForGrammar, unbalancedBracket } from "../src/parse/bicep-text.js";
import { defaultConfig } from "../src/config/load.js";
import { DEFAULT_MAX_FILE_SIZE } from "../src/read/input.js";
import { lintFiles } from "../src/run/lint-files.js";
import { loadParameters } from "../src/read/parameters.js";
import { cli, tempDir } from "./cli-harness.js";
import { at, byRule, errors, expectFinding, replaceOnce } from "./helpers.js";

beforeAll(prepareBicep);

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), "utf8");
const lintBicep = (text: string, file = "main.bicep") => lintText({ file, text, explicit: true });
const lint = (text: string, file = "main.bicep") => lintBicep(text, file).diagnostics;

/** An Ubuntu platform image source, at the indentation of a template's properties. */
const UBUNTU_SOURCE = `    source: {
      type: 'PlatformImage'
      publisher: 'Canonical'
      offer: '0001-com-ubuntu-server-jammy'
      sku: '22_04-lts-gen2'
      version: 'latest'
    }
`;

/** A valid Linux template in Bicep; tests replace single lines. */
const LINUX = `param location string = 'westeurope'

resource it 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = {
  name: 'ubuntu'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aib': {}
    }
  }
  properties: {
    buildTimeoutInMinutes: 100
${UBUNTU_SOURCE}    customize: [
      {
        type: 'Shell'
        name: 'tidy'
        inline: [
          'sudo apt-get clean'
        ]
      }
    ]
    distribute: [
      {
        type: 'VHD'
        runOutputName: 'ubuntu-vhd'
      }
    ]
  }
}
`;

/** The position of `token` on the first line that holds it. */
function where(text: string, token: string, after = ""): { line: number; column: number } {
  const from = after ? text.indexOf(after) : 0;
  const index = text.indexOf(token, from);
  if (from < 0 || index < 0) throw new Error(`test bug: no "${token}"`);
  return at(text, text.slice(0, index).split("\n").length, token);
}

/** The text a finding points at, without quotes: the same token in JSON, YAML and Bicep. */
function pointedAt(text: string, d: Diagnostic): string {
  const lines = text.split("\n");
  const line = lines[d.range.start.line - 1]!;
  return line.slice(d.range.start.column - 1).split(/[\s:,]/)[0]!.replace(/["']/g, "");
}

/** What a finding says about which place, independent of the format: the rule, severity, path below the template, message less line numbers. */
function comparable(d: Diagnostic): string {
  const below = d.path.replace(/^\$\.resources\.\w+/, "$");
  return `${d.severity} ${d.ruleId} ${below} ${d.message.replace(/line \d+/g, "line N")}`;
}

describe("the Bicep grammar loads", () => {
  it("from the installed packages, through one function", () => {
    expect(wasmFile("web-tree-sitter.wasm", "web-tree-sitter")).toMatch(/web-tree-sitter\.wasm$/);
    expect(wasmFile("tree-sitter-bicep.wasm", "tree-sitter-bicep")).toMatch(/tree-sitter-bicep\.wasm$/);
  });
  it("the acceptance example: a Windows VHD with a Shell step and a short timeout", () => {
    const text = LINUX.replace("'Canonical'", "'MicrosoftWindowsDesktop'").replace("'0001-com-ubuntu-server-jammy'", "'windows-11'").replace("'22_04-lts-gen2'", "'win11-23h2-ent'").replace("buildTimeoutInMinutes: 100", "buildTimeoutInMinutes: 30");
    const found = lint(text);
    expectFinding(found, "build-timeout", at(text, 13, "30"), "warning");
    expectFinding(found, "step-os", at(text, 23, "'Shell'"), "error");
    expect(found).toHaveLength(2);
  });
});

describe("Bicep twins of the example fixtures", () => {
  const pairs: [string, string][] = [
    ["examples/linux-gallery.json", "bicep/linux-gallery.bicep"],
    ["examples/broken.yaml", "bicep/broken.bicep"],
  ];
  it.each(pairs)("%s and its twin %s: the same findings, each at the same token in the Bicep text", (original, twin) => {
    const originalText = fixture(original);
    const twinText = fixture(twin);
    const expected = lintText({ file: original, text: originalText, explicit: true }).diagnostics;
    const actual = lintBicep(twinText, twin).diagnostics;
    expect(actual.map(comparable).sort()).toEqual(expected.map(comparable).sort());
    for (const d of actual) {
      const same = expected.find((e) => comparable(e) === comparable(d))!;
      expect(pointedAt(twinText, d), comparable(d)).toBe(pointedAt(originalText, same));
    }
  });
  it("the broken twin's findings stand at Bicep lines and columns", () => {
    const text = fixture("bicep/broken.bicep");
    const found = lint(text, "broken.bicep");
    expectFinding(found, "location", at(text, 4, "'southindia'"));
    expectFinding(found, "build-timeout", at(text, 12, "1200"));
    expectFinding(found, "unknown-type", at(text, 37, "'managedImage'"));
    expectFinding(found, "unknown-property", at(text, 45, "tags"));
    expect(found).toHaveLength(8);
  });
});

describe("expressions: evaluated where ARM has a counterpart, never a false finding", () => {
  const text = `import { commonTags } from 'types.bicep'
param prefix string
@secure()
param sas string
param regions array = [ 'westeurope', 'northeurope' ]
param timeout int = 120
var steps = [ { type: 'Shell', name: 'a', inline: [ 'echo a' ] } ]
var galleryImageId = resourceId('Microsoft.Compute/galleries/images', 'g', 'i')

resource uami 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: '\${prefix}-id'
}

resource it 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = {
  name: '\${prefix}-template'
  location: resourceGroup().location
  tags: union(commonTags, { a: 'b' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '\${uami.id}': {}
    }
  }
  properties: {
    buildTimeoutInMinutes: timeout * 2
    vmProfile: {
      vmSize: empty(prefix) ? 'Standard_D2s_v3' : 'Standard_D4s_v3'
      osDiskSizeGB: length(prefix) + 30
      vnetConfig: {
        subnetId: subnet.id
      }
    }
    stagingResourceGroup: stagingRg.id
    source: {
      type: 'PlatformImage'
      publisher: 'Canonical'
      offer: '0001-com-ubuntu-server-jammy'
      sku: toLower('22_04-LTS-gen2')
      version: 'latest'
    }
    customize: concat(steps, [
      {
        type: 'Shell'
        name: 'setup'
        scriptUri: '\${scriptBase}/setup.sh?\${sas}'
        sha256Checksum: checksums.setup
      }
    ])
    distribute: [
      {
        type: 'SharedImage'
        galleryImageId: galleryImageId
        runOutputName: '\${prefix}-sig'
        targetRegions: [for r in regions: { name: r, replicaCount: 1 }]
        artifactTags: { source: prefix }
      }
      {
        type: 'SharedImage'
        galleryImageId: galleryImageId
        runOutputName: last(split(prefix, '/'))
        replicationRegions: regions
      }
      {
        type: 'ManagedImage'
        imageId: managedImage.id
        location: regions[0]
        runOutputName: prefix!
      }
      {
        type: 'VHD'
        runOutputName: (prefix)
      }
    ]
    validate: {
      inVMValidations: [for v in validations: {
        type: 'Shell'
        name: v.name
        inline: v.commands
      }]
    }
  }
}
`;
  it("interpolations, references, calls, ternaries, arithmetic, member access, indexes, loops: no finding", () => {
    // `replicationRegions: regions` is known (the param's default array): the deprecated key is all that is reported
    expect(lint(text).map((d) => [d.ruleId, d.range.start])).toEqual([["deprecated-property", where(text, "replicationRegions")]]);
  });
  it("the same places with wrong literals are reported (the test can fail)", () => {
    let broken = replaceOnce(text, "buildTimeoutInMinutes: timeout * 2", "buildTimeoutInMinutes: 2000");
    broken = replaceOnce(broken, "runOutputName: (prefix)", "runOutputName: 'bad name'");
    const found = lint(broken);
    expect(found.map((d) => d.ruleId).sort()).toEqual(["build-timeout", "deprecated-property", "run-output-name"]);
    expectFinding(found, "build-timeout", at(broken, 25, "2000"));
    expectFinding(found, "run-output-name", where(broken, "'bad name'"));
  });
  it("every expression becomes an ARM expression string, located at its Bicep text", () => {
    const parsed = parseBicep(text);
    const [template] = findTemplates(parsed.documents[0]!.root);
    const props = member(template!.node, "properties")!.value as ObjectNode;
    const timeout = member(props, "buildTimeoutInMinutes")!.value;
    expect(timeout).toMatchObject({ kind: "string" });
    expect(inlineHoisted((timeout as { value: string }).value, parsed.documents[0]!.root)).toBe("[mul(parameters('timeout'), 2)]");
    expect(parsed.source.position(timeout.start)).toEqual(at(text, 25, "timeout * 2"));
    const vmSize = (toValue(member(props, "vmProfile")!.value) as { vmSize: string }).vmSize;
    expect(inlineHoisted(vmSize, parsed.documents[0]!.root)).toBe("[if(empty(parameters('prefix')), 'Standard_D2s_v3', 'Standard_D4s_v3')]");
    // a name the file does not declare (an imported one) has no ARM counterpart: unknown where it stands, the rest known
    const customize = inlineHoisted(toValue(member(props, "customize")!.value) as string, parsed.documents[0]!.root);
    expect(customize).toMatch(/^\[concat\(variables\('steps'\), createArray\(createObject\('type', 'Shell', /);
    expect(customize).toContain("'sha256Checksum', bicep: checksums.setup");
    // a property of a resource is known at deployment only: no ARM counterpart
    expect(toValue(member(props, "stagingResourceGroup")!.value)).toBe("[bicep: stagingRg.id]");
  });
});

describe("values, parameters and variables", () => {
  it("reads strings with escapes, multi-line strings, numbers, booleans and null", () => {
    const text = `var s = 'it\\'s a \\\${literal} \\\\ path\\n'
var m = '''
line one
  it's verbatim \\n
'''
var n = -5
var n2 = - 7
var b = true
var z = null
var o = {
  'quoted-key': 1
  @description('decorated')
  plain: [
    1, 2
    3
  ]
}
resource it 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = {
  name: 'x'
}
`;
    const root = parseBicep(text).documents[0]!.root!;
    expect(toValue(root)).toMatchObject({
      variables: {
        s: "it's a ${literal} \\ path\n",
        m: "line one\n  it's verbatim \\n\n",
        n: -5,
        n2: -7,
        b: true,
        z: null,
        o: { "quoted-key": 1, plain: [1, 2, 3] },
      },
    });
  });
  it("decodes Bicep escapes", () => {
    expect(decodeString("a\\tb\\u{1F600}\\$\\'")).toBe("a\tb😀$'");
  });
  it("a param reference is [parameters('p')], a var reference [variables('v')], both resolved by the ARM resolver to the Bicep text", () => {
    const text = `@description('the region')
param location string = 'westeurope'
var region = location
var size = 'Standard_D2s_v3'
resource it 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = {
  name: 'x'
  location: region
  properties: {
    vmProfile: {
      vmSize: size
    }
  }
}
`;
    const parsed = parseBicep(text);
    const [found] = findTemplates(parsed.documents[0]!.root);
    const location = member(found!.node, "location")!.value;
    expect(location).toMatchObject({ kind: "string", value: "[variables('region')]" });
    const resolved = resolveValue(location, found!.deployment, undefined)!;
    expect(resolved).toMatchObject({ kind: "string", value: "westeurope" });
    expect(parsed.source.position(resolved.start)).toEqual(at(text, 2, "'westeurope'"));
    const overridden = parseBicepParameters(`using 'main.bicep'\nparam location = 'northeurope'\n`);
    expect(resolveValue(location, found!.deployment, overridden.values)).toMatchObject({ value: "northeurope" });
  });
  it("a param's default and a var feed every rule, the finding naming where the value came from", () => {
    const text = LINUX.replace("param location string = 'westeurope'", "param location string = 'southindia'\n@secure()\nparam hidden string = 'nowhere'\nvar timeout = 2000").replace("buildTimeoutInMinutes: 100", "buildTimeoutInMinutes: timeout");
    const found = lint(text);
    // findings stand where the values are written, the use is related
    const use = where(text, "location: location");
    const location = expectFinding(found, "location", where(text, "'southindia'"));
    expect(location.message).toContain(`default, used at line ${use.line}`);
    expect(location.related?.[0]?.range.start).toEqual({ line: use.line, column: use.column + "location: ".length });
    expectFinding(found, "build-timeout", where(text, "2000"));
    expect(found).toHaveLength(2);
    const secure = text.replace("location: location", "location: hidden");
    expect(byRule(lint(secure), "location")).toEqual([]);
  });
  it("a loop variable that shadows a parameter is the loop's, not the parameter", () => {
    const text = `param location string = 'mars'
param locations array
resource it 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = [for location in locations: {
  name: 'x-\${location}'
  location: location
}]
`;
    const [found] = findTemplates(parseBicep(text).documents[0]!.root);
    expect(member(found!.node, "location")!.value).toMatchObject({ value: "[bicep: location]" });
  });
  it("decorators, existing resources, modules, outputs, other resources, targetScope, metadata, types, functions and imports are read past", () => {
    const text = `targetScope = 'resourceGroup'
metadata owner = 'platform'
import { tags } from 'shared.bicep'
import 'az@1.0.0'
type size = 'small' | 'large'
func name(p string) string => 'x-\${p}'
@minLength(3)
@allowed([ 'a', 'b' ])
param p string = 'a'
resource other 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' existing = {
  name: 'elsewhere'
}
resource vnet 'Microsoft.Network/virtualNetworks@2023-01-01' = {
  name: 'v'
  location: 'mars'
  resource subnet 'subnets' = {
    name: 's'
  }
}
module m './mod.bicep' = {
  name: 'm'
}
#disable-next-line no-unused-existing-resources
output id string = it.id
${LINUX.replace("param location string = 'westeurope'\n", "")}`.replace("location: location", "location: 'westeurope'");
    const result = lintBicep(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.templates.map((t) => t.name)).toEqual(["ubuntu"]);
  });
});

describe("conditions and loops", () => {
  it("a conditional template is checked, at Bicep positions", () => {
    const text = LINUX.replace("= {\n  name: 'ubuntu'", "= if (deploy) {\n  name: 'ubuntu'").replace("buildTimeoutInMinutes: 100", "buildTimeoutInMinutes: 3");
    expectFinding(lint(text), "build-timeout", at(text, 13, "3"));
  });
  it("a template in a resource loop is checked once, its loop variable unchecked", () => {
    const text = `param regions array
resource it 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = [for (region, i) in regions: {
  name: 'img-\${i}'
  location: region
  properties: {
${UBUNTU_SOURCE}    distribute: [
      {
        type: 'sharedImage'
        galleryImageId: '/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/g/providers/Microsoft.Compute/galleries/g/images/i'
        runOutputName: 'x'
        targetRegions: [ { name: region } ]
      }
    ]
  }
}]
`;
    const found = lint(text);
    expectFinding(found, "unknown-type", at(text, 15, "'sharedImage'"));
    expectFinding(found, "identity", at(text, 2, "'Microsoft.VirtualMachineImages"));
    expect(found.map((d) => d.ruleId).sort()).toEqual(["identity", "unknown-type"]);
  });
  it("two templates in one file are both checked", () => {
    const second = LINUX.replace("param location string = 'westeurope'\n", "").replace("resource it ", "resource it2 ").replace("buildTimeoutInMinutes: 100", "buildTimeoutInMinutes: 1");
    const text = LINUX + second;
    const result = lintBicep(text);
    expect(result.templates).toHaveLength(2);
    expect(byRule(result.diagnostics, "build-timeout")).toHaveLength(1);
    expect(result.diagnostics[0]!.path).toBe("$.resources.it2.properties.buildTimeoutInMinutes");
  });
  it("triggers, nested or top-level with parent, reach the trigger rule", () => {
    const nested = LINUX.replace("  properties: {\n    buildTimeoutInMinutes", "  resource onNew 'triggers' = {\n    name: 'onNew'\n    properties: {\n      kind: 'sourceImage'\n    }\n  }\n  properties: {\n    buildTimeoutInMinutes");
    expectFinding(lint(nested), "trigger", where(nested, "'sourceImage'"));
    const topLevel = `${LINUX}resource onNew 'Microsoft.VirtualMachineImages/imageTemplates/triggers@2022-07-01' = {
  parent: it
  name: 'onNew'
  properties: {
    kind: 'SourceImage'
  }
}
resource other 'Microsoft.VirtualMachineImages/imageTemplates/triggers@2022-07-01' = {
  parent: somethingElse
  name: 'onOther'
  properties: {
    kind: 'sourceimage'
  }
}
`;
    const found = lint(topLevel);
    // the template's source version is 'latest' and its only target a VHD: a trigger is fine; the other trigger is not this template's
    expect(found).toEqual([]);
    const pinned = topLevel.replace("version: 'latest'", "version: '22.04.202311010'");
    expectFinding(lint(pinned), "trigger", where(pinned, "'22.04.202311010'"));
  });
  it("a spread in the template body leaves what it may bring unchecked; what follows it is checked", () => {
    const text = LINUX.replace("  name: 'ubuntu'\n  location: location\n  identity: {", "  ...common\n  identity: {").replace("buildTimeoutInMinutes: 100", "buildTimeoutInMinutes: 1");
    const found = lint(text);
    expectFinding(found, "build-timeout", where(text, "1", "buildTimeoutInMinutes"));
    expect(errors(found).map((d) => d.ruleId)).toEqual(["build-timeout"]);
    const spreadProperties = LINUX.replace("    buildTimeoutInMinutes: 100", "    ...defaults\n    buildTimeoutInMinutes: 100");
    const notes = lint(spreadProperties);
    expectFinding(notes, "expression", where(spreadProperties, "{", "properties:"), "info");
    expect(notes).toHaveLength(1);
  });
  it("spreads in arrays and extension statements are read", () => {
    const patched = patchForGrammar("extension graph\nvar a = [\n  ...x\n]\nvar b = { ...y, c: '...' }\n");
    expect(patched.text).toBe("//tension graph\nvar a = [\n  !!!x\n]\nvar b = { _s:y, c: '...' }\n");
    const text = `extension microsoftGraphV1\n${LINUX.replace("      {\n        type: 'VHD'", "      ...more\n      {\n        type: 'VHD'")}`;
    const found = lint(text);
    expect(found.map((d) => d.ruleId)).toEqual([]);
  });
});

describe("syntax errors", () => {
  it("double quotes: located, in words", () => {
    const text = LINUX.replace("name: 'ubuntu'", 'name: "ubuntu"');
    const d = expectFinding(lint(text), "syntax", at(text, 4, '"ubuntu"'), "error");
    expect(d.message).toContain("single quotes");
  });
  it("an object that is not closed names the line it opened on", () => {
    const text = LINUX.trimEnd().slice(0, -1);
    const found = lint(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.ruleId).toBe("syntax");
    expect(found[0]!.message).toBe("Bicep syntax error: missing '}' to close the object opened at line 3");
    const inner = LINUX.replace("      {\n        type: 'VHD'", "      {\n        type: 'VHD'\n      {");
    expectFinding(lint(inner), "syntax", where(inner, "{", "type: 'VHD'"));
  });
  it("a string that is not closed", () => {
    const text = LINUX.replace("offer: '0001-com-ubuntu-server-jammy'", "offer: '0001-com-ubuntu-server-jammy");
    const found = lint(text);
    expect(found.map((d) => d.ruleId)).toEqual(["syntax"]);
    expect(found[0]!.range.start).toEqual(where(text, "'0001"));
  });
  it("an error outside the template is a warning, and the template is still checked", () => {
    const text = `${LINUX.replace("buildTimeoutInMinutes: 100", "buildTimeoutInMinutes: 1")}output x string = "y"\n`;
    const found = lint(text);
    expectFinding(found, "syntax", at(text, 38, '"y"'), "warning");
    expectFinding(found, "build-timeout", at(text, 13, "1"), "error");
  });
  it("a file with errors and no template: reported when named or when it names the resource type, skipped otherwise", () => {
    expect(lint("var x = {", "named.bicep").map((d) => d.ruleId)).toEqual(["syntax"]);
    expect(lintText({ file: "walked.bicep", text: "var x = {", explicit: false }).diagnostics).toEqual([]);
    expect(lintText({ file: "walked.bicep", text: "resource x 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = {", explicit: false }).diagnostics.map((d) => d.ruleId)).toEqual(["syntax"]);
  });
  it("garbage and deep nesting never crash", () => {
    for (const text of ["\u0000\u0001'''", "[".repeat(5000), `var x = ${"[".repeat(300)}${"]".repeat(300)}\n${LINUX}`, "resource", "'", "@", "}}}}", "param = ="]) {
      const result = lintBicep(text);
      for (const d of result.diagnostics) expect(d.range.start.line).toBeGreaterThanOrEqual(1);
    }
    const deep = `resource it 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = {\n  name: 'x'\n  tags: ${"{ a: ".repeat(300)}1${" }".repeat(300)}\n}\n`;
    expect(lint(deep).map((d) => d.ruleId)).toEqual(["syntax"]);
  });
});

describe("hostile Bicep (round 3)", () => {
  it("W1: a lone CR ends a line, as in Bicep: the template is found and its findings stand where the LF twin's do", () => {
    const lf = LINUX.replace("buildTimeoutInMinutes: 100", "buildTimeoutInMinutes: 1");
    const cr = lf.replace(/\n/g, "\r");
    expectFinding(lint(cr), "build-timeout", at(lf, 13, "1"), "error");
    expect(lint(cr).map((d) => [d.ruleId, d.range.start])).toEqual(lint(lf).map((d) => [d.ruleId, d.range.start]));
    // a // comment ends at a lone CR too
    expectFinding(lint(`// note\r${cr}`), "build-timeout", { line: 14, column: 28 }, "error");
  });
  it("W1: a .bicepparam with lone CRs gives its values", () => {
    const { values, source, fatal } = parseBicepParameters("using 'main.bicep'\rparam location = 'germanynorth'\r// c\rparam n = 2\r");
    expect(fatal).toBeUndefined();
    expect(toValue(values.get("location")!)).toBe("germanynorth");
    expect(source.position(values.get("location")!.start)).toEqual({ line: 2, column: 18 });
    expect(toValue(values.get("n")!)).toBe(2);
  });
  it("W2: a bracket a type declaration leaves open is an error where it opens, though the grammar's errors in types are not judged", () => {
    const text = `type t = {\n  a: string\n${LINUX}`;
    expect(lint(text).map((d) => [d.ruleId, d.severity, d.range.start, d.message])).toEqual([
      ["syntax", "error", { line: 1, column: 10 }, `Bicep syntax error: this "{" is never closed (missing '}')`],
    ]);
    // after the template: an error, and the template is still checked
    const after = `${LINUX.replace("buildTimeoutInMinutes: 100", "buildTimeoutInMinutes: 1")}type t = {\n  a: string\n`;
    expectFinding(lint(after), "syntax", { line: 38, column: 10 }, "error");
    expectFinding(lint(after), "build-timeout", at(after, 13, "1"), "error");
    // a bracket closed only after the template: the grammar reads the template as a child of the type (or var), without an error
    for (const head of ["type t = {", "var v = {", "param p {"]) {
      const wrapped = `${head}\n  a: string\n${LINUX.slice(LINUX.indexOf("resource"))}}\n`;
      expect(lint(wrapped).map((d) => [d.ruleId, d.severity, d.range.start, d.message])).toEqual([["syntax", "error", { line: 3, column: 1 }, 'Bicep syntax error: unexpected "resource"']]);
    }
    // newer type syntax the grammar misreads, with its brackets balanced: nothing
    for (const type of ["type f = (a: int) => string", "type u = resourceInput<'Microsoft.A/b@2024-01-01'>.properties"]) {
      expect(lint(`${type}\n${LINUX}`)).toEqual([]);
    }
  });
  it("W2: brackets are matched as Bicep's lexer reads them, past strings, interpolations and comments", () => {
    expect(unbalancedBracket("var a = '}' // {\n/* [ */ var b = '${c[0]}'\nvar d = '''\n{\n'''\n")).toBeUndefined();
    expect(unbalancedBracket("var a = [\n  1\n}\n")).toEqual({ start: 14, message: `"}" cannot close the array`, opener: 8 });
    expect(unbalancedBracket("var a = 1\n)\n")).toEqual({ start: 10, message: `unexpected ")"` });
    expect(unbalancedBracket("var a = 'x\nvar b = 2\n")).toEqual({ start: 8, message: "a string is not closed (missing ')" });
    // in an interpolation, a quote opens a string of its own
    expect(unbalancedBracket("var a = '${b'\n")).toEqual({ start: 12, message: "a string is not closed (missing ')" });
  });
  it("W3: a parameter given twice in a .bicepparam is an error, as in Bicep, at the second", () => {
    const text = "using 'main.bicep'\nparam location = 'germanynorth'\nparam location = 'westeurope'\n";
    const { fatal, source } = parseBicepParameters(text);
    expect(fatal?.message).toBe("'location' is declared twice (first at line 2); Bicep rejects the file");
    expect(source.position(fatal!.start)).toEqual({ line: 3, column: 7 });
    expect(parseBicepParameters("using 'main.bicep'\nvar x = 1\nparam x = 2\n").fatal?.message).toMatch(/^'x' is declared twice/);
    expect(parseBicepParameters("using 'main.bicep'\nparam loc = 'a'\nparam LOC = 'b'\n").fatal?.message).toBe("'LOC' and 'loc' name the same parameter (first at line 2); Bicep rejects the file");
    // a variable and a parameter that differ in case are two names
    expect(parseBicepParameters("using 'main.bicep'\nvar loc = 'a'\nparam LOC = loc\n").fatal).toBeUndefined();
  });
  it("C2: a chain of variables in a .bicepparam is followed 200 deep, then ends in a located error (no stack overflow)", () => {
    const chain = (n: number) => `using 'main.bicep'\n${Array.from({ length: n }, (_, i) => `var v${i} = v${i + 1}\n`).join("")}var v${n} = 'germanynorth'\nparam location = v0\n`;
    expect(toValue(parseBicepParameters(chain(150)).values.get("location")!)).toBe("germanynorth");
    const { fatal, source } = parseBicepParameters(chain(2000));
    expect(fatal?.message).toBe("variables refer to variables more than 200 deep; aib-lint does not follow them");
    expect(source.position(fatal!.start)).toEqual({ line: 201, column: 12 });
  });
  it("C1: a Bicep file over the size cap is one located finding, and the parser never sees it", () => {
    const text = `// ${"x".repeat(MAX_BICEP_CHARS)}\n${LINUX}`;
    const found = lint(text);
    expect(found.map((d) => [d.ruleId, d.severity, d.range.start])).toEqual([["syntax", "error", { line: 1, column: 1 }]]);
    expect(found[0]!.message).toBe(`Bicep file too large: ${text.length.toLocaleString("en-US")} characters; aib-lint parses Bicep files of up to 1,048,576 (an image template is far smaller)`);
    expect(parseBicepParameters(`using 'main.bicep'\n// ${"x".repeat(MAX_BICEP_CHARS)}`).fatal?.message).toMatch(/^Bicep file too large/);
  });
  it("H2: a parse that runs out of its time budget ends in the first unmatched bracket, or where it stopped", () => {
    // a budget of 0 stops the parse at its first check
    expect("stoppedAt" in parseBicepTree(LINUX, 0)).toBe(true);
    expect("rootNode" in parseBicepTree(LINUX)).toBe(true);
    const garbage = `${LINUX}var x = 1\n${"}".repeat(3000)}\n`;
    const fatal = parseBicep(garbage, 0).documents[0]!.fatal!;
    expect(fatal).toMatchObject({ ruleId: "syntax", start: garbage.indexOf("}}}") });
    expect(fatal.message).toBe(`Bicep syntax error: unexpected "}" (with so many errors after it that the parser gave up on the file)`);
    // with its budget, the same file is read to its end: the stray braces after the template are an error, the template is checked
    const withBudget = lint(garbage.replace("buildTimeoutInMinutes: 100", "buildTimeoutInMinutes: 1"));
    expectFinding(withBudget, "syntax", { line: 39, column: 1 }, "error");
    expectFinding(withBudget, "build-timeout", { line: 13, column: 28 }, "error");
    const params = parseBicepParameters(`using 'main.bicep'\nparam a = 1\n${"]".repeat(3000)}\n`, 0);
    expect(params.source.position(params.fatal!.start)).toEqual({ line: 3, column: 1 });
    // no bracket to blame: where the parser stopped
    const words = parseBicep(`${LINUX}${"x ".repeat(3000)}`, 0).documents[0]!.fatal!;
    expect(words.message).toBe("Bicep syntax errors: so many that the parser gave up on the file here");
    expect(words.start).toBeLessThan(LINUX.length);
  });
  it("C1: a parse that breaks the WebAssembly parser (out of memory) fails that file alone: the parser is loaded again", async () => {
    const dense = `var x = [${"1 ".repeat(150_000)}]\n${LINUX}`;
    const dir = tempDir({ "a-dense.bicep": dense, "b.bicep": LINUX.replace("buildTimeoutInMinutes: 100", "buildTimeoutInMinutes: 1") });
    try {
      setBicepMemoryLimit(48 * 1024 * 1024);
      await prepareBicep();
      expect(() => parseBicep(dense)).toThrow(/^the Bicep parser broke on this file \(.*Aborted.*\); it is loaded again for the next one$/);
      expect(bicepParserBroken()).toBe(true);
      await prepareBicep();
      expect(lint(LINUX)).toEqual([]);
      // the command line's loop: the dense file is an internal error, the next one is linted
      const settings = { cwd: dir, config: defaultConfig(dir), reportUnusedDisables: false, maxFileSize: DEFAULT_MAX_FILE_SIZE, keepSource: false };
      const run = await lintFiles([{ path: "a-dense.bicep", explicit: true }, { path: "b.bicep", explicit: true }], settings);
      expect(run.outcomes.map((o) => o.result.diagnostics.map((d) => d.ruleId))).toEqual([["internal-error"], ["build-timeout"]]);
    } finally {
      setBicepMemoryLimit();
      await prepareBicep();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("files without a template", () => {
  it("get the usual warning when named, nothing when walked", async () => {
    expect(lint("param x string\nvar y = 1\n").map((d) => d.ruleId)).toEqual(["no-template"]);
    const dir = tempDir({ "infra/network.bicep": "param x string\nresource v 'Microsoft.Network/virtualNetworks@2023-01-01' = {\n  name: x\n}\n", "infra/image.bicep": fixture("bicep/broken.bicep") });
    try {
      const run = await cli(["--format", "json", "."], { cwd: dir });
      const report = JSON.parse(run.stdout) as { files: { file: string; diagnostics: unknown[] }[] };
      expect(report.files.map((f) => f.file.replace(/\\/g, "/"))).toEqual(["infra/image.bicep", "infra/network.bicep"]);
      expect(report.files[1]!.diagnostics).toEqual([]);
      expect(run.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("suppressions in Bicep comments", () => {
  const windows = LINUX.replace("'Canonical'", "'MicrosoftWindowsServer'").replace("'0001-com-ubuntu-server-jammy'", "'WindowsServer'").replace("'22_04-lts-gen2'", "'2022-datacenter-azure-edition'");
  it("disable-next-line with a reason", () => {
    const text = replaceOnce(windows, "        type: 'Shell'", "        // aib-lint-disable-next-line step-os -- converted by a later step\n        type: 'Shell'");
    expect(lint(text)).toEqual([]);
  });
  it("block comments open and close a range", () => {
    const text = replaceOnce(windows, "    customize: [", "    /* aib-lint-disable step-os */\n    customize: [").replace("    distribute: [", "    /* aib-lint-enable step-os */\n    distribute: [");
    expect(lint(text)).toEqual([]);
    expect(lint(windows).map((d) => d.ruleId)).toEqual(["step-os"]);
  });
  it("text that looks like a suppression inside a string is no comment", () => {
    const text = replaceOnce(windows, "          'sudo apt-get clean'", "          'echo // aib-lint-disable-next-line step-os'").replace("        type: 'Shell'", "        type: 'Shell' /* aib-lint-disable-line step-os */");
    expect(lint(text)).toEqual([]);
    const inString = replaceOnce(windows, "        name: 'tidy'", "        name: '/* aib-lint-disable step-os */'");
    expect(lint(inString).map((d) => d.ruleId)).toEqual(["step-os"]);
  });
  it("a suppression that suppresses nothing is reported", () => {
    const text = replaceOnce(LINUX, "    customize: [", "    // aib-lint-disable-next-line step-os\n    customize: [");
    expectFinding(lint(text), "unused-disable", at(text, 21, "// aib-lint"), "warning");
  });
});

describe(".bicepparam files", () => {
  const params = `using 'main.bicep'

var suffix = 'images'
param location = 'northeurope'
param rg = suffix
param count = 3
param tags = {
  team: 'platform'
}
param fromEnv = readEnvironmentVariable('REGION', 'westus')
`;
  it("give parameter values located in the .bicepparam text, its own variables inlined", () => {
    const { values, source, fatal } = parseBicepParameters(params);
    expect(fatal).toBeUndefined();
    expect([...values.keys()]).toEqual(["location", "rg", "count", "tags", "fromenv"]);
    expect(toValue(values.get("location")!)).toBe("northeurope");
    expect(source.position(values.get("location")!.start)).toEqual(at(params, 4, "'northeurope'"));
    expect(toValue(values.get("rg")!)).toBe("images");
    expect(toValue(values.get("count")!)).toBe(3);
    expect(toValue(values.get("tags")!)).toEqual({ team: "platform" });
    expect(toValue(values.get("fromenv")!)).toMatch(/^\[bicep: readEnvironmentVariable/);
  });
  it("are accepted by --parameters, like an ARM parameters file", async () => {
    const arm = JSON.stringify({
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: { apiVersion: { type: "string" } },
      resources: [{ type: "Microsoft.VirtualMachineImages/imageTemplates", apiVersion: "[parameters('apiVersion')]", name: "x", location: "westeurope" }],
    }, null, 2);
    const dir = tempDir({ "t.bicep": LINUX, "main.json": arm, "main.bicepparam": "using 'main.json'\nparam apiVersion = '2019-05-01-preview'\nparam location = 'westeurop'\n", "broken.bicepparam": "using 'main.json'\nparam apiVersion = 'x\n" });
    try {
      const run = await cli(["--parameters", "main.bicepparam", "--format", "json", "main.json"], { cwd: dir });
      expect(run.stdout).toContain("2019-05-01-preview");
      const bicep = await cli(["--parameters", "main.bicepparam", "--format", "sarif", "t.bicep"], { cwd: dir });
      type Place = { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } };
      const sarif = JSON.parse(bicep.stdout) as { runs: { results: { ruleId: string; locations: Place[]; relatedLocations?: Place[] }[] }[] };
      // the finding stands in the .bicepparam file, the use in t.bicep is related
      const location = sarif.runs[0]!.results.find((r) => r.ruleId === "location")!;
      expect(location.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/main\.bicepparam$/);
      expect(location.locations[0]!.physicalLocation.region.startLine).toBe(3);
      expect(location.relatedLocations![0]!.physicalLocation.artifactLocation.uri).toMatch(/t\.bicep$/);
      expect(loadParameters(join(dir, "main.bicepparam")).get("apiversion")).toMatchObject({ value: "2019-05-01-preview" });
      const broken = await cli(["--parameters", "broken.bicepparam", "main.json"], { cwd: dir });
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(/broken\.bicepparam: at line 2: Bicep syntax error/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the command line", () => {
  it("reads Bicep from standard input with --stdin-filename x.bicep", async () => {
    const run = await cli(["-", "--stdin-filename", "x.bicep"], { stdin: fixture("bicep/broken.bicep") });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("x.bicep");
    expect(run.stdout).toContain("4:13");
  });
  it("--fix edits the Bicep text", async () => {
    const dir = tempDir({ "b.bicep": fixture("bicep/broken.bicep") });
    try {
      await cli(["--fix", "b.bicep"], { cwd: dir });
      const fixed = readFileSync(join(dir, "b.bicep"), "utf8");
      expect(fixed).toBe(fixture("bicep/broken.bicep").replace("type: 'managedImage'", "type: 'ManagedImage'"));
      expect(byRule(lint(fixed), "unknown-type")).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("SARIF carries Bicep lines", async () => {
    const dir = tempDir({ "vhd.bicep": LINUX.replace("buildTimeoutInMinutes: 100", "buildTimeoutInMinutes: 2") });
    try {
      const run = await cli(["--format", "sarif", "vhd.bicep"], { cwd: dir });
      const sarif = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
      expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.region.startLine])).toEqual([["build-timeout", 13]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
