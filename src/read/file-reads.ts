/**
 * The text of local files a template reads at compile time (Terraform's `file()`/`templatefile()`, Bicep's
 * `loadTextContent()`/`loadJsonContent()`), for the evaluator: relative to the file that reads them, inside
 * its repository (links resolved), size-bounded. Each is a variable named `file:PATH` (or
 * `templatefile:PATH`) whose value is the text, located in the file read.
 */
import { relative, resolve } from "node:path";
import type { ParameterValues } from "../find/resolve.js";
import { isExpression } from "../find/expressions.js";
import type { ValueNode } from "../parse/ast.js";
import { importedName, importOf, parseBicep } from "../parse/bicep.js";
import { SourceText } from "../core/source.js";
import { isWithin, realPath, repositoryOf } from "../util/paths.js";
import { readText } from "./input.js";

export type FileRef = { name: string; source: SourceText; expressions?: boolean };
export type ReadFiles = Map<string, { node: ValueNode; file: FileRef }>;

/** At most this many files, each of at most this size, are read for one template file. */
export const MAX_READ_FILES = 100;
export const MAX_READ_FILE_BYTES = 256 * 1024;

/** `templated(name, text)`: the value to give a file whose text is a template (unknown), or undefined to give its text. */
export function readFiles(dir: string, names: readonly string[], maxBytes: number, cwd: string, templated?: (name: string, text: string) => string | undefined): ReadFiles {
  const out: ReadFiles = new Map();
  const repository = realPath(repositoryOf(dir));
  for (const name of names.slice(0, MAX_READ_FILES)) {
    const colon = name.indexOf(":");
    const full = resolve(dir, name.slice(colon + 1));
    if (!isWithin(repository, realPath(full))) continue;
    const text = readQuietly(full, Math.min(maxBytes, MAX_READ_FILE_BYTES));
    if (text === undefined) continue;
    const file = { name: relative(cwd, full) || full, source: new SourceText(text) };
    const unknown = templated?.(name, text);
    // text that reads as an ARM expression is escaped as ARM escapes it: `[[`
    const value = unknown ?? (isExpression(text) ? `[${text}` : text);
    out.set(name.toLowerCase(), { node: { kind: "string", start: 0, end: unknown ? 0 : text.length, path: ["variables", name], value }, file });
  }
  return out;
}

function readQuietly(path: string, maxBytes: number): string | undefined {
  try {
    return readText(path, "/", maxBytes);
  } catch {
    return undefined;
  }
}

/** `parameters` with these files' texts among its locals (what the evaluator reads as `variables('file:…')`). */
export function withFileReads(parameters: ParameterValues | undefined, reads: ReadFiles): ParameterValues | undefined {
  if (reads.size === 0) return parameters;
  const locals = new Map([...(parameters?.locals ?? []), ...reads]);
  return Object.assign(parameters ? new Map(parameters) : new Map<string, ValueNode>(), {
    ...(parameters?.file ? { file: parameters.file } : {}),
    ...(parameters?.files ? { files: parameters.files } : {}),
    ...(parameters?.declared ? { declared: parameters.declared } : {}),
    ...(parameters?.outer ? { outer: parameters.outer } : {}),
    locals,
  });
}

/** The files a Bicep text loads with a literal path: `loadTextContent('x.sh')`, `loadJsonContent('x.json')`. */
export function bicepFileReads(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\bload(?:Text|Json)Content\s*\(\s*'((?:[^'\\\n]|\\.)*)'/g)) names.add(`file:${m[1]!.replace(/\\(.)/g, "$1")}`);
  return [...names];
}

/**
 * The variables a Bicep text imports from local files (`import {a} from 'shared.bicep'`, `import * as ns from …`),
 * as the variables `import:PATH#NAME`: each read where the other file writes it, when its value is written
 * out there (a value computed from that file's other names stays unknown).
 */
export function bicepImports(dir: string, text: string, maxBytes: number, cwd: string): ReadFiles {
  const out: ReadFiles = new Map();
  const repository = realPath(repositoryOf(dir));
  const statements = [...text.matchAll(/^[ \t]*(import\s*(?:\{[^}]*\}|\*\s*as\s+\w+)\s*from\s*'[^'\n]*')/gm)].slice(0, MAX_READ_FILES);
  for (const [, statement] of statements) {
    const { names, namespace, path } = importOf(statement!);
    if (!path) continue;
    const full = resolve(dir, path);
    if (!isWithin(repository, realPath(full))) continue;
    const imported = readQuietly(full, Math.min(maxBytes, MAX_READ_FILE_BYTES));
    if (imported === undefined) continue;
    const parsed = parseBicep(imported, undefined, true);
    const root = parsed.documents[0]?.root;
    const variables = root?.kind === "object" ? root.members.find((m) => m.key === "variables")?.value : undefined;
    if (variables?.kind !== "object") continue;
    const wanted = namespace ? variables.members.map((m) => m.key) : [...names.values()];
    const file = { name: relative(cwd, full) || full, source: parsed.source };
    for (const name of wanted) {
      const value = variables.members.find((m) => m.key === name)?.value;
      if (value && writtenOut(value)) out.set(importedName(path, name).toLowerCase(), { node: value, file });
    }
  }
  return out;
}

/** A value with no expression in it. */
function writtenOut(node: ValueNode): boolean {
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.kind === "string" && isExpression(n.value)) return false;
    if (n.kind === "object") for (const m of n.members) stack.push(m.value);
    else if (n.kind === "array") stack.push(...n.items);
  }
  return true;
}
