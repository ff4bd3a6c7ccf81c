/**
 * A named file inside a mapped folder (`checksums.map`, `--map-uri`) stands for the templates whose
 * scriptUri or sourceUri map to it, so that a commit changing only a script still has its checksum checked.
 * Bounded: one walk of the scope per run, and only files whose text holds the mapping's URI prefix are parsed.
 */
import { extname, isAbsolute, relative, resolve } from "node:path";
import { findTemplates } from "../find/templates.js";
import { prepareGrammarsFor } from "../parse/grammars.js";
import { formatFor, parseText } from "../parse/index.js";
import { expandPaths, LINTABLE_EXTENSIONS, readText, type InputFile } from "../read/input.js";
import { withoutBom } from "../util/text.js";
import { mapUri, stepUris, type UriMapping } from "./uris.js";

export interface ReferrerScope {
  cwd: string;
  /** The folder whose templates are searched (the configuration's folder, or the working directory). */
  root: string;
  mappings: readonly UriMapping[];
  maxFileSize: number;
  /** Whether a template may be linted (not ignored by the configuration). */
  keep: (absolutePath: string) => boolean;
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/**
 * The inputs with each named mapped file followed by the templates that reference it (each file once).
 * A mapped file that is not itself lintable (a script) is replaced by them; one that no template
 * references stays as it was named.
 */
export async function withReferringTemplates(files: readonly InputFile[], scope: ReferrerScope): Promise<InputFile[]> {
  const absolute = (f: InputFile): string => f.absolute ?? resolve(scope.cwd, f.path);
  const mapped = files.filter((f) => f.explicit && f.path !== "-" && scope.mappings.some((m) => isInside(m.dir, absolute(f))));
  if (mapped.length === 0) return [...files];
  const referrers = await templatesReferring(new Set(mapped.map(absolute)), scope);
  const seen = new Set<string>();
  const out: InputFile[] = [];
  const add = (f: InputFile): void => {
    const key = f.path === "-" ? "-" : absolute(f);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(f);
  };
  for (const file of files) {
    const templates = file.path === "-" ? undefined : referrers.get(absolute(file));
    if (!templates?.length || LINTABLE_EXTENSIONS.has(extname(file.path).toLowerCase())) add(file);
    for (const template of templates ?? []) add(template);
  }
  return out;
}

/** For each script (absolute path), the files in scope holding a template whose step URI maps to it. */
async function templatesReferring(scripts: ReadonlySet<string>, scope: ReferrerScope): Promise<Map<string, InputFile[]>> {
  // a URI maps only when it starts with the prefix as written; a JSON escape (`\/`, `\u0073`) could hide it
  const prefixes = [...new Set(scope.mappings.filter((m) => [...scripts].some((s) => isInside(m.dir, s))).map((m) => m.prefix)), "\\"];
  const { files } = expandPaths([relative(scope.cwd, scope.root) || "."], scope.cwd);
  const candidates: { file: InputFile; text: string }[] = [];
  for (const file of files) {
    const path = file.absolute ?? resolve(scope.cwd, file.path);
    if (!scope.keep(path)) continue;
    let text: string;
    try {
      text = withoutBom(readText(file.path, scope.cwd, scope.maxFileSize, "", file.walked === true, path));
    } catch {
      continue; // a file that cannot be read is no referrer; linting it is another run's business
    }
    if (prefixes.some((prefix) => text.includes(prefix))) candidates.push({ file, text });
  }
  await prepareGrammarsFor(candidates.map((c) => c.file.path));
  const out = new Map<string, InputFile[]>();
  for (const { file, text } of candidates) {
    let documents;
    try {
      documents = parseText(text, formatFor(file.path, text)).documents;
    } catch {
      continue;
    }
    const named = new Set<string>();
    for (const doc of documents) {
      if (doc.fatal) continue;
      for (const found of findTemplates(doc.root)) {
        for (const { uri } of stepUris(found)) {
          const target = mapUri(uri, scope.mappings);
          if (target && "path" in target && scripts.has(target.path)) named.add(target.path);
        }
      }
    }
    for (const script of named) out.set(script, [...(out.get(script) ?? []), { ...file, explicit: true }]);
  }
  return out;
}
