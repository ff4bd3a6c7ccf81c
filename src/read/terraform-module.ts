/**
 * What a Terraform file's folder (its module) says beyond the file: the variables and locals its other
 * `.tf` files declare (a module's files share them), the variables files Terraform loads by itself (`terraform.tfvars`, then `*.auto.tfvars` and their `.json` forms, in name order), the azapi
 * provider's version (`.terraform.lock.hcl`, else the `required_providers` constraint), and the text of
 * the local files that `file()` and `templatefile()` read (inside the module's repository, size-bounded).
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import type { ParameterValues } from "../find/resolve.js";
import type { ValueNode } from "../parse/ast.js";
import { terraformDeclarations, unknownFileText } from "../parse/terraform.js";
import { providerVersions, type ProviderVersion } from "../parse/terraform-providers.js";
import { SourceText } from "../core/source.js";
import { readFiles, type ReadFiles } from "./file-reads.js";
import { readText } from "./input.js";
import { loadParameters } from "./parameters.js";

/** A `.tf` file of the module, with what it declares for the others. */
export interface ModuleFile {
  absolute: string;
  file: { name: string; source: SourceText; expressions?: boolean };
  declared: ReadonlySet<string>;
  defaults: ReadonlyMap<string, ValueNode>;
  locals: ReadonlyMap<string, ValueNode>;
}

export interface TerraformModule {
  /** The module's `.tf` files that declare variables or locals. */
  files?: ModuleFile[];
  /** The values of the variables files Terraform loads automatically, later files winning. */
  tfvars?: ParameterValues;
  /** The azapi provider's version, as the lock file or the constraints give it. */
  azapi?: ProviderVersion;
  /** The text of files the module reads, by the lower-case variable that stands for each (`file:x.sh`). */
  reads?: ReadFiles;
}

/** At most this many `.tf` files of a folder are read, each of at most this size (a module's files are small). */
const MAX_MODULE_FILES = 200;
const MAX_MODULE_FILE_BYTES = 1024 * 1024;

/**
 * The module of the folder `dir` (absolute); `maxBytes` bounds each file read, and files are named relative
 * to `cwd` in reports. The Terraform parser must be prepared.
 */
export function readTerraformModule(dir: string, maxBytes: number, cwd: string): TerraformModule {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return {};
  }
  const module: TerraformModule = {};
  const varFiles = [...names.filter((n) => n === "terraform.tfvars" || n === "terraform.tfvars.json"), ...names.filter((n) => /\.auto\.tfvars(?:\.json)?$/.test(n))];
  const values = mergedValues(varFiles.flatMap((n) => {
    try {
      return [loadParameters(relative(cwd, join(dir, n)) || n, cwd, maxBytes)];
    } catch {
      return []; // a broken variables file is Terraform's to report; its values are then unknown
    }
  }));
  if (values) module.tfvars = values;
  const sources: Array<{ name: string; source: SourceText }> = [];
  const lock = names.includes(".terraform.lock.hcl") ? readQuietly(join(dir, ".terraform.lock.hcl"), maxBytes) : undefined;
  if (lock !== undefined) sources.push({ name: relative(cwd, join(dir, ".terraform.lock.hcl")), source: new SourceText(lock) });
  const files: ModuleFile[] = [];
  const reads = new Set<string>();
  for (const name of names.filter((n) => n.endsWith(".tf")).slice(0, MAX_MODULE_FILES)) {
    const absolute = join(dir, name);
    const text = readQuietly(absolute, Math.min(maxBytes, MAX_MODULE_FILE_BYTES));
    if (text === undefined) continue;
    const shown = relative(cwd, absolute) || name;
    if (text.includes("azapi")) sources.push({ name: shown, source: new SourceText(text) });
    if (/\b(?:variable|locals|file|templatefile)\b/.test(text)) {
      const declarations = terraformDeclarations(text);
      const { source, declared, defaults, locals } = declarations;
      for (const read of declarations.reads) reads.add(read);
      // the module's files share one scope: their locals' expressions are evaluated, located in their file
      if (declared.size > 0 || locals.size > 0) files.push({ absolute, file: { name: shown, source, expressions: true }, declared, defaults, locals });
    }
  }
  if (files.length > 0) module.files = files;
  if (reads.size > 0) module.reads = readFiles(dir, [...reads], maxBytes, cwd, (name, text) => (name.startsWith("templatefile:") && /[$%]\{/.test(text) ? unknownFileText(name) : undefined));
  const azapi = providerVersions(sources, "azure/azapi");
  if (azapi) module.azapi = azapi;
  return module;
}

/**
 * The text of each file a `file:path` or `templatefile:path` variable names, relative to the module's folder;
 * one outside the module's repository (after links), missing or too large stays unknown. A template with
 * `${…}` or `%{…}` in it is unknown too (its variables are not evaluated).
 */
/**
 * The values a file of the module sees: the defaults and locals the module's other files declare (its own
 * are in its text, maybe newer than on disk), then the variables files, then `given` (--parameters).
 */
export function moduleValues(module: TerraformModule, absolute: string, given: ParameterValues | undefined): ParameterValues | undefined {
  const others = (module.files ?? []).filter((f) => f.absolute !== absolute);
  const defaults = others.map((f) => Object.assign(new Map(f.defaults), { file: f.file }));
  const merged = mergedValues([...defaults, module.tfvars, given].filter((p) => p !== undefined));
  const locals = new Map<string, { node: ValueNode; file: ModuleFile["file"] }>(module.reads ?? []);
  for (const f of others) for (const [name, node] of f.locals) locals.set(name, { node, file: f.file });
  const declared = new Set(others.flatMap((f) => [...f.declared]));
  if (locals.size === 0 && declared.size === 0) return merged;
  return Object.assign(merged ? new Map(merged) : new Map<string, ValueNode>(), { ...(merged?.file ? { file: merged.file } : {}), ...(merged?.files ? { files: merged.files } : {}), locals, declared });
}

/** Several variables files as one set of values, each value remembering the file it came from. */
export function mergedValues(files: readonly ParameterValues[]): ParameterValues | undefined {
  if (files.length === 0) return undefined;
  if (files.length === 1) return files[0];
  const values = new Map<string, ValueNode>();
  const byName = new Map<string, NonNullable<ParameterValues["file"]>>();
  for (const f of files) {
    for (const [name, value] of f) {
      values.set(name, value);
      const file = f.files?.get(name) ?? f.file;
      if (file) byName.set(name, file);
      else byName.delete(name);
    }
  }
  return Object.assign(values, { files: byName });
}

function readQuietly(path: string, maxBytes: number): string | undefined {
  try {
    return readText(path, "/", maxBytes);
  } catch {
    return undefined;
  }
}
