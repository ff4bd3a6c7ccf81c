/**
 * A single-pass parser for well-formed JSON with comments: builds the position-carrying tree, collects the
 * comments and duplicate keys as it goes. Anything it does not expect (a syntax error, nesting deeper than
 * the limit, a control character in a string, unusual white space) makes it give up and return undefined,
 * so that the full parser in json.ts explains the problem in words. Most files are well formed.
 */
import type { Member, PathSegment, ValueNode } from "./ast.js";
import { duplicateKey, type Comment, type SyntaxProblem } from "./parsed.js";
import type { SourceText } from "./source.js";

export interface FastParse {
  root: ValueNode | undefined;
  comments: Comment[];
  problems: SyntaxProblem[];
}

class GiveUp {}
const GIVE_UP = new GiveUp();

const ESCAPES: Record<number, string> = { 34: '"', 92: "\\", 47: "/", 98: "\b", 102: "\f", 110: "\n", 114: "\r", 116: "\t" };

export function parseJsonFast(text: string, source: SourceText, maxDepth: number): FastParse | undefined {
  let i = 0;
  const n = text.length;
  const comments: Comment[] = [];
  const problems: SyntaxProblem[] = [];

  const skip = (): void => {
    for (;;) {
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
    // at the opening quote
    let start = ++i;
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

  const value = (path: PathSegment[], depth: number): ValueNode => {
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) {
      if (depth >= maxDepth) throw GIVE_UP;
      i++;
      const members: Member[] = [];
      let seen: Map<string, number> | undefined;
      skip();
      if (text.charCodeAt(i) === 125) {
        i++;
        return { kind: "object", start, end: i, path, members };
      }
      for (;;) {
        if (text.charCodeAt(i) !== 34) throw GIVE_UP;
        const keyStart = i;
        const key = string();
        const keyEnd = i;
        skip();
        if (text.charCodeAt(i) !== 58 /* : */) throw GIVE_UP;
        i++;
        skip();
        // duplicates: a scan while the object is small, a map once it grows
        let earlier: number | undefined;
        if (seen) earlier = seen.get(key);
        else {
          for (let m = members.length - 1; m >= 0; m--) {
            if (members[m]!.key === key) {
              earlier = members[m]!.keyStart;
              break;
            }
          }
          if (members.length >= 16) seen = new Map(members.map((m) => [m.key, m.keyStart]));
        }
        if (earlier !== undefined) problems.push(duplicateKey(source, key, earlier, keyStart, keyEnd, path));
        seen?.set(key, keyStart);
        members.push({ key, keyStart, keyEnd, value: value([...path, key], depth + 1) });
        skip();
        const sep = text.charCodeAt(i);
        if (sep === 44 /* , */) {
          i++;
          skip();
          continue;
        }
        if (sep === 125) {
          i++;
          return { kind: "object", start, end: i, path, members };
        }
        throw GIVE_UP;
      }
    }
    if (c === 91 /* [ */) {
      if (depth >= maxDepth) throw GIVE_UP;
      i++;
      const items: ValueNode[] = [];
      skip();
      if (text.charCodeAt(i) === 93) {
        i++;
        return { kind: "array", start, end: i, path, items };
      }
      for (;;) {
        items.push(value([...path, items.length], depth + 1));
        skip();
        const sep = text.charCodeAt(i);
        if (sep === 44) {
          i++;
          skip();
          continue;
        }
        if (sep === 93) {
          i++;
          return { kind: "array", start, end: i, path, items };
        }
        throw GIVE_UP;
      }
    }
    if (c === 34) {
      const v = string();
      return { kind: "string", start, end: i, path, value: v };
    }
    if (c === 116 && text.startsWith("true", i)) {
      i += 4;
      return { kind: "boolean", start, end: i, path, value: true };
    }
    if (c === 102 && text.startsWith("false", i)) {
      i += 5;
      return { kind: "boolean", start, end: i, path, value: false };
    }
    if (c === 110 && text.startsWith("null", i)) {
      i += 4;
      return { kind: "null", start, end: i, path, value: null };
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m || m[0].length === 0) throw GIVE_UP;
    i += m[0].length;
    return { kind: "number", start, end: i, path, value: Number(m[0]) };
  };

  try {
    skip();
    if (i >= n) return { root: undefined, comments, problems };
    const root = value([], 0);
    skip();
    if (i < n) return undefined;
    // a word right after a number or literal (`truex`, `12abc`) is a syntax error the full parser names
    return { root, comments, problems };
  } catch (e) {
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
}
