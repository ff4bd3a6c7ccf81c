import { beforeAll, describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { lintText } from "../src/lint/index.js";
import { codeActions } from "../src/lsp/actions.js";
import { toLspDiagnostic } from "../src/lsp/convert.js";
import { toValue } from "../src/parse/ast.js";
import { parseTerraform } from "../src/parse/terraform.js";
import { armExpression } from "../src/parse/terraform-expression.js";
import { allowedRange } from "../src/parse/terraform-providers.js";
import { unmatchedBracket } from "../src/parse/terraform-text.js";
import { parseTerraformTree, prepareTerraform } from "../src/parse/terraform-loader.js";
import { join } from "node:path";
import { moduleValues, readTerraformModule } from "../src/read/terraform-module.js";
import { cli, tempDir } from "./cli-harness.js";
import { at, byRule, errors, expectFinding, IDENTITY_ID as IDENTITY, replaceOnce, TERRAFORM as LINUX } from "./helpers.js";

beforeAll(prepareTerraform);

const lint = (text: string, file = "main.tf") => lintText({ file, text, explicit: true }).diagnostics;

/** The body's `properties` as JSON inside a heredoc, indented as written in a module. */
const HEREDOC = `${LINUX.slice(0, LINUX.indexOf("  body = {"))}  body = <<-EOT
    {
      "properties": {
        "buildTimeoutInMinutes": 100,
        "source": {"type": "PlatformImage", "publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen2", "version": "latest"},
        "distribute": [{"type": "VHD", "runOutputName": "\${local.run_output}"}]
      }
    }
  EOT
}
`;

/** The position of `token` on the first line that holds it. */
function where(text: string, token: string): { line: number; column: number } {
  const index = text.indexOf(token);
  if (index < 0) throw new Error(`test bug: no "${token}"`);
  return at(text, text.slice(0, index).split("\n").length, token);
}

describe("Terraform: azapi image templates", () => {
  it("a valid template passes, its values read from the variable default and the local", () => {
    expect(lint(LINUX)).toEqual([]);
  });

  it("finds each azapi_resource of the image template type, and nothing else", () => {
    const text = `resource "azapi_resource" "gallery" {\n  type = "Microsoft.Compute/galleries@2022-03-03"\n}\n${LINUX}resource "azurerm_resource_group" "rg" {\n  name = "x"\n}\n`;
    const result = lintText({ file: "main.tf", text, explicit: true });
    expect(result.templates.map((t) => t.path)).toEqual(["$.resources['azapi_resource.ubuntu']"]);
    expect(result.diagnostics).toEqual([]);
  });

  it("reports a value at its place in the HCL body", () => {
    const text = replaceOnce(LINUX, "buildTimeoutInMinutes = 100", "buildTimeoutInMinutes = 1000");
    expectFinding(lint(text), "build-timeout", where(text, "1000"), "error");
  });

  it("reads the API version from the type string, where version findings stand", () => {
    const text = replaceOnce(LINUX, "imageTemplates@2024-02-01", "imageTemplates@2024-13-01");
    expectFinding(lint(text), "api-version", where(text, "2024-13-01"), "error");
  });

  it("a value from a variable default is reported where it is written, the use related", () => {
    const text = replaceOnce(LINUX, 'default = "westeurope"', 'default = "westeurop"');
    const found = expectFinding(lint(text), "location", where(text, '"westeurop"'), "error");
    expect(found.message).toContain(`variable 'location', default, used at line ${where(text, "var.location").line}`);
    expect(found.related?.[0]?.range.start).toEqual(where(text, "var.location"));
  });

  it("a local's value is checked too", () => {
    const text = replaceOnce(LINUX, 'run_output = "ubuntu-vhd"', 'run_output = "ubuntu vhd"');
    const found = expectFinding(lint(text), "run-output-name", where(text, '"ubuntu vhd"'), "error");
    expect(found.related?.[0]?.range.start).toEqual(where(text, "local.run_output"));
    expect(found.message).toContain("local 'run_output'");
  });

  it("jsonencode({…}) is read as the object it encodes", () => {
    const text = replaceOnce(replaceOnce(LINUX, "  body = {\n", "  body = jsonencode({\n"), "    }\n  }\n}\n", "    }\n  })\n}\n").replace('"VHD"', '"VHDX"');
    expectFinding(lint(text), "unknown-type", where(text, '"VHDX"'), "error");
  });

  it("JSON in a heredoc keeps its own positions; an interpolated string is unknown, not judged", () => {
    expect(lint(HEREDOC)).toEqual([]);
    const broken = replaceOnce(HEREDOC, '"buildTimeoutInMinutes": 100', '"buildTimeoutInMinutes": 1000');
    expectFinding(lint(broken), "build-timeout", where(broken, "1000"), "error");
    const interpolated = replaceOnce(HEREDOC, "${local.run_output}", "bad name ${local.run_output}");
    expect(byRule(lint(interpolated), "run-output-name")).toEqual([]);
  });

  it("jsondecode(<<EOT …) is the object the JSON writes, its values at their places in the heredoc", () => {
    const decoded = HEREDOC.replace("  body = <<-EOT", "  body = jsondecode(<<-EOT").replace(/\n {2}EOT\n\}\n$/, "\n  EOT\n  )\n}\n");
    expect(decoded).toContain("jsondecode(<<-EOT");
    expect(lint(decoded)).toEqual([]);
    const broken = replaceOnce(decoded, '"buildTimeoutInMinutes": 100', '"buildTimeoutInMinutes": 1000');
    expectFinding(lint(broken), "build-timeout", where(broken, "1000"), "error");
  });

  it("JSON in a heredoc that does not parse is a located syntax error", () => {
    const text = replaceOnce(HEREDOC, '"buildTimeoutInMinutes": 100,', '"buildTimeoutInMinutes": 100,,');
    const found = byRule(lint(text), "syntax");
    expect(found).toHaveLength(1);
    expect(found[0]!.range.start.line).toBe(where(text, ",,").line);
  });

  it("the identity block is the template's identity", () => {
    const none = LINUX.replace(/ {2}identity \{[\s\S]*?\n {2}\}\n/, "");
    expectFinding(lint(none), "identity", where(none, '"Microsoft.VirtualMachineImages'), "error");
    const two = replaceOnce(LINUX, `identity_ids = ["${IDENTITY}"]`, `identity_ids = ["${IDENTITY}", "${IDENTITY}2"]`);
    expect(errors(lint(two)).map((d) => d.ruleId)).toContain("identity");
  });

  it("a dynamic identity block is an identity not known before plan: never reported missing", () => {
    const text = LINUX.replace(/ {2}identity \{[\s\S]*?\n {2}\}\n/, '  dynamic "identity" {\n    for_each = var.identity != null ? [var.identity] : []\n    content {\n      type         = identity.value.type\n      identity_ids = identity.value.ids\n    }\n  }\n');
    expect(text).toContain('dynamic "identity"');
    expect(lint(text)).toEqual([]);
  });

  it("a body computed as a whole (body = local.body) is checked through the value it has", () => {
    const start = LINUX.indexOf("  body = {");
    const end = LINUX.lastIndexOf("}");
    const bodyText = LINUX.slice(start + "  body = ".length, end).replace(/\n {2}/g, "\n");
    const text = `${LINUX.slice(0, start).replace("locals {\n", `locals {\n  body = ${bodyText.replace("buildTimeoutInMinutes = 100", "buildTimeoutInMinutes = 1000")}`)}  body = local.body\n}\n`;
    const found = lint(text);
    expect(found.map((d) => d.ruleId)).toEqual(["build-timeout"]);
    expect(found[0]!.range.start).toEqual(where(text, "1000"));
    // a body from an input the module does not know: nothing claimed missing
    expect(lint(text.replace("body = local.body", "body = var.body"))).toEqual([expect.objectContaining({ ruleId: "expression", severity: "info" })]);
  });

  it("a Terraform syntax error is one located error", () => {
    const text = replaceOnce(LINUX, 'name      = "ubuntu"', 'name      = "ubuntu"\n  oops = = 1');
    const found = lint(text);
    expect(found.map((d) => d.ruleId)).toEqual(["syntax"]);
    expect(found[0]!.message).toMatch(/^Terraform syntax error/);
    expect(found[0]!.range.start.line).toBe(where(text, "oops").line);
  });

  it("a truncated file's syntax error is the bracket left open, where it opens", () => {
    const text = LINUX.slice(0, LINUX.indexOf("  body = {"));
    const found = lint(text);
    const opener = where(text, 'resource "azapi_resource" "ubuntu" {');
    const column = opener.column + 'resource "azapi_resource" "ubuntu" '.length;
    expect(found.map((d) => [d.ruleId, d.range.start, d.message])).toEqual([["syntax", { line: opener.line, column }, "Terraform syntax error: this '{' is never closed (missing '}')"]]);
  });

  it.each([
    ['x = "a${var.b}c"\ny = { a = 1 }\n', undefined],
    ['x = <<EOT\n{ not closed\nEOT\ny = 1\n', undefined],
    ["# { in a comment\n/* [ */ x = [1]\n", undefined],
    ['x = "$${literal"\n', undefined],
    ["x = [1, 2\n", "this '[' is never closed (missing ']')"],
    ["x = 1 }\n", "unexpected '}': nothing is open here"],
    ['x = "open\n', 'a string is not closed (missing ")'],
  ])("brackets of %j", (text, message) => {
    expect(unmatchedBracket(text)?.message).toBe(message);
  });

  it("a file with no image template is said so when named", () => {
    expect(lint(`resource "azurerm_resource_group" "rg" {\n  name = "x"\n}\n`).map((d) => d.ruleId)).toEqual(["no-template"]);
  });

  it("a suppression comment silences the next line", () => {
    const text = replaceOnce(LINUX, "      buildTimeoutInMinutes = 100", "      # aib-lint-disable-next-line build-timeout\n      buildTimeoutInMinutes = 1000");
    expect(lint(text)).toEqual([]);
  });

  it("a finding inside JSON in a heredoc: a suppression before the body's line covers the heredoc", () => {
    const broken = replaceOnce(HEREDOC, '"buildTimeoutInMinutes": 100', '"buildTimeoutInMinutes": 1000');
    const suppressed = replaceOnce(broken, "  body = <<-EOT", "  # aib-lint-disable-next-line build-timeout\n  body = <<-EOT");
    expect(lint(suppressed)).toEqual([]);
  });

  it("'Disable for this line' on a finding inside a heredoc puts the comment before the body's line", () => {
    const broken = replaceOnce(HEREDOC, '"buildTimeoutInMinutes": 100', '"buildTimeoutInMinutes": 1000');
    const uri = "file:///work/main.tf";
    const finding = lint(broken).find((d) => d.ruleId === "build-timeout")!;
    const document = TextDocument.create(uri, "terraform", 1, broken);
    const action = codeActions(document, "/work/main.tf", [{ diagnostic: finding, lsp: toLspDiagnostic(finding, uri, 0, undefined) }]).find((a) => a.title === "Disable build-timeout for this line")!;
    const [edit] = action.edit!.changes![uri]!;
    const bodyLine = where(broken, "body = <<-EOT").line;
    expect(edit!.range.start).toEqual({ line: bodyLine - 1, character: 0 });
    expect(edit!.newText).toBe("  # aib-lint-disable-next-line build-timeout\n");
  });

  it("computed values stay unknown: for expressions, splats, resource attributes", () => {
    const text = replaceOnce(LINUX, "runOutputName = local.run_output", "runOutputName = [for s in var.x : s][0]")
      .replace('location  = var.location', "location  = azurerm_resource_group.rg.location");
    expect(lint(text)).toEqual([]);
  });
});

/** A module built the way Azure's verified image-template module builds its body (written here, not copied). */
const MERGED = `variable "location" {
  type    = string
  default = "westeurope"
}

variable "staging_resource_group_id" {
  type    = string
  default = null
}

variable "build_timeout" {
  type    = number
  default = null
}

variable "steps" {
  type = list(object({ name = string, script = string, enabled = bool }))
  default = [
    { name = "tidy", script = "sudo apt-get clean", enabled = true },
    { name = "off", script = "true", enabled = false },
  ]
}

locals {
  body = {
    properties = merge(
      {
        source = {
          publisher = "Canonical"
          type      = "PlatformImage"
          offer     = "ubuntu-24_04-lts"
          sku       = "server"
          version   = "latest"
        }
        customize = [for s in var.steps : { type = "Shell", name = s.name, inline = [s.script] } if s.enabled]
        distribute = [{ type = "VHD", runOutputName = "vhd" }]
      },
      var.staging_resource_group_id == null ? {} : { stagingResourceGroupId = var.staging_resource_group_id },
      var.build_timeout == null ? {} : { buildTimeoutInMinutes = var.build_timeout }
    )
  }
}

resource "azapi_resource" "this" {
  type      = "Microsoft.VirtualMachineImages/imageTemplates@2024-02-01"
  name      = "img"
  parent_id = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/img"
  location  = var.location
  body      = local.body

  dynamic "identity" {
    for_each = var.identity == null ? [] : [var.identity]
    content {
      type         = identity.value.type
      identity_ids = identity.value.ids
    }
  }
}
`;

describe("Terraform: bodies built with merge, for expressions and functions", () => {
  it("a property no API version has, added by a branch of a condition inside merge, is found at its key", () => {
    const found = lint(MERGED);
    expect(errors(found).map((d) => [d.ruleId, d.range.start])).toEqual([["unknown-property", where(MERGED, "stagingResourceGroupId")]]);
  });

  it("the same body without that branch is clean (the other branch and the sure members are checked too)", () => {
    const text = MERGED.replace(/ {6}var\.staging_resource_group_id == null[^\n]*\n/, "");
    expect(errors(lint(text))).toEqual([]);
    const slow = replaceOnce(text, "var.build_timeout == null ? {} : { buildTimeoutInMinutes = var.build_timeout }", "var.build_timeout == null ? {} : { buildTimeoutInMinutes = 5000 }");
    expectFinding(lint(slow), "build-timeout", where(slow, "5000"), "error");
  });

  it("a for expression's items are checked; items its condition leaves out are not", () => {
    const text = replaceOnce(MERGED, 'type = "Shell", name', 'type = "Shel", name');
    const found = byRule(lint(text), "unknown-type");
    expect(found.map((d) => d.range.start)).toEqual([where(text, "[for s in var.steps")]);
    const disabledOnly = replaceOnce(text, "enabled = true }", "enabled = false }");
    expect(byRule(lint(disabledOnly), "unknown-type")).toEqual([]);
  });

  it("coalesce skips null and empty strings; lookup takes the default when the key is missing", () => {
    const text = replaceOnce(LINUX, "location  = var.location", 'location  = coalesce(var.none, "", lookup({ a = "x" }, "b", "westeurop"))').replace('variable "location"', 'variable "none" {\n  default = null\n}\n\nvariable "location"');
    // a literal inside a call is no value of its own: the finding stands at the expression
    expectFinding(lint(text), "location", where(text, "coalesce("), "error");
  });

  it("try(var.x.y, d) is the attribute when it is there, else d", () => {
    const base = replaceOnce(LINUX, "location  = var.location", 'location  = try(var.settings.location, "westeurope")').replace('variable "location"', 'variable "settings" {\n  default = { location = "westeurop" }\n}\n\nvariable "location"');
    expectFinding(lint(base), "location", where(base, '"westeurop" }'), "error");
    expect(lint(base.replace('default = { location = "westeurop" }', "default = {}"))).toEqual([]);
  });

  it("a splat reads each item's attribute", () => {
    const text = replaceOnce(LINUX, "inline = [\"sudo apt-get clean\"]", "inline = local.cmds[*].run").replace('run_output = "ubuntu-vhd"', 'run_output = "ubuntu-vhd"\n  cmds = [{ run = "a" }, { run = 1 }]');
    const found = errors(lint(text));
    expect(found.map((d) => [d.ruleId, d.range.start])).toEqual([["value-type", where(text, "1 }")]]);
  });
});

describe("Terraform expressions as ARM expressions", () => {
  const translate = (expression: string): string | undefined => {
    const tree = parseTerraformTree(`x = ${expression}\n`);
    if ("stoppedAt" in tree) throw new Error("test bug: the parse gave up");
    try {
      const attribute = tree.rootNode.namedChildren[0]!.namedChildren[0]!;
      return armExpression(`x = ${expression}\n`, attribute.namedChildren[1]!);
    } finally {
      tree.delete();
    }
  };
  it.each([
    ["var.location", "parameters('location')"],
    ["local.name", "variables('name')"],
    ["var.images[0].name", "parameters('images')[0].name"],
    ['"img-${var.release}"', "concat('img-', string(parameters('release')))"],
    ['"${var.release}"', "parameters('release')"],
    ['var.windows ? 1200 : 120', "if(parameters('windows'), 1200, 120)"],
    ['var.a == "x" && !var.b', "and(equals(parameters('a'), 'x'), not(parameters('b')))"],
    ['lower(var.name)', "toLower(parameters('name'))"],
    ['join("-", [var.a, "b"])', "join(createArray(parameters('a'), 'b'), '-')"],
    ['format("%s-%d", var.a, 2)', "concat(string(parameters('a')), '-', string(2))"],
    ['{ a = 1, "b" = true }', "createObject('a', 1, 'b', true())"],
    ['"it\'s"', "'it''s'"],
    ["merge(var.a, var.b)", "shallowMerge(createArray(parameters('a'), parameters('b')))"],
    ["try(var.a.b, null)", "if(contains(parameters('a'), 'b'), parameters('a').b, null())"],
    ['try(local.a.b[0].c, "d")', "if(and(contains(variables('a'), 'b'), less(0, length(variables('a').b)), contains(variables('a').b[0], 'c')), variables('a').b[0].c, 'd')"],
    ["try(var.a, 1)", "parameters('a')"],
    ['lookup(var.m, "k", "d")', "if(contains(parameters('m'), 'k'), parameters('m')['k'], 'd')"],
    ['lookup(var.m, "k")', "parameters('m')['k']"],
    ['coalesce(var.a, "d")', "if(or(equals(parameters('a'), null()), equals(parameters('a'), '')), 'd', parameters('a'))"],
    ['jsondecode("[1]")', "json('[1]')"],
    ["keys(var.m)", "map(items(parameters('m')), lambda('*', lambdaVariables('*').key))"],
    ["values(var.m)", "map(items(parameters('m')), lambda('*', lambdaVariables('*').value))"],
    ["distinct(var.l)", "union(parameters('l'), createArray())"],
    ["element(var.l, 3)", "parameters('l')[mod(3, length(parameters('l')))]"],
    ['startswith(var.s, "ab")', "equals(take(parameters('s'), length('ab')), 'ab')"],
    ['endswith(var.s, "ab")', "equals(skip(parameters('s'), sub(length(parameters('s')), length('ab'))), 'ab')"],
    ["[for s in var.x : s.name]", "map(parameters('x'), lambda('s', lambdaVariables('s').name))"],
    ["[for s in var.x : upper(s) if s != \"\"]", "map(filter(parameters('x'), lambda('s', not(equals(lambdaVariables('s'), '')))), lambda('s', toUpper(lambdaVariables('s'))))"],
    ["[for i, s in var.x : i]", "map(parameters('x'), lambda('s', 'i', lambdaVariables('i')))"],
    ["{ for s in var.x : s.name => s.size }", "toObject(parameters('x'), lambda('s', lambdaVariables('s').name), lambda('s', lambdaVariables('s').size))"],
    ["[for s in var.x : [for t in s.y : t]]", "map(parameters('x'), lambda('s', map(lambdaVariables('s').y, lambda('t', lambdaVariables('t')))))"],
    ["[for s in var.x : { n = s }]", "map(parameters('x'), lambda('s', createObject('n', lambdaVariables('s'))))"],
    ["var.x[*].id", "map(parameters('x'), lambda('*', lambdaVariables('*').id))"],
    ["var.x.*.id", "map(parameters('x'), lambda('*', lambdaVariables('*').id))"],
    ["var.x[*].a[0]", "map(parameters('x'), lambda('*', lambdaVariables('*').a[0]))"],
    ['file("${path.module}/scripts/a.sh")', "variables('file:scripts/a.sh')"],
    ['file("./a.sh")', "variables('file:a.sh')"],
    ['templatefile("${path.module}/a.tpl", { x = 1 })', "variables('templatefile:a.tpl')"],
  ])("%s is %s", (hcl, arm) => {
    expect(translate(hcl)).toBe(arm);
  });
  it.each([
    ["azurerm_resource_group.rg.location"],
    ['replace(var.a, "/b+/", "c")'],
    ["var.a / 2"],
    ['format("%5s", var.a)'],
    ['"%{ if var.a }x%{ endif }"'],
    ["try(var.a.b + 1, null)"],
    ["try(var.a[var.i], null)"],
    ["try(azurerm_resource_group.rg.location, null)"],
    ["jsonencode(var.a)"],
    ["tonumber(var.a)"],
    ["{ for k, v in var.m : k => v }"],
    ["{ for s in var.x : s.k => s... }"],
    ["[for i, s in var.x : s if i > 0]"],
    ["[for s in var.x : s.id][0] + each.value"],
    ['file("/etc/passwd.${var.a}")'],
    ["file(var.path)"],
  ])("%s has no ARM counterpart", (hcl) => {
    expect(translate(hcl)).toBeUndefined();
  });
  it("nested functions that repeat their arguments stay within a size bound (no exponential text)", () => {
    const nested = (n: number) => `${"lookup(".repeat(n)}{}${', "k", 1)'.repeat(n)}`;
    expect(translate(nested(3))).toContain("contains(");
    expect(translate(nested(30))).toBeUndefined();
  });
});

describe("Terraform parsing", () => {
  it("lowers variables to parameters with ARM types, sensitive ones secure", () => {
    const parsed = parseTerraform(`variable "a" {\n  type = list(string)\n  default = ["x"]\n}\nvariable "s" {\n  type = string\n  sensitive = true\n}\nvariable "n" {\n  default = null\n}\n`);
    expect(toValue(parsed.documents[0]!.root!)).toMatchObject({ parameters: { a: { type: "array", defaultValue: ["x"] }, s: { type: "secureString" }, n: {} } });
  });
  it("decodes HCL string escapes", () => {
    const parsed = parseTerraform(`locals {\n  a = "q\\"x\\n$\${y}\\u00e9"\n}\n`);
    expect(toValue(parsed.documents[0]!.root!)).toMatchObject({ variables: { a: 'q"x\n${y}é' } });
  });
  it("a heredoc is its text, indentation removed for <<-", () => {
    const parsed = parseTerraform(`locals {\n  a = <<-EOT\n    one\n      two\n    EOT\n}\n`);
    expect(toValue(parsed.documents[0]!.root!)).toMatchObject({ variables: { a: "one\n  two\n" } });
  });
});

describe("azapi_update_resource", () => {
  it("azapi_update_resource: what its body leaves out at the top is the existing template's", () => {
    const update = `resource "azapi_update_resource" "tags" {\n  type = "Microsoft.VirtualMachineImages/imageTemplates@2024-02-01"\n  resource_id = var.id\n  body = {\n    properties = {\n      buildTimeoutInMinutes = 90\n    }\n  }\n}\n`;
    expect(lint(update)).toEqual([]);
    const wrong = update.replace("90", "1000");
    expectFinding(lint(wrong), "build-timeout", where(wrong, "1000"), "error");
  });
});

describe("Terraform modules: variables files and the azapi version", () => {
  const files = (json: Array<{ file: string; diagnostics: Array<{ file: string; ruleId: string; range: { start: { line: number; column: number } }; message: string; related?: Array<{ file?: string }> }> }>, name: string) =>
    json.find((f) => f.file.endsWith(name))?.diagnostics ?? [];
  const run = async (dir: string, ...args: string[]) => {
    const { code, stdout } = await cli(["-f", "json", ...args], { cwd: dir });
    return { code, files: JSON.parse(stdout).files };
  };

  it("terraform.tfvars and *.auto.tfvars give variables their values, the later file winning", async () => {
    const dir = tempDir({ "main.tf": LINUX, "terraform.tfvars": 'location = "westeurop"\n', "b.auto.tfvars": 'location = "northeurop"\n' });
    const { code, files: out } = await run(dir, "main.tf");
    expect(code).toBe(1);
    const found = files(out, "main.tf");
    expect(found.map((d) => d.ruleId)).toEqual(["location"]);
    expect(found[0]!.message).toContain("northeurop");
    expect(found[0]!.message).toContain("variable 'location' from b.auto.tfvars");
    expect([found[0]!.file, found[0]!.range.start]).toEqual(["b.auto.tfvars", { line: 1, column: 12 }]);
  });

  it("--parameters FILE.tfvars wins over the folder's variables files", async () => {
    const dir = tempDir({ "main.tf": LINUX, "terraform.tfvars": 'location = "westeurop"\n', "prod.tfvars": 'location = "swedencentral"\n' });
    expect((await run(dir, "--parameters", "prod.tfvars", "main.tf")).code).toBe(0);
    expect((await run(dir, "main.tf")).code).toBe(1);
  });

  it("--parameters FILE.tfvars.json is a name to value map", async () => {
    const dir = tempDir({ "main.tf": LINUX, "x.tfvars.json": '{"location": "westeurop"}' });
    const { files: out } = await run(dir, "--parameters", "x.tfvars.json", "main.tf");
    expect(files(out, "main.tf").map((d) => d.ruleId)).toEqual(["location"]);
  });

  it("variables and locals declared in the module's other files give their values, located in those files", async () => {
    const main = LINUX.replace(/variable "location" \{[\s\S]*?\n\}\n\nlocals \{[\s\S]*?\n\}\n\n/, "");
    const dir = tempDir({ "main.tf": main, "variables.tf": 'variable "location" {\n  type    = string\n  default = "westeurop"\n}\n', "locals.tf": 'locals {\n  run_output = "ubuntu vhd"\n}\n' });
    const { code, files: out } = await run(dir, "main.tf");
    expect(code).toBe(1);
    const found = files(out, "main.tf");
    expect(found.map((d) => [d.ruleId, d.file, d.range.start]).sort()).toEqual([
      ["location", "variables.tf", { line: 3, column: 13 }],
      ["run-output-name", "locals.tf", { line: 2, column: 16 }],
    ]);
    const use = found.find((d) => d.ruleId === "run-output-name")!;
    expect(use.message).toContain(`local 'run_output' from locals.tf, used at main.tf:${where(main, "local.run_output").line}`);
  });

  it("what stays unknown is said in Terraform's words: var.x, declared in another file without a value", async () => {
    const main = LINUX.replace(/variable "location" \{[\s\S]*?\n\}\n\n/, "");
    const dir = tempDir({ "main.tf": main, "variables.tf": 'variable "location" {\n  type = string\n}\n' });
    const { code, stdout } = await cli(["-f", "json", "main.tf"], { cwd: dir });
    expect(code).toBe(0);
    const values = JSON.parse(stdout).files[0].templates[0].values;
    expect(values.unknown).toContainEqual(expect.objectContaining({ reason: "var.location (no value)" }));
  });

  it("the linted file's own declarations win over the copy on disk (an editor's unsaved text)", async () => {
    const dir = tempDir({ "main.tf": replaceOnce(LINUX, '"westeurope"', '"westeurop"') });
    const result = lintText({ file: join(dir, "main.tf"), text: LINUX, explicit: true }, { parameters: moduleValues(readTerraformModule(dir, 1 << 20, dir), join(dir, "main.tf"), undefined)! });
    expect(result.diagnostics).toEqual([]);
  });

  it("a tfvars value wins over a default declared in another file", async () => {
    const main = LINUX.replace(/variable "location" \{[\s\S]*?\n\}\n\n/, "");
    const dir = tempDir({ "main.tf": main, "variables.tf": 'variable "location" {\n  default = "westeurop"\n}\n', "terraform.tfvars": 'location = "westeurope"\n' });
    expect((await run(dir, "main.tf")).code).toBe(0);
  });

  it("file() reads a local file's text, relative to the module; a finding on it stands in that file", async () => {
    const main = replaceOnce(LINUX, "runOutputName = local.run_output", 'runOutputName = file("${path.module}/names/run.txt")');
    const dir = tempDir({ "module/main.tf": main, "module/names/run.txt": "ubuntu vhd", "module/.git/HEAD": "ref: x\n" });
    const { code, files: out } = await run(join(dir, "module"), "main.tf");
    expect(code).toBe(1);
    const found = files(out, "main.tf");
    expect(found.map((d) => [d.ruleId, d.file, d.range.start])).toEqual([["run-output-name", join("names", "run.txt"), { line: 1, column: 1 }]]);
    expect(found[0]!.message).toContain('file("names/run.txt")');
  });

  it("file() outside the module's repository, or missing, is not read: the value stays unknown", async () => {
    const main = replaceOnce(LINUX, "runOutputName = local.run_output", 'runOutputName = file("${path.module}/../run.txt")');
    const dir = tempDir({ "module/main.tf": main, "run.txt": "ubuntu vhd", "module/.git/HEAD": "ref: x\n" });
    expect((await run(join(dir, "module"), "main.tf")).code).toBe(0);
    const missing = replaceOnce(LINUX, "runOutputName = local.run_output", 'runOutputName = file("nothing.txt")');
    expect((await run(tempDir({ "main.tf": missing }), "main.tf")).code).toBe(0);
  });

  it("templatefile() is the file's text when it has no template sequence; unknown when it has one", async () => {
    const main = replaceOnce(LINUX, "runOutputName = local.run_output", 'runOutputName = templatefile("${path.module}/run.tpl", { x = 1 })');
    const plainText = await run(tempDir({ "main.tf": main, "run.tpl": "ubuntu vhd" }), "main.tf");
    expect(files(plainText.files, "main.tf").map((d) => [d.ruleId, d.file])).toEqual([["run-output-name", "run.tpl"]]);
    expect((await run(tempDir({ "main.tf": main, "run.tpl": "ubuntu ${x}" }), "main.tf")).code).toBe(0);
  });
});

describe("Terraform: local module calls", () => {
  /** The module as its callers see it: no default location, the rest as MERGED. */
  const MODULE = MERGED.replace('default = "westeurope"', "default = null");
  const CALLER = `variable "region" {\n  default = "westeurop"\n}\n\nmodule "image" {\n  source        = "./modules/image"\n  location      = var.region\n  build_timeout = 5000\n}\n`;
  type Found = { file: string; ruleId: string; message: string; range: { start: { line: number; column: number } } };
  const lintDir = async (dir: string, ...args: string[]) => {
    const { code, stdout, stderr } = await cli(["-f", "json", ...args], { cwd: dir });
    const results = JSON.parse(stdout).files as Array<{ file: string; diagnostics: Found[] }>;
    return { code, stderr, found: results.flatMap((r) => r.diagnostics) };
  };
  const summary = (found: Found[]) => found.filter((d) => d.ruleId !== "expression").map((d) => [d.ruleId, d.file, d.range.start]);

  it("the called module's templates are linted with the caller's inputs: a passed value's finding stands in the caller", async () => {
    const dir = tempDir({ "main.tf": CALLER, "modules/image/main.tf": MODULE, ".git/HEAD": "ref: x\n" });
    const { code, found } = await lintDir(dir, "main.tf");
    expect(code).toBe(1);
    expect(summary(found)).toEqual([
      ["location", "main.tf", where(CALLER, '"westeurop"')],
      ["build-timeout", "main.tf", where(CALLER, "5000")],
      ["unknown-property", join("modules", "image", "main.tf"), where(MODULE, "stagingResourceGroupId")],
    ]);
    expect(found.find((d) => d.ruleId === "build-timeout")!.message).toContain('passed from main.tf, used at modules/image/main.tf:49) (module "image" called at main.tf:6)');
  });

  it("a module this run lints on its own has its own findings once; the call adds what its inputs bring", async () => {
    const dir = tempDir({ "main.tf": CALLER, "modules/image/main.tf": MODULE, ".git/HEAD": "ref: x\n" });
    const { found } = await lintDir(dir, ".");
    expect(summary(found).sort()).toEqual([
      ["build-timeout", "main.tf", where(CALLER, "5000")],
      ["location", "main.tf", where(CALLER, '"westeurop"')],
      ["unknown-property", join("modules", "image", "main.tf"), where(MODULE, "stagingResourceGroupId")],
    ]);
  });

  it("a registry source is not fetched: one note; a folder outside the repository is not followed", async () => {
    const remote = CALLER.replace('"./modules/image"', '"Azure/avm-res-virtualmachineimages-imagetemplate/azurerm"');
    const far = tempDir({ "caller/main.tf": CALLER.replace('"./modules/image"', '"../modules/image"'), "caller/.git/HEAD": "ref: x\n", "modules/image/main.tf": MODULE });
    const one = await lintDir(tempDir({ "main.tf": remote }), "main.tf");
    expect(summary(one.found)).toEqual([["no-template", "main.tf", { line: 1, column: 1 }]]);
    expect(one.stderr).toContain('main.tf:6: module "image" (source "Azure/avm-res-virtualmachineimages-imagetemplate/azurerm") not followed');
    expect(summary((await lintDir(join(far, "caller"), "main.tf")).found)).toEqual([["no-template", "main.tf", { line: 1, column: 1 }]]);
  });
});

describe("Terraform: a module's files share one scope", () => {
  it("a local built with merge in locals.tf is evaluated, its finding at its key in that file", async () => {
    const start = MERGED.indexOf("locals {");
    const end = MERGED.indexOf('resource "azapi_resource"');
    const locals = MERGED.slice(start, end);
    const dir = tempDir({ "main.tf": MERGED.slice(0, start) + MERGED.slice(end), "locals.tf": locals });
    const { code, stdout } = await cli(["-f", "json", "main.tf"], { cwd: dir });
    expect(code).toBe(1);
    const found = (JSON.parse(stdout).files as Array<{ diagnostics: Array<{ ruleId: string; file: string; range: { start: unknown } }> }>)[0]!.diagnostics.filter((d) => d.ruleId !== "expression");
    expect(found.map((d) => [d.ruleId, d.file, d.range.start])).toEqual([["unknown-property", "locals.tf", where(locals, "stagingResourceGroupId")]]);
  });
});

describe("provider version constraints", () => {
  it.each([
    ["~> 2.4", [2, 4, 0], [3, 0, 0]],
    ["~> 1.12.1", [1, 12, 1], [1, 13, 0]],
    [">= 1.13, < 3", [1, 13, 0], [3, 0, 0]],
    ["1.15.0", [1, 15, 0], [1, 15, 1]],
    ["> 1.9.0", [1, 9, 1], undefined],
    ["<= 1.12.1", [0, 0, 0], [1, 12, 2]],
  ])("%s allows %j up to %j", (constraint, lowest, below) => {
    expect(allowedRange(constraint)).toEqual(below ? { lowest, below } : { lowest });
  });
  it("a constraint it cannot read is no range", () => {
    expect(allowedRange("latest")).toBeUndefined();
  });
});

describe("Terraform on the command line", () => {
  it("walks folders for .tf files and lints them", async () => {
    const dir = tempDir({
      "image.tf": replaceOnce(LINUX, "buildTimeoutInMinutes = 100", "buildTimeoutInMinutes = 1000"),
      "other.tf": `resource "azurerm_resource_group" "rg" {\n  name = "x"\n}\n`,
    });
    const { code, stdout } = await cli(["-f", "json", "."], { cwd: dir });
    expect(code).toBe(1);
    const files = JSON.parse(stdout).files as Array<{ file: string; diagnostics: Array<{ ruleId: string }> }>;
    expect(files.find((f) => f.file.endsWith("image.tf"))?.diagnostics.map((d) => d.ruleId)).toEqual(["build-timeout"]);
  });
});
