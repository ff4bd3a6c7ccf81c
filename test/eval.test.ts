import { describe, expect, it } from "vitest";
import { Evaluator } from "../src/eval/evaluate.js";
import { parseExpression, ExpressionError } from "../src/eval/expression.js";
import { plain, type Val } from "../src/eval/value.js";
import { nodeAt, type ObjectNode, type StringNode } from "../src/parse/ast.js";
import { parseJson } from "../src/parse/json.js";
import type { ParameterValues } from "../src/find/resolve.js";

const DEPLOYMENT = `{
  "parameters": {
    "name": { "type": "string", "defaultValue": "img" },
    "count": { "type": "int", "defaultValue": 3 },
    "flag": { "type": "bool", "defaultValue": true },
    "tags": { "type": "object", "defaultValue": { "team": "core", "env": "dev" } },
    "list": { "type": "array", "defaultValue": ["a", "b", "c"] },
    "empty": { "type": "string", "defaultValue": "" },
    "secret": { "type": "securestring", "defaultValue": "s3cret" },
    "noValue": { "type": "string" }
  },
  "variables": {
    "prefix": "[concat(parameters('name'), '-')]",
    "steps": [ { "type": "Shell", "name": "one" } ],
    "self": "[variables('self')]",
    "copy": [ { "name": "disks", "count": "[parameters('count')]", "input": { "lun": "[copyIndex('disks')]" } } ]
  },
  "resources": []
}`;

function deployment(text = DEPLOYMENT): ObjectNode {
  return parseJson(text).documents[0]!.root as ObjectNode;
}

function evaluate(expression: string, root = deployment(), parameters?: ParameterValues): Val {
  const node: StringNode = { kind: "string", value: `[${expression}]`, start: 0, end: expression.length + 2, path: [] };
  return new Evaluator({ deployment: root, parameters }).expression(node, 0);
}

/** The known value, or `unknown: <reason>`. */
function show(value: Val): unknown {
  return value.t === "unknown" ? `unknown: ${value.reason}` : plain(value);
}

describe("ARM expression parser", () => {
  it.each([
    ["'it''s'", { kind: "string", value: "it's" }],
    ["-12", { kind: "number", value: -12 }],
    ["true", { kind: "boolean", value: true }],
    ["null", { kind: "null" }],
  ])("reads %s", (text, expected) => {
    expect(parseExpression(text)).toMatchObject(expected);
  });

  it("reads calls with property access and indexes", () => {
    const e = parseExpression("variables('a').b[0]");
    expect(e).toMatchObject({ kind: "index", target: { kind: "property", name: "b", target: { kind: "call", name: "variables" } }, index: { kind: "number", value: 0 } });
  });

  it.each(["concat('a'", "'open", "a b", "bicep: x ? 1 : 2", "f(,)"])("rejects %s", (text) => {
    expect(() => parseExpression(text)).toThrow(ExpressionError);
  });

  it("bounds nesting instead of overflowing the stack", () => {
    expect(() => parseExpression(`${"f(".repeat(5000)}1${")".repeat(5000)}`)).toThrow(ExpressionError);
  });
});

describe("ARM functions over known values", () => {
  it.each([
    ["concat('a', 'b', 1)", "ab1"],
    ["concat(createArray(1), createArray(2, 3))", [1, 2, 3]],
    ["format('{0}-{1}-{{x}}', 'a', 2)", "a-2-{x}"],
    ["toLower('AbC')", "abc"],
    ["toUpper('AbC')", "ABC"],
    ["replace('a-b-c', '-', '_')", "a_b_c"],
    ["substring('abcdef', 1, 3)", "bcd"],
    ["trim('  x ')", "x"],
    ["split('a,b;c', createArray(',', ';'))", ["a", "b", "c"]],
    ["join(createArray('a', 'b'), '+')", "a+b"],
    ["padLeft('7', 3, '0')", "007"],
    ["string(createObject('a', 1))", '{"a":1}'],
    ["string(true)", "True"],
    ["int('42')", 42],
    ["bool('TRUE')", true],
    ["json('{\"a\": [1]}')", { a: [1] }],
    ["createArray(1, 'a')", [1, "a"]],
    ["createObject('a', 1, 'b', 'x')", { a: 1, b: "x" }],
    ["union(createObject('a', 1, 'n', createObject('x', 1)), createObject('b', 2, 'n', createObject('y', 2)))", { a: 1, n: { x: 1, y: 2 }, b: 2 }],
    ["union(createArray(1, 2), createArray(2, 3))", [1, 2, 3]],
    ["intersection(createObject('a', 1, 'b', 2), createObject('a', 1, 'b', 3))", { a: 1 }],
    ["intersection(createArray(1, 2, 3), createArray(2, 3, 4))", [2, 3]],
    ["first(createArray('x', 'y'))", "x"],
    ["first('abc')", "a"],
    ["last(createArray('x', 'y'))", "y"],
    ["take(createArray(1, 2, 3), 2)", [1, 2]],
    ["skip('abc', 1)", "bc"],
    ["length(createObject('a', 1))", 1],
    ["length(parameters('list'))", 3],
    ["contains(parameters('tags'), 'TEAM')", true],
    ["contains(createArray(1, 2), 3)", false],
    ["contains('abc', 'b')", true],
    ["empty('')", true],
    ["empty(createArray())", true],
    ["coalesce(null(), 'x')", "x"],
    ["items(createObject('b', 2, 'a', 1))", [{ key: "a", value: 1 }, { key: "b", value: 2 }]],
    ["range(2, 3)", [2, 3, 4]],
    ["array('x')", ["x"]],
    ["if(equals(parameters('name'), 'img'), 'yes', 'no')", "yes"],
    ["not(parameters('flag'))", false],
    ["and(true, false)", false],
    ["or(false, true)", true],
    ["less(1, 2)", true],
    ["lessOrEquals(2, 2)", true],
    ["greater('b', 'a')", true],
    ["greaterOrEquals(1, 2)", false],
    ["add(1, mul(2, 3))", 7],
    ["parameters('tags').team", "core"],
    ["parameters('list')[1]", "b"],
    ["variables('prefix')", "img-"],
    ["variables('steps')[0].name", "one"],
    ["variables('disks')", [{ lun: 0 }, { lun: 1 }, { lun: 2 }]],
  ])("%s", (expression, expected) => {
    expect(show(evaluate(expression))).toEqual(expected);
  });
});

describe("ARM functions over unknown values", () => {
  it.each([
    ["resourceGroup().location", "unknown: resourceGroup().location"],
    ["concat('img-', uniqueString(resourceGroup().id))", "unknown: uniqueString(resourceGroup().id)"],
    ["format('{0}-x', utcNow())", "unknown: utcNow()"],
    ["toLower(subscription().displayName)", "unknown: subscription().displayName"],
    ["length(reference('x').list)", "unknown: reference('x').list"],
    ["first(listKeys('a', '1').keys)", "unknown: listKeys('a', '1').keys"],
    ["parameters('secret')", "unknown: parameters('secret') (secure)"],
    ["parameters('noValue')", "unknown: parameters('noValue') (no value)"],
    ["parameters('empty')", "unknown: parameters('empty') (empty default)"],
    ["parameters('missing')", "unknown: parameters('missing') (not declared)"],
    ["variables('self')", "unknown: variables('self') (refers to itself)"],
    ["copyIndex()", "unknown: copyIndex()"],
    ["range(0, 2147483648)", "unknown: range(0, 2147483648) (more than 1000 items)"],
    ["myns.fn('a')", "unknown: myns.fn('a') (myns.fn() is not evaluated)"],
    ["equals(newGuid(), 'a')", "unknown: newGuid()"],
    ["and(deployment().name, true)", "unknown: deployment().name"],
    ["and(deployment().name, false)", false],
    ["or(true, utcNow())", true],
    ["coalesce(environment().name, 'x')", "unknown: environment().name"],
  ])("%s", (expression, expected) => {
    expect(show(evaluate(expression))).toEqual(expected);
  });

  it("keeps what is known of an unknown: a location, a resource ID's type", () => {
    expect(evaluate("resourceGroup().location")).toMatchObject({ t: "unknown", meaning: "location", type: "string" });
    expect(evaluate("resourceId('Microsoft.Compute/galleries/images', 'g', 'i')")).toMatchObject({ t: "unknown", meaning: "resourceId", resourceType: "Microsoft.Compute/galleries/images" });
  });

  it("keeps the known members of a union with an unknown object, marked partial", () => {
    const value = evaluate("union(parameters('noObject'), createObject('type', 'Shell'))", deployment(DEPLOYMENT.replace(`"noValue": { "type": "string" }`, `"noValue": { "type": "string" }, "noObject": { "type": "object" }`)));
    expect(value).toMatchObject({ t: "object", partial: true, members: [{ key: "type", value: { t: "string", v: "Shell" } }] });
  });

  it("keeps both branches of a condition that is not known", () => {
    const value = evaluate("if(equals(resourceGroup().name, 'x'), 'a', 'b')");
    expect(value).toMatchObject({ t: "unknown", reason: "resourceGroup().name" });
    expect(value.t === "unknown" ? value.alternatives?.map(show) : undefined).toEqual(["a", "b"]);
  });

  it("concat with an unknown array keeps the known items, marked partial", () => {
    const value = evaluate("concat(variables('steps'), reference('x').steps)");
    expect(value).toMatchObject({ t: "array", partial: true });
    expect(value.t === "array" ? value.items.map(show) : undefined).toEqual([{ type: "Shell", name: "one" }]);
  });

  it("takes a parameter from the parameters file before the default, located in that file", () => {
    const params = parseJson(`{"parameters": {"empty": {"value": "x"}}}`);
    const given = nodeAt(params.documents[0]!.root!, ["parameters", "empty", "value"])!;
    const values = Object.assign(new Map([["empty", given]]), { file: { name: "p.json", source: params.source } });
    const value = evaluate("parameters('empty')", deployment(), values);
    expect(show(value)).toBe("x");
    expect(value.at).toMatchObject({ file: { name: "p.json" }, start: given.start, via: "parameter 'empty'" });
  });
});

describe("bounds", () => {
  it("3,000 chained variables end in an unknown, not a stack overflow", () => {
    const vars = Array.from({ length: 3000 }, (_, i) => `"v${i}": ${i === 0 ? `"x"` : `"[variables('v${i - 1}')]"`}`).join(",\n");
    const root = deployment(`{"variables": {${vars}}, "resources": []}`);
    expect(show(evaluate("variables('v2999')", root))).toMatch(/^unknown: .*nested too deep/);
    expect(show(evaluate("variables('v20')", root))).toBe("x");
  });

  it("a loop over 2^31 items is unknown", () => {
    const root = deployment(`{"variables": {"copy": [{"name": "big", "count": 2147483648, "input": "x"}]}, "resources": []}`);
    expect(show(evaluate("variables('big')", root))).toMatch(/^unknown: variables\('big'\) \(a copy loop of unknown count\)/);
  });

  it("a string doubled past the length bound is unknown", () => {
    const vars = Array.from({ length: 40 }, (_, i) => `"s${i}": ${i === 0 ? `"xxxxxxxx"` : `"[concat(variables('s${i - 1}'), variables('s${i - 1}'))]"`}`).join(",\n");
    const root = deployment(`{"variables": {${vars}}, "resources": []}`);
    expect(show(evaluate("variables('s39')", root))).toMatch(/^unknown: .*too long/);
  });

  it("the union of huge objects stays within the work bound", () => {
    const members = Array.from({ length: 3000 }, (_, i) => `"k${i}": ${i}`).join(", ");
    const root = deployment(`{"variables": {"big": {${members}}, "u": "[union(variables('big'), variables('big'), variables('big'))]"}, "resources": []}`);
    const value = evaluate("length(variables('u'))", root);
    expect(value.t === "number" || value.t === "unknown").toBe(true);
  });
});

describe("shallowMerge", () => {
  it.each([
    ["shallowMerge(createArray(createObject('a', 1, 'b', createObject('x', 1)), createObject('b', createObject('y', 2))))", { a: 1, b: { y: 2 } }],
    ["shallowMerge(createArray(parameters('tags'), null(), createObject('env', 'prod')))", { team: "core", env: "prod" }],
    ["shallowMerge(createArray())", {}],
  ])("%s is %j", (expression, expected) => {
    expect(show(evaluate(expression))).toEqual(expected);
  });

  it("an item that is not an object is unknown", () => {
    expect(show(evaluate("shallowMerge(createArray(createObject('a', 1), 'x'))"))).toMatch(/^unknown: .*not an object/);
  });

  it("an unknown item makes a partial object: members after it are sure, those before it not", () => {
    const value = evaluate("shallowMerge(createArray(createObject('a', 1), parameters('noValue'), createObject('b', 2)))");
    expect(value).toMatchObject({ t: "object", partial: true });
    expect(plain(value)).toEqual({ b: 2 });
  });

  it("a conditional item gives one alternative per branch, the other members kept unless a branch may replace them", () => {
    const value = evaluate("shallowMerge(createArray(createObject('a', 1, 'c', 3), if(equals(parameters('noValue'), 'x'), createObject(), createObject('c', 4, 'd', 5))))");
    expect(value.t).toBe("unknown");
    const alternatives = value.t === "unknown" ? value.alternatives!.map(plain) : [];
    expect(alternatives).toEqual([{ a: 1, c: 3 }, { a: 1, c: 4, d: 5 }]);
  });

  it("with two conditional items, each branch leaves the other unknown (partial, its keys dropped)", () => {
    const value = evaluate("shallowMerge(createArray(createObject('a', 1, 'b', 2), if(equals(parameters('noValue'), 'x'), createObject(), createObject('s', 1)), if(equals(parameters('noValue'), 'y'), createObject(), createObject('b', 3))))");
    const alternatives = value.t === "unknown" ? value.alternatives! : [];
    expect(alternatives.map(plain)).toEqual([{ a: 1 }, { a: 1, s: 1 }, { a: 1, b: 2 }, { a: 1, b: 3 }]);
    expect(alternatives.map((a) => a.t === "object" && a.partial)).toEqual([true, true, true, true]);
  });

  it("an unknown array is an unknown object", () => {
    expect(evaluate("shallowMerge(parameters('noValue'))")).toMatchObject({ t: "unknown", type: "object" });
  });
});

describe("lambda functions", () => {
  it.each([
    ["map(parameters('list'), lambda('x', toUpper(lambdaVariables('x'))))", ["A", "B", "C"]],
    ["map(parameters('list'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i')))))", ["a0", "b1", "c2"]],
    ["filter(parameters('list'), lambda('x', not(equals(lambdaVariables('x'), 'b'))))", ["a", "c"]],
    ["reduce(parameters('list'), '', lambda('acc', 'x', concat(lambdaVariables('acc'), lambdaVariables('x'))))", "abc"],
    ["toObject(parameters('list'), lambda('x', lambdaVariables('x')), lambda('x', length(lambdaVariables('x'))))", { a: 1, b: 1, c: 1 }],
    ["toObject(variables('steps'), lambda('s', lambdaVariables('s').name))", { one: { type: "Shell", name: "one" } }],
    ["mapValues(parameters('tags'), lambda('v', toUpper(lambdaVariables('v'))))", { team: "CORE", env: "DEV" }],
    ["map(createArray(createArray(1, 2)), lambda('x', map(lambdaVariables('x'), lambda('x', add(lambdaVariables('x'), 1)))))", [[2, 3]]],
  ])("%s is %j", (expression, expected) => {
    expect(show(evaluate(expression))).toEqual(expected);
  });

  it("an unknown input is an unknown of the result's type", () => {
    expect(evaluate("map(parameters('noValue'), lambda('x', lambdaVariables('x')))")).toMatchObject({ t: "unknown", type: "array" });
    expect(evaluate("toObject(parameters('noValue'), lambda('x', lambdaVariables('x')))")).toMatchObject({ t: "unknown", type: "object" });
  });

  it("an item whose filter test is unknown makes the result partial; an unknown key too", () => {
    const filtered = evaluate("filter(createArray('a', parameters('noValue')), lambda('x', equals(lambdaVariables('x'), 'a')))");
    expect(filtered).toMatchObject({ t: "array", partial: true });
    expect(plain(filtered)).toEqual(["a"]);
    expect(evaluate("toObject(createArray(parameters('noValue')), lambda('x', lambdaVariables('x')))")).toMatchObject({ t: "object", members: [], partial: true });
  });

  it("not an array, a missing lambda or an unbound name is unknown, never a throw", () => {
    expect(show(evaluate("map(parameters('tags'), lambda('x', lambdaVariables('x')))"))).toMatch(/^unknown: .*wrong kind/);
    expect(show(evaluate("map(parameters('list'), 'x')"))).toMatch(/^unknown: .*wrong kind/);
    expect(show(evaluate("lambdaVariables('x')"))).toMatch(/^unknown: .*no lambda variable 'x'/);
  });

  it("an input longer than the loop bound is unknown", () => {
    expect(evaluate("map(range(0, 1000), lambda('x', lambdaVariables('x')))")).toMatchObject({ t: "array" });
    expect(show(evaluate("map(concat(range(0, 1000), range(0, 1000)), lambda('x', lambdaVariables('x')))"))).toMatch(/^unknown: .*more than 1000 items/);
  });
});

describe("members of a value known only as branches", () => {
  it("a property of an unknown condition's result is each branch's property", () => {
    const value = evaluate("if(equals(parameters('noValue'), 'x'), createObject('p', 1), createObject('p', 2)).p");
    expect(value.t === "unknown" ? value.alternatives!.map(plain) : value).toEqual([1, 2]);
  });
});

describe("tryGet", () => {
  it.each([
    ["tryGet(parameters('tags'), 'team')", "core"],
    ["tryGet(parameters('tags'), 'none')", null],
    ["tryGet(parameters('list'), 1)", "b"],
    ["tryGet(parameters('list'), 9)", null],
    ["tryGet(createObject('a', createObject('b', 1)), 'a', 'b')", 1],
    ["tryGet(null(), 'a')", null],
  ])("%s is %j", (expression, expected) => {
    expect(show(evaluate(expression))).toEqual(expected);
  });

  it("of an unknown, or a key missing from a partial object, is unknown", () => {
    expect(show(evaluate("tryGet(parameters('noValue'), 'a')"))).toMatch(/^unknown/);
    expect(show(evaluate("tryGet(union(createObject('a', 1), parameters('noValue')), 'b')"))).toMatch(/^unknown/);
  });
});
