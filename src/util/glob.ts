/**
 * Glob matching without backtracking regular expressions: `*` and `?` within a path segment, `[…]` classes,
 * `**` for any number of segments, `{a,b}` alternatives, `\` escapes. A pattern is matched segment by
 * segment with a reachability table, and a segment with the two-pointer wildcard algorithm, so matching
 * costs at most (pattern length × path length); a hostile `*a*a*a*a*c` cannot make it explode.
 */

type Token = { kind: "char"; char: string } | { kind: "any" } | { kind: "star" } | { kind: "class"; negated: boolean; ranges: [string, string][] };
type Segment = "**" | Token[];

export interface Glob {
  /** Each brace alternative, as segments. */
  alternatives: Segment[][];
}

/** Brace alternatives beyond this are refused: `{a,b}{c,d}…` multiplies. */
const MAX_ALTERNATIVES = 256;
const EXTGLOB = /[@!?+*]\(/;
/** A path is at most a few hundred characters; a glob of thousands is not one. */
const MAX_PATTERN = 1024;

export class GlobError extends Error {}

const cache = new Map<string, Glob>();

export function compileGlob(pattern: string): Glob {
  let glob = cache.get(pattern);
  if (!glob) {
    if (pattern.length > MAX_PATTERN) throw new GlobError(`a glob longer than ${MAX_PATTERN} characters is not a path pattern`);
    if (EXTGLOB.test(pattern)) throw new GlobError(`extended globs such as @(a|b) are not supported; write {a,b}`);
    const expanded = expandBraces(pattern);
    glob = { alternatives: expanded.map((alt) => alt.split("/").filter((s, i, all) => s !== "" || i === all.length - 1).map(segment)) };
    cache.set(pattern, glob);
  }
  return glob;
}

/** Whether the glob matches the whole path, or (with `prefix`) a leading run of its segments, as a folder does. */
export function globMatches(glob: Glob, path: string, prefix = false): boolean {
  const parts = path.split("/");
  return glob.alternatives.some((segments) => {
    // reach[j]: the segments so far can match exactly the first j path segments
    let reach = new Uint8Array(parts.length + 1);
    reach[0] = 1;
    for (const seg of segments) {
      const next = new Uint8Array(parts.length + 1);
      if (seg === "**") {
        let on = 0;
        for (let j = 0; j <= parts.length; j++) next[j] = on |= reach[j]!;
      } else {
        for (let j = 0; j < parts.length; j++) if (reach[j] && segmentMatches(seg, parts[j]!)) next[j + 1] = 1;
      }
      reach = next;
    }
    return prefix ? reach.some((r, j) => r === 1 && j > 0) : reach[parts.length] === 1;
  });
}

function segment(text: string): Segment {
  if (text === "**") return "**";
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length) tokens.push({ kind: "char", char: text[++i]! });
    else if (c === "*") {
      if (tokens[tokens.length - 1]?.kind !== "star") tokens.push({ kind: "star" });
    } else if (c === "?") tokens.push({ kind: "any" });
    else if (c === "[") {
      const parsed = charClass(text, i);
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else tokens.push({ kind: "char", char: c });
    } else tokens.push({ kind: "char", char: c });
  }
  return tokens;
}

function charClass(text: string, open: number): { token: Token; end: number } | undefined {
  let i = open + 1;
  const negated = text[i] === "!" || text[i] === "^";
  if (negated) i++;
  const ranges: [string, string][] = [];
  for (let first = true; i < text.length; first = false, i++) {
    let c = text[i]!;
    if (c === "]" && !first) return { token: { kind: "class", negated, ranges }, end: i };
    if (c === "\\" && i + 1 < text.length) c = text[++i]!;
    if (text[i + 1] === "-" && i + 2 < text.length && text[i + 2] !== "]") {
      ranges.push([c, text[i + 2]!]);
      i += 2;
    } else ranges.push([c, c]);
  }
  return undefined;
}

function tokenMatches(token: Token, c: string): boolean {
  if (token.kind === "char") return token.char === c;
  if (token.kind === "any") return true;
  if (token.kind === "class") return token.ranges.some(([lo, hi]) => c >= lo && c <= hi) !== token.negated;
  return false;
}

/** Two-pointer wildcard match: on a mismatch only the last star is widened, never earlier ones. */
function segmentMatches(tokens: readonly Token[], text: string): boolean {
  let t = 0;
  let s = 0;
  let star = -1;
  let mark = 0;
  while (s < text.length) {
    const token = tokens[t];
    if (token && token.kind !== "star" && tokenMatches(token, text[s]!)) {
      t++;
      s++;
    } else if (token?.kind === "star") {
      star = t++;
      mark = s;
    } else if (star >= 0) {
      t = star + 1;
      s = ++mark;
    } else return false;
  }
  while (tokens[t]?.kind === "star") t++;
  return t === tokens.length;
}

/** `a{b,c{d,e}}` → ab, acd, ace; an unbalanced brace is literal. */
function expandBraces(pattern: string): string[] {
  let out = [""];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\") {
      out = out.map((o) => o + pattern.slice(i, i + 2));
      i += 2;
      continue;
    }
    const close = c === "{" ? matchingBrace(pattern, i) : -1;
    if (close < 0) {
      out = out.map((o) => o + c);
      i++;
      continue;
    }
    const options = splitTopLevel(pattern.slice(i + 1, close)).flatMap(expandBraces);
    if (options.length < 2) {
      out = out.map((o) => o + pattern.slice(i, close + 1));
    } else {
      if (out.length * options.length > MAX_ALTERNATIVES) throw new GlobError(`the braces expand to more than ${MAX_ALTERNATIVES} patterns`);
      out = out.flatMap((o) => options.map((x) => o + x));
    }
    i = close + 1;
  }
  return out;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
