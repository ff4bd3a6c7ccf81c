/** The ARM template functions that build values, over known and unknown arguments. */
import { LIMITS_SIZE } from "./limits.js";
import { equalValues, firstUnknown, fromPlain, memberOf, plain, unknown, type Arr, type Obj, type ObjMember, type Unknown, type Val, type Written } from "./value.js";

export interface Call {
  /** The call's source text, to name an unknown result (read only then). */
  readonly text: string;
  /** The JSON string that holds the expression: where a computed value is written. */
  site: Written;
  /** As written. */
  name: string;
}

/** Functions whose value only the deployment knows, with what is known of it. */
const DEPLOYMENT_TIME: Record<string, { type?: "string" | "object" | "array" | "number" | "boolean"; meaning?: string }> = {
  resourcegroup: { type: "object" },
  subscription: { type: "object" },
  tenant: { type: "object" },
  managementgroup: { type: "object" },
  deployment: { type: "object" },
  environment: { type: "object" },
  reference: { type: "object" },
  resourceid: { type: "string", meaning: "resourceId" },
  subscriptionresourceid: { type: "string", meaning: "resourceId" },
  tenantresourceid: { type: "string", meaning: "resourceId" },
  extensionresourceid: { type: "string", meaning: "resourceId" },
  managementgroupresourceid: { type: "string", meaning: "resourceId" },
  resourceinfo: { type: "object" },
  utcnow: { type: "string" },
  newguid: { type: "string" },
  uniquestring: { type: "string" },
  guid: { type: "string" },
  datetimeadd: { type: "string" },
  pickzones: { type: "array" },
  providers: { type: "object" },
};

type Fn = (args: Val[], call: Call) => Val;

const strings = (args: Val[]): string[] | undefined => (args.every((a) => a.t === "string") ? args.map((a) => (a as { v: string }).v) : undefined);
const computed = (call: Call): Written => call.site;
const s = (v: string, call: Call): Val => (v.length > LIMITS_SIZE.stringLength ? unknown(`${call.text} (too long)`) : { t: "string", v, at: computed(call) });
const n = (v: number, call: Call): Val => ({ t: "number", v, at: computed(call) });
const b = (v: boolean, call: Call): Val => ({ t: "boolean", v, at: computed(call) });
const arr = (items: Val[], call: Call, partial = false): Val =>
  items.length > LIMITS_SIZE.size ? unknown(`${call.text} (too large)`) : { t: "array", items, at: computed(call), ...(partial ? { partial } : {}) };
const wrong = (call: Call, what = "arguments of the wrong kind"): Val => unknown(`${call.text} (${what})`);

/** The value of a string or array function over a string or an array (first, last, take, skip, length). */
function sequence(value: Val, call: Call, onString: (v: string) => Val, onArray: (v: Arr) => Val): Val {
  if (value.t === "string") return onString(value.v);
  if (value.t === "array") return onArray(value);
  return wrong(call);
}

function int(value: Val): number | undefined {
  return value.t === "number" && Number.isInteger(value.v) ? value.v : undefined;
}

/** .NET composite formatting as format() uses it: `{0}`, `{{`, `}}`; format specifiers are not evaluated. */
function format(template: string, args: Val[], call: Call): Val {
  let out = "";
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === "{" && template[i + 1] === "{") {
      out += "{";
      i++;
    } else if (c === "}" && template[i + 1] === "}") {
      out += "}";
      i++;
    } else if (c === "{") {
      const close = template.indexOf("}", i);
      const spec = close < 0 ? "" : template.slice(i + 1, close);
      const match = /^\s*(\d+)\s*$/.exec(spec);
      if (!match) return unknown(`${call.text} (format "${spec}" not evaluated)`);
      const arg = args[Number(match[1])];
      if (!arg) return wrong(call, "too few arguments");
      const text = toText(arg);
      if (text === undefined) return arg.t === "unknown" ? unknown(arg.reason, arg) : wrong(call);
      out += text;
      i = close;
    } else out += c;
    if (out.length > LIMITS_SIZE.stringLength) return unknown(`${call.text} (too long)`);
  }
  return s(out, call);
}

/** How a value reads as text (string(), format(), concat()); undefined when unknown. */
function toText(value: Val): string | undefined {
  switch (value.t) {
    case "string":
      return value.v;
    case "number":
      return String(value.v);
    case "boolean":
      return value.v ? "True" : "False";
    case "null":
      return "";
    case "unknown":
      return undefined;
    default:
      return firstUnknown(value) ? undefined : JSON.stringify(plain(value));
  }
}

/** union() of objects: later members win, objects in both are merged, as ARM does. */
function unionObjects(objects: Obj[], call: Call, depth = 0): Val {
  const members: ObjMember[] = [];
  const index = new Map<string, number>();
  let partial = false;
  for (const o of objects) {
    if (o.partial) partial = true;
    for (const m of o.members) {
      const lower = m.key.toLowerCase();
      const i = index.get(lower);
      if (i === undefined) {
        index.set(lower, members.length);
        members.push(m);
      } else {
        const prev = members[i]!.value;
        members[i] =
          prev.t === "object" && m.value.t === "object" && depth < 32 ? { ...m, value: unionObjects([prev, m.value], call, depth + 1) } : m;
      }
      if (members.length > LIMITS_SIZE.size) return unknown(`${call.text} (too large)`);
    }
  }
  return { t: "object", members, at: computed(call), ...(partial ? { partial } : {}) };
}

function unionArrays(arrays: Arr[], call: Call): Val {
  const items: Val[] = [];
  let partial = false;
  for (const a of arrays) {
    if (a.partial) partial = true;
    for (const item of a.items) {
      if (items.length > LIMITS_SIZE.size) return unknown(`${call.text} (too large)`);
      const same = items.map((x) => equalValues(x, item));
      if (same.includes(undefined)) return unknown(`${call.text} (items not comparable)`);
      if (!same.includes(true)) items.push(item);
    }
  }
  return arr(items, call, partial);
}

const FUNCTIONS: Record<string, Fn> = {
  concat(args, call) {
    if (args.length === 0) return s("", call);
    if (args.some((a) => a.t === "array")) {
      const items: Val[] = [];
      let partial = false;
      for (const a of args) {
        if (a.t === "array") {
          items.push(...a.items);
          if (a.partial) partial = true;
        } else if (a.t === "unknown" && (a.type === "array" || a.type === undefined)) partial = true;
        else if (a.t !== "null") return wrong(call);
        if (items.length > LIMITS_SIZE.size) return unknown(`${call.text} (too large)`);
      }
      return arr(items, call, partial);
    }
    let out = "";
    for (const a of args) {
      if (a.t === "unknown") return unknown(a.reason, { type: "string" });
      if (a.t === "object") return wrong(call);
      const text = toText(a);
      if (text === undefined) return wrong(call);
      out += text;
      if (out.length > LIMITS_SIZE.stringLength) return unknown(`${call.text} (too long)`);
    }
    return s(out, call);
  },
  format(args, call) {
    const [fmt, ...rest] = args;
    if (fmt?.t === "unknown") return unknown(fmt.reason, { type: "string" });
    if (fmt?.t !== "string") return wrong(call);
    return format(fmt.v, rest, call);
  },
  tolower: (args, call) => (args[0]?.t === "string" ? s(args[0].v.toLowerCase(), call) : wrong(call)),
  toupper: (args, call) => (args[0]?.t === "string" ? s(args[0].v.toUpperCase(), call) : wrong(call)),
  trim: (args, call) => (args[0]?.t === "string" ? s(args[0].v.trim(), call) : wrong(call)),
  replace(args, call) {
    const v = strings(args.slice(0, 3));
    if (!v || v.length !== 3) return wrong(call);
    if (v[1] === "") return wrong(call, "an empty string to replace");
    return s(v[0]!.split(v[1]!).join(v[2]!), call);
  },
  substring(args, call) {
    const text = args[0]?.t === "string" ? args[0].v : undefined;
    const start = args[1] ? int(args[1]) : 0;
    const length = args[2] ? int(args[2]) : undefined;
    if (text === undefined || start === undefined || (args[2] && length === undefined)) return wrong(call);
    const len = length ?? text.length - start;
    if (start < 0 || len < 0 || start + len > text.length) return wrong(call, "out of range: the deployment fails");
    return s(text.substr(start, len), call);
  },
  split(args, call) {
    const text = args[0]?.t === "string" ? args[0].v : undefined;
    const delims = args[1]?.t === "string" ? [args[1].v] : args[1]?.t === "array" && args[1].items.every((i) => i.t === "string") ? args[1].items.map((i) => (i as { v: string }).v) : undefined;
    if (text === undefined || !delims || delims.some((d) => d === "")) return wrong(call);
    let parts = [text];
    for (const d of delims) parts = parts.flatMap((p) => p.split(d));
    return arr(parts.map((p) => s(p, call)), call);
  },
  join(args, call) {
    const list = args[0];
    const delim = args[1];
    if (list?.t !== "array" || delim?.t !== "string" || list.partial) return wrong(call);
    const texts: string[] = [];
    for (const item of list.items) {
      if (item.t === "unknown") return unknown(item.reason, { type: "string" });
      if (item.t === "object" || item.t === "array") return wrong(call);
      texts.push(toText(item)!);
    }
    return s(texts.join(delim.v), call);
  },
  padleft(args, call) {
    const value = args[0] ? toText(args[0]) : undefined;
    const total = args[1] ? int(args[1]) : undefined;
    const pad = args[2] ? (args[2].t === "string" ? args[2].v : undefined) : " ";
    if (value === undefined || args[0]!.t === "object" || args[0]!.t === "array" || total === undefined || pad === undefined || pad.length !== 1) return wrong(call);
    if (total > LIMITS_SIZE.stringLength) return unknown(`${call.text} (too long)`);
    return s(value.padStart(total, pad), call);
  },
  string(args, call) {
    const text = args[0] ? toText(args[0]) : undefined;
    return text === undefined ? wrong(call) : s(text, call);
  },
  int(args, call) {
    const v = args[0];
    if (v?.t === "number") return n(Math.trunc(v.v), call);
    if (v?.t === "string" && /^\s*[-+]?\d+\s*$/.test(v.v)) return n(Number.parseInt(v.v, 10), call);
    return wrong(call);
  },
  bool(args, call) {
    const v = args[0];
    if (v?.t === "boolean") return b(v.v, call);
    if (v?.t === "number") return b(v.v !== 0, call);
    if (v?.t === "string" && /^(true|false)$/i.test(v.v)) return b(v.v.toLowerCase() === "true", call);
    return wrong(call);
  },
  json(args, call) {
    const v = args[0];
    if (v?.t !== "string") return wrong(call);
    try {
      return fromPlain(JSON.parse(v.v), computed(call));
    } catch {
      return wrong(call, "not JSON");
    }
  },
  createarray: (args, call) => arr(args, call),
  array: (args, call) => (args[0]?.t === "array" ? args[0] : args[0] ? arr([args[0]], call) : wrong(call)),
  createobject(args, call) {
    if (args.length % 2 !== 0) return wrong(call);
    const members: ObjMember[] = [];
    let partial = false;
    for (let i = 0; i < args.length; i += 2) {
      const key = args[i]!;
      if (key.t === "unknown") partial = true;
      else if (key.t !== "string") return wrong(call);
      else members.push({ key: key.v, keyAt: computed(call), value: args[i + 1]! });
    }
    return { t: "object", members, at: computed(call), ...(partial ? { partial } : {}) };
  },
  union(args, call) {
    if (args.length === 0) return wrong(call);
    const known = args.filter((a) => a.t !== "unknown");
    const unknowns = args.filter((a) => a.t === "unknown");
    if (known.length === 0) return unknown(unknowns[0]!.t === "unknown" ? unknowns[0]!.reason : call.text);
    if (known.every((a) => a.t === "object")) {
      const merged = unionObjects(known as Obj[], call);
      if (merged.t === "object" && unknowns.length > 0) {
        // an unknown object could set any member: only those after the last unknown are sure
        const lastUnknown = args.map((a) => a.t).lastIndexOf("unknown");
        const after = args.slice(lastUnknown + 1) as Obj[];
        const sure = after.length ? unionObjects(after, call) : undefined;
        return { t: "object", members: sure?.t === "object" ? sure.members : [], at: computed(call), partial: true };
      }
      return merged;
    }
    if (known.every((a) => a.t === "array")) {
      const merged = unionArrays(known as Arr[], call);
      return merged.t === "array" && unknowns.length > 0 ? { ...merged, partial: true } : merged;
    }
    return wrong(call);
  },
  intersection(args, call) {
    if (args.some((a) => a.t === "unknown")) return unknown(firstReason(args) ?? call.text);
    if (args.length > 0 && args.every((a) => a.t === "object" && !a.partial)) {
      const [head, ...rest] = args as Obj[];
      const members = head!.members.filter((m) => rest.every((o) => {
        const other = memberOf(o, m.key);
        return other !== undefined && equalValues(other.value, m.value) === true;
      }));
      return { t: "object", members, at: computed(call) };
    }
    if (args.length > 0 && args.every((a) => a.t === "array" && !a.partial)) {
      const [head, ...rest] = args as Arr[];
      const items = head!.items.filter((i) => rest.every((a) => a.items.some((x) => equalValues(x, i) === true)));
      return arr(items, call);
    }
    return wrong(call);
  },
  first: (args, call) =>
    sequence(args[0] ?? unknown(""), call, (v) => s(v.slice(0, 1), call), (a) => a.items[0] ?? (a.partial ? unknown(call.text) : { t: "null", at: computed(call) })),
  last: (args, call) =>
    sequence(args[0] ?? unknown(""), call, (v) => s(v.slice(-1), call), (a) => (a.partial ? unknown(call.text) : (a.items[a.items.length - 1] ?? { t: "null", at: computed(call) }))),
  take(args, call) {
    const count = args[1] ? int(args[1]) : undefined;
    if (count === undefined) return wrong(call);
    const c = Math.max(0, count);
    return sequence(args[0] ?? unknown(""), call, (v) => s(v.slice(0, c), call), (a) => (a.partial && a.items.length < c ? unknown(call.text) : arr(a.items.slice(0, c), call)));
  },
  skip(args, call) {
    const count = args[1] ? int(args[1]) : undefined;
    if (count === undefined) return wrong(call);
    const c = Math.max(0, count);
    return sequence(args[0] ?? unknown(""), call, (v) => s(v.slice(c), call), (a) => arr(a.items.slice(c), call, a.partial));
  },
  length(args, call) {
    const v = args[0];
    if (v?.t === "string") return n(v.v.length, call);
    if ((v?.t === "array" || v?.t === "object") && !v.partial) return n(v.t === "array" ? v.items.length : new Set(v.members.map((m) => m.key.toLowerCase())).size, call);
    return v?.t === "array" || v?.t === "object" ? unknown(call.text, { type: "number" }) : wrong(call);
  },
  empty(args, call) {
    const v = args[0];
    if (v?.t === "null") return b(true, call);
    if (v?.t === "string") return b(v.v === "", call);
    if (v?.t === "array") return v.items.length > 0 ? b(false, call) : v.partial ? unknown(call.text) : b(true, call);
    if (v?.t === "object") return v.members.length > 0 ? b(false, call) : v.partial ? unknown(call.text) : b(true, call);
    return wrong(call);
  },
  contains(args, call) {
    const [container, item] = args;
    if (!container || !item) return wrong(call);
    if (item.t === "unknown") return unknown(item.reason, { type: "boolean" });
    if (container.t === "unknown") return unknown(container.reason, { type: "boolean" });
    if (container.t === "string") return item.t === "string" || item.t === "number" ? b(container.v.includes(String(item.v)), call) : wrong(call);
    if (container.t === "object") {
      if (item.t !== "string") return wrong(call);
      return memberOf(container, item.v) ? b(true, call) : container.partial ? unknown(call.text) : b(false, call);
    }
    if (container.t === "array") {
      const same = container.items.map((x) => equalValues(x, item));
      if (same.includes(true)) return b(true, call);
      return same.includes(undefined) || container.partial ? unknown(call.text) : b(false, call);
    }
    return wrong(call);
  },
  items(args, call) {
    const v = args[0];
    if (v?.t !== "object" || v.partial) return v?.t === "object" ? unknown(call.text, { type: "array" }) : wrong(call);
    const sorted = [...v.members].sort((x, y) => (x.key.toLowerCase() < y.key.toLowerCase() ? -1 : x.key.toLowerCase() > y.key.toLowerCase() ? 1 : 0));
    return arr(
      sorted.map((m) => ({ t: "object", at: computed(call), members: [{ key: "key", value: { t: "string", v: m.key, at: m.keyAt ?? computed(call) } }, { key: "value", value: m.value }] })),
      call,
    );
  },
  range(args, call) {
    const start = args[0] ? int(args[0]) : undefined;
    const count = args[1] ? int(args[1]) : undefined;
    if (start === undefined || count === undefined || count < 0) return wrong(call);
    if (count > LIMITS_SIZE.loop) return unknown(`${call.text} (more than ${LIMITS_SIZE.loop} items)`, { type: "array" });
    return arr(Array.from({ length: count }, (_, i) => n(start + i, call)), call);
  },
  equals(args, call) {
    if (args.length !== 2) return wrong(call);
    const e = equalValues(args[0]!, args[1]!);
    return e === undefined ? unknown(firstReason(args) ?? call.text, { type: "boolean" }) : b(e, call);
  },
  not: (args, call) => (args[0]?.t === "boolean" ? b(!args[0].v, call) : wrong(call)),
  less: (args, call) => compare(args, call, (c) => c < 0),
  lessorequals: (args, call) => compare(args, call, (c) => c <= 0),
  greater: (args, call) => compare(args, call, (c) => c > 0),
  greaterorequals: (args, call) => compare(args, call, (c) => c >= 0),
  true: (_args, call) => b(true, call),
  false: (_args, call) => b(false, call),
  null: (_args, call) => ({ t: "null", at: computed(call) }),
  add: (args, call) => arithmetic(args, call, (x, y) => x + y),
  sub: (args, call) => arithmetic(args, call, (x, y) => x - y),
  mul: (args, call) => arithmetic(args, call, (x, y) => x * y),
  div: (args, call) => arithmetic(args, call, (x, y) => (y === 0 ? undefined : Math.trunc(x / y))),
  mod: (args, call) => arithmetic(args, call, (x, y) => (y === 0 ? undefined : x % y)),
  min: (args, call) => extreme(args, call, Math.min),
  max: (args, call) => extreme(args, call, Math.max),
  startswith: (args, call) => stringTest(args, call, (x, y) => x.toLowerCase().startsWith(y.toLowerCase())),
  endswith: (args, call) => stringTest(args, call, (x, y) => x.toLowerCase().endsWith(y.toLowerCase())),
  shallowmerge: (args, call) => shallowMerge(args, call),
  tryget: (args, call) => tryGet(args, call),
};

/** Branches of conditional items merged with the rest: at most this many (each is a check of the template). */
const MAX_MERGE_ALTERNATIVES = 16;

/**
 * shallowMerge(array of objects): later objects' members replace earlier ones', nested objects are not
 * merged. A null item adds nothing. An item only known as the branches of a condition makes the result
 * unknown, with one alternative per branch (the other conditional items left unknown in it).
 */
function shallowMerge(args: Val[], call: Call): Val {
  const list = args[0];
  if (list?.t === "unknown") return unknown(list.reason, { type: "object" });
  if (list?.t !== "array") return wrong(call);
  const conditional = list.items.flatMap((item, i) => (item.t === "unknown" && item.alternatives ? [i] : []));
  if (conditional.length === 0) return mergeObjects(list.items, list.partial === true, call);
  const alternatives: Val[] = [];
  for (const i of conditional) {
    for (const branch of (list.items[i] as Unknown).alternatives!) {
      if (alternatives.length >= MAX_MERGE_ALTERNATIVES) break;
      alternatives.push(mergeObjects(list.items.map((item, j) => (j === i ? branch : item)), list.partial === true, call));
    }
  }
  const first = list.items[conditional[0]!] as Unknown;
  return { ...unknown(first.reason, { type: "object" }), alternatives };
}

/** tryGet(value, key or index, …): the member or item, or null where one is missing (a partial value's is unknown). */
function tryGet(args: Val[], call: Call): Val {
  let value = args[0] ?? wrong(call);
  for (const key of args.slice(1)) {
    if (value.t === "unknown") return unknown(value.reason);
    if (key.t === "unknown") return unknown(key.reason);
    if (value.t === "null") return value;
    let next: Val | undefined;
    if (value.t === "object" && key.t === "string") next = memberOf(value, key.v)?.value;
    else if (value.t === "array" && key.t === "number" && Number.isInteger(key.v)) next = value.items[key.v];
    else if (value.t !== "object" && value.t !== "array") return { t: "null", at: computed(call) };
    else return wrong(call);
    if (!next && value.partial) return unknown(`${call.text} (not known whether it is there)`);
    value = next ?? { t: "null", at: computed(call) };
  }
  return value;
}

/** The members of objects merged shallowly; an unknown item may replace any member before it (any that its branches have). */
function mergeObjects(items: Val[], partial: boolean, call: Call): Val {
  const members = new Map<string, ObjMember>();
  for (const item of items) {
    if (item.t === "null") continue;
    if (item.t === "object") {
      if (item.partial) partial = true;
      for (const m of item.members) {
        members.delete(m.key.toLowerCase()); // a replaced member takes the later place
        members.set(m.key.toLowerCase(), m);
      }
    } else if (item.t === "unknown") {
      partial = true;
      const branches = item.alternatives?.filter((a) => a.t !== "null");
      if (branches?.every((a) => a.t === "object" && !a.partial)) for (const a of branches as Obj[]) for (const m of a.members) members.delete(m.key.toLowerCase());
      else members.clear();
    } else return wrong(call, "an item that is not an object");
    if (members.size > LIMITS_SIZE.size) return unknown(`${call.text} (too large)`);
  }
  return { t: "object", members: [...members.values()], at: computed(call), ...(partial ? { partial } : {}) };
}

function firstReason(args: Val[]): string | undefined {
  for (const a of args) {
    const u = firstUnknown(a);
    if (u) return u.reason;
  }
  return undefined;
}

function compare(args: Val[], call: Call, test: (c: number) => boolean): Val {
  const [x, y] = args;
  if (x?.t === "number" && y?.t === "number") return b(test(x.v - y.v), call);
  if (x?.t === "string" && y?.t === "string") return b(test(x.v < y.v ? -1 : x.v > y.v ? 1 : 0), call);
  return wrong(call);
}

function arithmetic(args: Val[], call: Call, op: (x: number, y: number) => number | undefined): Val {
  const x = args[0] ? int(args[0]) : undefined;
  const y = args[1] ? int(args[1]) : undefined;
  const r = x === undefined || y === undefined ? undefined : op(x, y);
  return r === undefined || !Number.isFinite(r) ? wrong(call) : n(r, call);
}

function extreme(args: Val[], call: Call, pick: (...v: number[]) => number): Val {
  const list = args.length === 1 && args[0]!.t === "array" ? args[0].items : args;
  if (list.length === 0 || !list.every((v) => v.t === "number")) return wrong(call);
  return n(pick(...list.map((v) => (v as { v: number }).v)), call);
}

function stringTest(args: Val[], call: Call, test: (x: string, y: string) => boolean): Val {
  const v = strings(args.slice(0, 2));
  return v && v.length === 2 ? b(test(v[0]!, v[1]!), call) : wrong(call);
}

/** Calls a function by lower-case name. Unknown arguments give an unknown result unless the function can do without them. */
export function callFunction(name: string, args: Val[], call: Call): Val {
  const deploymentTime = DEPLOYMENT_TIME[name];
  if (deploymentTime) return unknown(call.text, resourceHint(args, deploymentTime));
  if (name.startsWith("list")) return unknown(call.text, { type: "object" });
  const fn = FUNCTIONS[name];
  if (!fn) return unknown(`${call.text} (${call.name}() is not evaluated)`);
  if (!TAKES_UNKNOWN.has(name)) {
    const u = args.find((a) => a.t === "unknown");
    if (u && u.t === "unknown") return unknown(u.reason, RESULT_TYPES[name] ? { type: RESULT_TYPES[name] } : {});
  }
  return fn(args, call);
}

/** Functions that keep what is known of unknown arguments (a partial array or object, a string's type). */
const TAKES_UNKNOWN = new Set(["shallowmerge", "tryget", "concat", "format", "createarray", "createobject", "union", "intersection", "equals", "contains"]);

const RESULT_TYPES: Record<string, "string" | "number" | "boolean" | "array"> = {
  tolower: "string",
  toupper: "string",
  trim: "string",
  replace: "string",
  substring: "string",
  join: "string",
  padleft: "string",
  string: "string",
  int: "number",
  length: "number",
  bool: "boolean",
  empty: "boolean",
  not: "boolean",
  less: "boolean",
  greater: "boolean",
  lessorequals: "boolean",
  greaterorequals: "boolean",
  split: "array",
  range: "array",
};

function resourceHint(args: Val[], hint: { type?: "string" | "object" | "array" | "number" | "boolean"; meaning?: string }) {
  if (hint.meaning !== "resourceId") return hint;
  // the type is the first string argument that has a slash (after optional subscription and group)
  const type = args.find((a) => a.t === "string" && a.v.includes("/") && !a.v.startsWith("/"));
  return type?.t === "string" ? { ...hint, resourceType: type.v } : hint;
}
