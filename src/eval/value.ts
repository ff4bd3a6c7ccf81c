/** What the evaluator knows of a value: a known JSON value with where each part is written, or an unknown. */
import type { SourceText } from "../core/source.js";
import type { ValueNode } from "../parse/ast.js";

/** A file other than the linted one (a parameters file). */
export interface FileRef {
  name: string;
  source: SourceText;
  /** Its expressions are evaluated too: a `.bicepparam` file's values (its variables inlined), another file of a Terraform module. */
  expressions?: boolean;
}

/** Where a value is written: a literal, or the expression that computed it; `file` when not the template's own file. */
export interface Written {
  start: number;
  end: number;
  file?: FileRef;
  /** The value as written there, unchanged (reused as is when it is placed where it is written). */
  node?: ValueNode;
  /** The value was computed by an expression written here, not written as it is. */
  computed?: boolean;
  /** How the value was reached: `parameter 'location', default`, `variable 'steps'`. */
  via?: string;
}

export type Val = Str | Num | Bool | Null | Arr | Obj | Unknown;

export interface Str {
  t: "string";
  v: string;
  at?: Written;
}
export interface Num {
  t: "number";
  v: number;
  at?: Written;
}
export interface Bool {
  t: "boolean";
  v: boolean;
  at?: Written;
}
export interface Null {
  t: "null";
  at?: Written;
}
export interface Arr {
  t: "array";
  items: Val[];
  /** Holds more items than these, not known (a concat with an unknown array). */
  partial?: boolean;
  at?: Written;
}
export interface ObjMember {
  key: string;
  keyAt?: Written;
  value: Val;
}
export interface Obj {
  t: "object";
  members: ObjMember[];
  /** May hold more members than these, not known (a union with an unknown object). */
  partial?: boolean;
  at?: Written;
}

/** What kind of value an unknown is, when that is known: a location, a resource ID of a type. */
export interface UnknownHint {
  type?: "string" | "number" | "boolean" | "object" | "array";
  /** `location`, `resourceId`. */
  meaning?: string;
  /** For a resource ID: the resource type it names. */
  resourceType?: string;
}

export interface Unknown extends UnknownHint {
  t: "unknown";
  /** Why it is unknown, as the expression that decides it (`resourceGroup().location`) or a sentence. */
  reason: string;
  /** Where the condition was unknown: the values of each branch (checked for what holds in either case). */
  alternatives?: Val[];
  at?: Written;
}

export function unknown(reason: string, hint: UnknownHint = {}): Unknown {
  return { t: "unknown", reason, ...hint };
}

export const str = (v: string, at?: Written): Str => (at ? { t: "string", v, at } : { t: "string", v });
export const num = (v: number, at?: Written): Num => (at ? { t: "number", v, at } : { t: "number", v });
export const bool = (v: boolean, at?: Written): Bool => (at ? { t: "boolean", v, at } : { t: "boolean", v });
export const NULL: Null = { t: "null" };

/** Member lookup: ARM property names are matched without case; the last of duplicates wins. */
export function memberOf(obj: Obj, key: string): ObjMember | undefined {
  for (let i = obj.members.length - 1; i >= 0; i--) if (obj.members[i]!.key === key) return obj.members[i];
  const lower = key.toLowerCase();
  for (let i = obj.members.length - 1; i >= 0; i--) if (obj.members[i]!.key.toLowerCase() === lower) return obj.members[i];
  return undefined;
}

/** The first unknown inside a value, when any. */
export function firstUnknown(value: Val, depth = 0): Unknown | undefined {
  if (value.t === "unknown") return value;
  if (depth > 64) return unknown("nested too deep");
  if (value.t === "array") {
    for (const item of value.items) {
      const u = firstUnknown(item, depth + 1);
      if (u) return u;
    }
    return value.partial ? unknown("an array with unknown items") : undefined;
  }
  if (value.t === "object") {
    for (const m of value.members) {
      const u = firstUnknown(m.value, depth + 1);
      if (u) return u;
    }
    return value.partial ? unknown("an object with unknown members") : undefined;
  }
  return undefined;
}

/** Deep equality as ARM's equals(): strings with case, objects by keys without order; undefined when unknown. */
export function equalValues(a: Val, b: Val, depth = 0): boolean | undefined {
  if (a.t === "unknown" || b.t === "unknown" || depth > 64) return undefined;
  if (a.t !== b.t) return false;
  switch (a.t) {
    case "null":
      return true;
    case "array": {
      const bb = b as Arr;
      if (a.partial || bb.partial) return undefined;
      if (a.items.length !== bb.items.length) return false;
      let out: boolean | undefined = true;
      for (let i = 0; i < a.items.length; i++) {
        const e = equalValues(a.items[i]!, bb.items[i]!, depth + 1);
        if (e === false) return false;
        if (e === undefined) out = undefined;
      }
      return out;
    }
    case "object": {
      const bb = b as Obj;
      if (a.partial || bb.partial) return undefined;
      const keys = new Set(a.members.map((m) => m.key.toLowerCase()));
      const other = new Set(bb.members.map((m) => m.key.toLowerCase()));
      if (keys.size !== other.size || [...keys].some((k) => !other.has(k))) return false;
      let out: boolean | undefined = true;
      for (const k of keys) {
        const e = equalValues(memberOf(a, k)!.value, memberOf(bb, k)!.value, depth + 1);
        if (e === false) return false;
        if (e === undefined) out = undefined;
      }
      return out;
    }
    default:
      return a.v === (b as Str | Num | Bool).v;
  }
}

/** The plain JSON of a known value (unknown parts as undefined), for string() and messages. */
export function plain(value: Val, depth = 0): unknown {
  if (depth > 64) return undefined;
  switch (value.t) {
    case "unknown":
      return undefined;
    case "null":
      return null;
    case "array":
      return value.items.map((i) => plain(i, depth + 1));
    case "object": {
      const out: Record<string, unknown> = {};
      for (const m of value.members) Object.defineProperty(out, m.key, { value: plain(m.value, depth + 1), enumerable: true, writable: true, configurable: true });
      return out;
    }
    default:
      return value.v;
  }
}

/** A value from plain JSON (json(), items()), all of it written at `at`. */
export function fromPlain(value: unknown, at: Written | undefined, depth = 0): Val {
  if (depth > 64) return unknown("nested too deep");
  if (value === null || value === undefined) return at ? { t: "null", at } : NULL;
  if (typeof value === "string") return str(value, at);
  if (typeof value === "number") return num(value, at);
  if (typeof value === "boolean") return bool(value, at);
  if (Array.isArray(value)) return { t: "array", items: value.map((v) => fromPlain(v, at, depth + 1)), ...(at ? { at } : {}) };
  return {
    t: "object",
    members: Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, ...(at ? { keyAt: at } : {}), value: fromPlain(v, at, depth + 1) })),
    ...(at ? { at } : {}),
  };
}
