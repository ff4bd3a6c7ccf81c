/**
 * A provider's version as a Terraform module pins it: the version `.terraform.lock.hcl` records, or the
 * constraints of `required_providers` (`~> 2.4`, `>= 1.13, < 3`), as the range of versions they allow.
 */
import type { Node as TsNode } from "web-tree-sitter";
import type { SourceText } from "../core/source.js";
import { decodeQuoted } from "./terraform-expression.js";
import { parseTerraformTree } from "./terraform-loader.js";

export type Version = readonly [number, number, number];

/** Where a version or constraint is written. */
export interface WrittenAt {
  file: string;
  line: number;
  text: string;
}

export interface ProviderVersion {
  /** The lowest version allowed. */
  lowest: Version;
  /** Versions below this are allowed; undefined when there is no upper bound. */
  below?: Version;
  /** What says so: the lock file's version, or the constraints. */
  from: WrittenAt;
}

/** The version `source` (`azure/azapi`, lower case) is pinned to, the lock file first. */
export function providerVersions(files: ReadonlyArray<{ name: string; source: SourceText }>, source: string): ProviderVersion | undefined {
  const isLock = (f: { name: string }) => /(?:^|[\\/])\.terraform\.lock\.hcl$/.test(f.name);
  const lock = files.find(isLock);
  const locked = lock ? lockedVersion(lock, source) : undefined;
  if (locked) return locked;
  for (const f of files) {
    if (isLock(f)) continue;
    const constraint = requiredVersion(f, source);
    if (constraint) return constraint;
  }
  return undefined;
}

function withTree<T>(text: string, use: (root: TsNode) => T): T | undefined {
  const tree = parseTerraformTree(text);
  if ("stoppedAt" in tree) return undefined;
  try {
    return use(tree.rootNode);
  } finally {
    tree.delete();
  }
}

function named(node: TsNode): TsNode[] {
  return node.namedChildren.filter((c) => c.type !== "comment");
}

function blocksOf(node: TsNode): TsNode[] {
  const body = named(node).find((c) => c.type === "body");
  return body ? named(body).filter((c) => c.type === "block") : [];
}

/** The block's type and labels. */
function header(block: TsNode): string[] {
  const out: string[] = [];
  for (const c of named(block)) {
    if (c.type === "identifier") out.push(c.text);
    else if (c.type === "string_lit") out.push(decodeQuoted(c.text.slice(1, -1)));
    else break;
  }
  return out;
}

/** A literal string attribute of a block or object element. */
function stringOf(expression: TsNode | undefined): string | undefined {
  let node = expression;
  while (node && (node.type === "expression" || node.type === "literal_value" || node.type === "template_expr") && named(node).length === 1) node = named(node)[0];
  if (!node || (node.type !== "string_lit" && node.type !== "quoted_template") || named(node).some((c) => c.type === "template_interpolation")) return undefined;
  return decodeQuoted(node.text.slice(1, -1));
}

function attribute(block: TsNode, name: string): TsNode | undefined {
  const body = named(block).find((c) => c.type === "body");
  const found = body ? named(body).find((c) => c.type === "attribute" && named(c)[0]?.text === name) : undefined;
  return found ? named(found)[1] : undefined;
}

function lockedVersion(file: { name: string; source: SourceText }, source: string): ProviderVersion | undefined {
  return withTree(file.source.text, (root) => {
    for (const block of blocksOf(root)) {
      const [kind, address] = header(block);
      if (kind !== "provider" || !address || !address.toLowerCase().endsWith(`/${source}`)) continue;
      const value = attribute(block, "version");
      const version = parseVersion(stringOf(value) ?? "");
      if (!version || !value) continue;
      const next: Version = [version[0], version[1], version[2] + 1];
      return { lowest: version, below: next, from: at(file, value) };
    }
    return undefined;
  });
}

function requiredVersion(file: { name: string; source: SourceText }, source: string): ProviderVersion | undefined {
  return withTree(file.source.text, (root) => {
    for (const terraform of blocksOf(root).filter((b) => header(b)[0] === "terraform")) {
      for (const required of blocksOf(terraform).filter((b) => header(b)[0] === "required_providers")) {
        const body = named(required).find((c) => c.type === "body");
        for (const attr of body ? named(body).filter((c) => c.type === "attribute") : []) {
          const [, value] = named(attr);
          const constraint = providerConstraint(value, source, named(attr)[0]?.text ?? "");
          if (!constraint) continue;
          const range = allowedRange(constraint.text);
          if (range) return { ...range, from: at(file, constraint.node) };
        }
      }
    }
    return undefined;
  });
}

/** `azapi = { source = "Azure/azapi", version = "~> 2.4" }`, or the older `azapi = "~> 1.0"`. */
function providerConstraint(value: TsNode | undefined, source: string, localName: string): { text: string; node: TsNode } | undefined {
  if (!value) return undefined;
  const plain = stringOf(value);
  if (plain !== undefined) return localName === source.split("/")[1] ? { text: plain, node: value } : undefined;
  let object: TsNode | undefined = value;
  while (object && object.type !== "object" && named(object).length === 1) object = named(object)[0];
  if (object?.type !== "object") return undefined;
  const elements = new Map<string, TsNode>();
  for (const elem of named(object).filter((c) => c.type === "object_elem")) {
    const key = elem.childForFieldName("key")?.text.replace(/^"|"$/g, "");
    const val = elem.childForFieldName("val");
    if (key && val) elements.set(key, val);
  }
  const declared = stringOf(elements.get("source"))?.toLowerCase().replace(/^registry\.terraform\.io\//, "");
  const version = elements.get("version");
  const text = stringOf(version);
  return declared === source && version && text !== undefined ? { text, node: version } : undefined;
}

function at(file: { name: string; source: SourceText }, node: TsNode): WrittenAt {
  return { file: file.name, line: file.source.position(node.startIndex).line, text: node.text };
}

export function parseVersion(text: string): Version | undefined {
  const m = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?\s*$/.exec(text);
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The range a constraint string allows (`~> 2.4` is `>= 2.4.0, < 3.0.0`); undefined when it is not understood. */
export function allowedRange(constraint: string): { lowest: Version; below?: Version } | undefined {
  let lowest: Version = [0, 0, 0];
  let below: Version | undefined;
  const raise = (v: Version) => {
    if (compareVersions(v, lowest) > 0) lowest = v;
  };
  const cap = (v: Version) => {
    if (!below || compareVersions(v, below) < 0) below = v;
  };
  for (const part of constraint.split(",")) {
    const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*(v?\d+(?:\.\d+){0,2}(?:-[\w.]+)?)\s*$/.exec(part);
    if (!m) return undefined;
    const op = m[1] ?? "=";
    const version = parseVersion(m[2]!)!;
    const parts = m[2]!.replace(/^v/, "").split("-")[0]!.split(".").length;
    switch (op) {
      case "=":
        raise(version);
        cap([version[0], version[1], version[2] + 1]);
        break;
      case ">=":
        raise(version);
        break;
      case ">":
        raise([version[0], version[1], version[2] + 1]);
        break;
      case "<":
        cap(version);
        break;
      case "<=":
        cap([version[0], version[1], version[2] + 1]);
        break;
      case "~>":
        // only the rightmost part written may grow
        raise(version);
        cap(parts >= 3 ? [version[0], version[1] + 1, 0] : [version[0] + 1, 0, 0]);
        break;
      default:
        break; // != leaves the range as it is
    }
  }
  return below ? { lowest, below } : { lowest };
}
