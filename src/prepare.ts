/**
 * The checks that reach outside the template, run before lint: file hashes (disk, and the network when
 * asked) and ShellCheck. Their results go to the rules through LintOptions, so levels, suppressions,
 * formats and exit codes treat these findings like any other.
 */
import type { ChecksumResult } from "./checksums/types.js";
import { stepUris, type UriMapping } from "./checksums/uris.js";
import { verifyChecksums } from "./checksums/verify.js";
import type { DownloadOptions } from "./checksums/fetch.js";
import type { ParameterValues } from "./find/resolve.js";
import { findTemplates } from "./find/templates.js";
import { formatFor, parseText } from "./parse/index.js";
import { inlineShellScripts } from "./scripts/collect.js";
import { runShellcheck, type ShellcheckOptions } from "./scripts/shellcheck.js";
import type { ShellcheckLookup, ShellFinding } from "./scripts/types.js";

export interface PrepareOptions {
  parameters?: ParameterValues;
  mappings: readonly UriMapping[];
  /** Download what no mapping covers (--verify-checksums). */
  verifyChecksums: boolean;
  /** Run ShellCheck (default true). */
  shellcheck?: boolean;
  shellcheckOptions?: ShellcheckOptions;
  download?: DownloadOptions;
}

export interface Prepared {
  checksums: Map<string, ChecksumResult>;
  shellcheck?: ShellcheckLookup;
  /** ShellCheck's findings in local scripts reached through a mapping, by absolute path. */
  scriptFiles: Map<string, ShellFinding[]>;
  /** Lines for the user about what could not be checked (e.g. ShellCheck missing). */
  notes: string[];
}

export async function prepare(inputs: readonly { file: string; text: string }[], options: PrepareOptions): Promise<Prepared> {
  const uris = new Map<string, boolean>();
  const scripts: string[] = [];
  for (const input of inputs) {
    const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
    // parse again only what can hold work for this stage
    const wantsScripts = options.shellcheck !== false && /inline/i.test(text);
    const wantsUris = (options.verifyChecksums || options.mappings.length > 0) && /(script|source)Uri/i.test(text);
    if (!wantsScripts && !wantsUris) continue;
    let documents;
    try {
      documents = parseText(text, formatFor(input.file, text)).documents;
    } catch {
      continue; // lint reports what cannot be parsed
    }
    for (const doc of documents) {
      if (doc.fatal) continue;
      for (const found of findTemplates(doc.root)) {
        for (const { uri, shell } of stepUris(found)) uris.set(uri, (uris.get(uri) ?? false) || shell);
        if (options.shellcheck !== false) scripts.push(...inlineShellScripts(found, options.parameters));
      }
    }
  }
  const checksums = await verifyChecksums(uris.keys(), { mappings: options.mappings, download: options.verifyChecksums, ...options.download });
  const prepared: Prepared = { checksums, scriptFiles: new Map(), notes: [] };
  if (options.shellcheck === false) return prepared;
  const localScripts = [...checksums].flatMap(([uri, r]) => (uris.get(uri) && "path" in r && r.path ? [r.path] : []));
  const run = await runShellcheck(scripts, [...new Set(localScripts)], options.shellcheckOptions);
  if (run.note) prepared.notes.push(run.note);
  if (run.scripts.size) prepared.shellcheck = (script) => run.scripts.get(script);
  prepared.scriptFiles = run.files;
  return prepared;
}
