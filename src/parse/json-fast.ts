/** A single-pass parser for well-formed JSON with comments; on anything else it gives up (undefined) and json.ts's full parser explains it. */
import type { Member, PathSegment, ValueNode } from "./ast.js";
import { duplicateKey, type Comment, type SyntaxProblem } from "./parsed.js";
import type { SourceText } from "../core/source.js";
import { type Built, BuiltArray, BuiltLeaf, BuiltObject } from "./tree.js";

export interface FastParse {
  root: ValueNode | undefined;
  comments: Comment[];
  problems: SyntaxProblem[];
}

class GiveUp {}
const GIVE_UP = new GiveUp();

/** A container's members or items until they are known: one shared array, not one per container. */
const UNFILLED: readonly unknown[] = Object.freeze([]);

/** The rest of a string without escapes or control characters, and its closing quote. */
const PLAIN_STRING = /[^"\\\u0000-\u001f]*"/y;

const ESCAPES: Record<number, string> = { 34: '"', 92: "\\", 47: "/", 98: "\b", 102: "\f", 110: "\n", 114: "\r", 116: "\t" };

/** Distinct short strings shared per parse of a large file: keys and short values repeat (its memory). */
const INTERN_MIN_TEXT = 1024 * 1024;
const INTERN_MAX_LENGTH = 40;
const INTERN_MAX_ENTRIES = 16_384;

export function parseJsonFast(text: string, source: SourceText, maxDepth: number): FastParse | undefined {
  let i = 0;
  const interned = new Map<string, string>();
  const share = text.length >= INTERN_MIN_TEXT;
  const intern = (value: string): string => {
    if (!share || value.length > INTERN_MAX_LENGTH) return value;
    const known = interned.get(value);
    if (known !== undefined) return known;
    if (interned.size < INTERN_MAX_ENTRIES) interned.set(value, value);
    return value;
  };
  // members and items of the containers being built: each container takes an exact-size copy of its own
  // (a growing array keeps spare room, a third of a large file's tree)
  // (a top index, not stack.length: setting an array's length calls into the runtime)
  const stack: unknown[] = [];
  let top = 0;
  const n = text.length;
  const comments: Comment[] = [];
  const problems: SyntaxProblem[] = [];

  const skip = (): void => {
    // (reading past the end would give NaN, and V8 would drop this function's optimised code for it)
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else if (c === 47) {
        const next = text.charCodeAt(i + 1);
        const start = i;
        if (next === 47) {
          let end = i + 2;
          while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
          comments.push({ text: text.slice(start + 2, end).trim(), start, end });
          i = end;
        } else if (next === 42) {
          const close = text.indexOf("*/", i + 2);
          if (close < 0) throw GIVE_UP;
          comments.push({ text: text.slice(start + 2, close).trim(), start, end: close + 2 });
          i = close + 2;
        } else throw GIVE_UP;
      } else return;
    }
  };

  const string = (): string => {
    // at the opening quote; most strings are plain (no escape): one native match finds the closing quote
    let start = ++i;
    PLAIN_STRING.lastIndex = start;
    if (PLAIN_STRING.test(text)) {
      i = PLAIN_STRING.lastIndex;
      return text.slice(start, i - 1);
    }
    let out = "";
    for (;;) {
      if (i >= n) throw GIVE_UP;
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(start, i++);
        return out;
      }
      if (c < 32) throw GIVE_UP;
      if (c === 92) {
        out += text.slice(start, i);
        const e = text.charCodeAt(i + 1);
        const simple = ESCAPES[e];
        if (simple !== undefined) i += 2;
        else if (e === 117) {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw GIVE_UP;
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          start = i;
          continue;
        } else throw GIVE_UP;
        out += simple;
        start = i;
        continue;
      }
      i++;
    }
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  const value = (parent: Built | undefined, segment: PathSegment | undefined, depth: number): ValueNode => {
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) {
      if (depth >= maxDepth) throw GIVE_UP;
      i++;
      const node = new BuiltObject(start, start, parent, segment, UNFILLED as Member[]);
      const mark = top;
      let seen: Map<string, number> | undefined;
      skip();
      if (text.charCodeAt(i) === 125) {
        node.end = ++i;
        node.members = [];
        return node;
      }
      for (;;) {
        if (text.charCodeAt(i) !== 34) throw GIVE_UP;
        const keyStart = i;
        const key = intern(string());
        const keyEnd = i;
        skip();
        if (text.charCodeAt(i) !== 58 /* : */) throw GIVE_UP;
        i++;
        skip();
        // duplicates: a scan while the object is small, a map once it grows
        let earlier: number | undefined;
        if (seen) earlier = seen.get(key);
        else {
          for (let m = top - 1; m >= mark; m--) {
            const other = stack[m] as Member;
            if (other.key === key) {
              earlier = other.keyStart;
              break;
            }
          }
          if (top - mark >= 16) seen = new Map((stack.slice(mark, top) as Member[]).map((m) => [m.key, m.keyStart]));
        }
        if (earlier !== undefined) problems.push(duplicateKey(source, key, earlier, keyStart, keyEnd, node.path));
        seen?.set(key, keyStart);
        const member: Member = { key, keyStart, keyEnd, value: value(node, key, depth + 1) };
        stack[top++] = member;
        skip();
        const sep = text.charCodeAt(i);
        if (sep === 44 /* , */) {
          i++;
          skip();
          continue;
        }
        if (sep === 125) {
          node.end = ++i;
          node.members = stack.slice(mark, top) as Member[];
          top = mark;
          return node;
        }
        throw GIVE_UP;
      }
    }
    if (c === 91 /* [ */) {
      if (depth >= maxDepth) throw GIVE_UP;
      i++;
      const node = new BuiltArray(start, start, parent, segment, UNFILLED as ValueNode[]);
      const mark = top;
      skip();
      if (text.charCodeAt(i) === 93) {
        node.end = ++i;
        node.items = [];
        return node;
      }
      for (;;) {
        const item = value(node, top - mark, depth + 1);
        stack[top++] = item;
        skip();
        const sep = text.charCodeAt(i);
        if (sep === 44) {
          i++;
          skip();
          continue;
        }
        if (sep === 93) {
          node.end = ++i;
          node.items = stack.slice(mark, top) as ValueNode[];
          top = mark;
          return node;
        }
        throw GIVE_UP;
      }
    }
    if (c === 34) {
      const v = intern(string());
      return new BuiltLeaf(v, start, i, parent, segment) as ValueNode;
    }
    if (c === 116 && text.startsWith("true", i)) {
      i += 4;
      return new BuiltLeaf(true, start, i, parent, segment) as ValueNode;
    }
    if (c === 102 && text.startsWith("false", i)) {
      i += 5;
      return new BuiltLeaf(false, start, i, parent, segment) as ValueNode;
    }
    if (c === 110 && text.startsWith("null", i)) {
      i += 4;
      return new BuiltLeaf(null, start, i, parent, segment) as ValueNode;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m || m[0].length === 0) throw GIVE_UP;
    const number = Number(m[0]);
    // 1e400 is Infinity: the full parser reports it
    if (!Number.isFinite(number)) throw GIVE_UP;
    i += m[0].length;
    return new BuiltLeaf(number, start, i, parent, segment) as ValueNode;
  };

  try {
    skip();
    if (i >= n) return { root: undefined, comments, problems };
    const root = value(undefined, undefined, 0);
    skip();
    if (i < n) return undefined;
    // a word right after a number or literal (`truex`, `12abc`) is a syntax error the full parser names
    return { root, comments, problems };
  } catch (e) {
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
}
