/**
 * Local Terraform module calls: `module "image" { source = "./modules/image"  location = "westeurop" }` has
 * the called folder's image templates linted with the inputs the caller passes. The caller's values are
 * evaluated in the caller's module and stand in the caller's file; the module's own literals stand in the
 * module's file. Registry and git sources are not fetched, and calls inside the called module are not followed.
 */
import { readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { Diagnostic } from "../core/diagnostic.js";
import { TERRAFORM_TERMS, type ParameterValues, type ResolveScope } from "../find/resolve.js";
import { lintText, type LintOptions } from "../lint/index.js";
import { readText } from "../read/input.js";
import { moduleValues, readTerraformModule } from "../read/terraform-module.js";
import { lowerTerraform, type ModuleCall } from "../parse/terraform.js";
import { isWithin, realPath, repositoryOf } from "../util/paths.js";

/** At most this many module calls of a file are followed, and this many `.tf` files of each called folder read. */
const MAX_CALLS = 20;
const MAX_MODULE_FILES = 200;

export interface CallerFile {
  /** As shown in reports. */
  file: string;
  absolute: string;
  text: string;
}

export interface CalledFindings {
  diagnostics: Diagnostic[];
  /** The image templates linted through the calls (the caller then holds templates, through them). */
  templates: number;
  /** Module calls whose source is not a local folder (registry, git): not followed. */
  remote: { file: string; line: number; label: string; source: string }[];
}

/**
 * The findings the caller's inputs bring to the image templates of the local modules it calls. `linted`:
 * the files this run lints on their own; findings those give already are not repeated.
 */
export function calledModuleFindings(caller: CallerFile, options: LintOptions, maxBytes: number, cwd: string, linted: ReadonlySet<string>): CalledFindings {
  const out: CalledFindings = { diagnostics: [], templates: 0, remote: [] };
  const { parsed, calls } = lowerTerraform(caller.text);
  const root = parsed.documents[0]?.root;
  if (calls.length === 0 || root?.kind !== "object") return out;
  const callerFile = { name: caller.file, source: parsed.source };
  const outer: ResolveScope = { deployment: root, parameters: options.parameters, file: callerFile, terms: TERRAFORM_TERMS };
  const dir = dirname(caller.absolute);
  const repository = realPath(repositoryOf(dir));
  for (const call of calls.slice(0, MAX_CALLS)) {
    if (!/^\.\.?[\\/]/.test(call.source)) {
      out.remote.push({ file: caller.file, line: parsed.source.position(call.sourceAt.start).line, label: call.label, source: call.source });
      continue;
    }
    const called = resolve(dir, call.source);
    if (!isWithin(repository, realPath(called)) || called === dir) continue;
    const found = moduleFindings(call, called, outer, callerFile.name, parsed.source.position(call.sourceAt.start).line, options, maxBytes, cwd, linted);
    if (found) {
      out.templates += found.templates;
      out.diagnostics.push(...found.diagnostics);
    }
  }
  return out;
}

/** The findings in the called folder's image templates, and how many it has; undefined when it has none. */
function moduleFindings(call: ModuleCall, dir: string, outer: ResolveScope, callerName: string, callLine: number, options: LintOptions, maxBytes: number, cwd: string, linted: ReadonlySet<string>): { diagnostics: Diagnostic[]; templates: number } | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".tf")).sort().slice(0, MAX_MODULE_FILES);
  } catch {
    return undefined;
  }
  // a called module's own variables files are not loaded: only the root module's are
  const module = { ...readTerraformModule(dir, maxBytes, cwd), tfvars: undefined };
  const passed: ParameterValues = Object.assign(new Map(call.inputs), { outer });
  let out: { diagnostics: Diagnostic[]; templates: number } | undefined;
  for (const name of names) {
    const absolute = join(dir, name);
    let text: string;
    try {
      text = readText(absolute, "/", maxBytes);
    } catch {
      continue;
    }
    if (!/imagetemplates/i.test(text)) continue;
    const shown = relative(cwd, absolute) || absolute;
    const values = moduleValues(module, absolute, passed);
    const parameters = values === passed ? passed : Object.assign(values ?? new Map(), { outer });
    const result = lintText({ file: shown, text, explicit: false }, { ...options, parameters });
    if (result.templates.length === 0) continue;
    out ??= { diagnostics: [], templates: 0 };
    out.templates += result.templates.length;
    const found = result.diagnostics;
    // what the module gives on its own is its own file's finding, when this run lints it
    const alone = linted.has(absolute) ? new Set(lintText({ file: shown, text, explicit: false }, { ...options, parameters: moduleValues(module, absolute, undefined) }).diagnostics.map(key)) : new Set<string>();
    for (const d of found) {
      if (alone.has(key(d)) || d.ruleId === "no-template") continue;
      const { fixes: _fixes, ...rest } = d;
      out.diagnostics.push({ ...rest, message: `${d.message} (module "${call.label}" called at ${callerName}:${callLine})` });
    }
  }
  return out;
}

function key(d: Diagnostic): string {
  return `${d.ruleId}|${d.file}|${d.range.start.line}:${d.range.start.column}|${d.message}`;
}
