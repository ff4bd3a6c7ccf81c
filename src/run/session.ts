/**
 * One lint session: what every entry (the command line, its worker threads, the language server) uses to lint
 * files. It owns the options (configuration, parameters, mappings), the parsers loaded on demand, the checks
 * run before lint (checksums, ShellCheck: each URI and script once per session) and the per-file lint, with
 * its fixes and the Terraform modules a file calls. Drivers read files and hand the results on.
 */
import { dirname } from "node:path";
import type { FileResult } from "../core/result.js";
import { effectiveConfig, isIgnored } from "../config/resolve.js";
import type { Config, EffectiveConfig } from "../config/types.js";
import type { ParameterValues } from "../find/resolve.js";
import { lintText, type LintOptions } from "../lint/index.js";
import type { ApiVersion } from "../model/versions.js";
import { isBicepName } from "../parse/bicep-loader.js";
import { grammarFor, prepareGrammarsFor } from "../parse/grammars.js";
import type { ParsedFile } from "../parse/parsed.js";
import { isTerraformName } from "../parse/terraform-loader.js";
import { bicepFileReads, bicepImports, readFiles, withFileReads } from "../read/file-reads.js";
import { moduleReader } from "../read/modules.js";
import { moduleValues, readTerraformModule, type TerraformModule } from "../read/terraform-module.js";
import type { ShellcheckOutcome } from "../scripts/types.js";
import { withoutBom } from "../util/text.js";
import { fixInput, type FixMode } from "./fix-input.js";
import { newPrepareMemo, prepare, type Prepared, type PrepareInput, type PrepareOptions } from "./prepare.js";
import { calledModuleFindings, type CalledFindings } from "./terraform-calls.js";

export interface SessionSettings {
  /** Report names are relative to it; without it, to each file's own folder (the language server). */
  cwd?: string;
  parameters?: ParameterValues;
  apiVersion?: ApiVersion;
  /** Count each template's values checked and unknown. */
  valueStats?: boolean;
  reportUnusedDisables: boolean;
  maxFileSize: number;
  /** Files change between lints (an editor): a folder's Terraform variables are read again each time. */
  rereadFolders?: boolean;
}

/** A file to lint, read by the driver. */
export interface SessionFile {
  /** As shown in reports. */
  file: string;
  /** On disk; undefined for standard input without --stdin-filename and for unsaved editor buffers. */
  absolute: string | undefined;
  text: string;
  /** Named by the user (a file without templates is then worth a finding). */
  explicit?: boolean;
  /** Parsed already by the preparation; lint reuses it. */
  parsed?: ParsedFile;
}

/** What the checks outside the templates found, handed to the rules. */
export type External = Pick<LintOptions, "checksums" | "shellcheck">;

export interface Fixing {
  mode: FixMode;
  /** Where the fixed text is written (undefined: standard input, fixed in memory). */
  path: string | undefined;
  /** A link met by a walk or a glob may lead out of the folder: fixes write through links the user named only. */
  followLink: boolean;
}

export class LintSession {
  /** ShellCheck's findings by script text and each URI's hash, for the whole session. */
  private memo = newPrepareMemo();
  private readonly terraform = new Map<string, { base: LintOptions; module: TerraformModule }>();
  /** The options of the last file: the files of a folder share their effective configuration, and so their options. */
  private last: { effective: EffectiveConfig; external: External; options: LintOptions } | undefined;
  /** The files the session lints on their own: a module they call does not repeat their findings. */
  private readonly linted = new Set<string>();
  /** Module calls of Terraform files whose source is not a local folder: not followed. */
  readonly remoteCalls: CalledFindings["remote"] = [];

  constructor(
    readonly settings: SessionSettings,
    private readonly configFor: (absolute: string | undefined) => Config,
  ) {}

  /** Marks files as linted on their own by this session (before any is linted). */
  willLint(absolutes: Iterable<string>): void {
    for (const a of absolutes) this.linted.add(a);
  }

  /** Loads the parsers (Bicep, Terraform) these files need, again after a file broke one. */
  async loadParsers(names: readonly (string | undefined)[]): Promise<void> {
    await prepareGrammarsFor(names);
  }

  /** Whether a file's parser must be loaded again before it is linted (a file before it broke it). */
  parserBroken(name: string): boolean {
    return grammarFor(name)?.broken === true;
  }

  ignored(absolute: string): boolean {
    return isIgnored(this.configFor(absolute), absolute);
  }

  effective(absolute: string | undefined): EffectiveConfig {
    return effectiveConfig(this.configFor(absolute), absolute);
  }

  /**
   * Checksums and ShellCheck for these files: only what the session has not done yet. `anew`: a new request
   * of a long session (an edit): files on disk may have changed, and its time limits start now; ShellCheck's
   * findings by script text are kept.
   */
  async prepare(inputs: readonly PrepareInput[], options: PrepareOptions, anew = false): Promise<Prepared> {
    if (anew) {
      const { scripts, shellcheckNote } = this.memo;
      this.memo = { ...newPrepareMemo(), scripts, ...(shellcheckNote ? { shellcheckNote } : {}) };
    }
    return prepare(inputs, options, this.memo);
  }

  /** ShellCheck is not installed (or cannot run): it is not asked again. */
  get shellcheckMissing(): boolean {
    return this.memo.shellcheckNote !== undefined;
  }

  /** ShellCheck's findings in local scripts reached through a mapping, by absolute path. */
  get scriptFiles(): ReadonlyMap<string, ShellcheckOutcome> {
    return this.memo.scriptFiles;
  }

  /** ShellCheck's findings so far, by script text. */
  get scripts(): NonNullable<LintOptions["shellcheck"]> {
    return this.memo.scripts;
  }

  /** The options one file is linted with. */
  options(file: SessionFile, external: External = {}): LintOptions {
    const common = this.commonOptions(this.effective(file.absolute), file.absolute, external);
    if (!file.absolute) return common;
    if (isTerraformName(file.file)) return this.terraformOptions(common, file.absolute);
    if (isBicepName(file.file)) return this.bicepOptions(common, file.absolute, file.text);
    return common;
  }

  /** One file linted (and fixed, when asked), with the image templates of the local Terraform modules it calls. */
  lint(file: SessionFile, options: LintOptions = this.options(file), fixing?: Fixing): { result: FileResult; error?: string } {
    const input = { file: file.file, text: file.text, ...(file.explicit ? { explicit: true } : {}) };
    const fixed = fixing ? fixInput(input, options, fixing.mode, fixing.path, { followLink: fixing.followLink }) : undefined;
    const result = fixed?.result ?? lintText(file.parsed ? { ...input, parsed: file.parsed } : input, options);
    if (file.absolute && isTerraformName(file.file) && /\bmodule\b/.test(file.text)) {
      const cwd = this.cwdFor(file.absolute);
      const called = calledModuleFindings({ file: file.file, absolute: file.absolute, text: withoutBom(file.text) }, options, this.settings.maxFileSize, cwd, this.linted.size ? this.linted : new Set([file.absolute]));
      // a file whose templates are those of the modules it calls has templates
      if (called.templates) {
        result.diagnostics = result.diagnostics.filter((d) => d.ruleId !== "no-template");
        result.modules = (result.modules ?? 0) + called.templates;
      }
      result.diagnostics.push(...called.diagnostics);
      this.remoteCalls.push(...called.remote);
    }
    return { result, ...(fixed?.error ? { error: fixed.error } : {}) };
  }

  private cwdFor(absolute: string): string {
    return this.settings.cwd ?? dirname(absolute);
  }

  private commonOptions(effective: EffectiveConfig, absolute: string | undefined, external: External): LintOptions {
    const { last, settings } = this;
    // the language server's files each read modules from their own folder
    if (last?.effective === effective && last.external === external && (settings.cwd !== undefined || !absolute)) return last.options;
    const apiVersion = settings.apiVersion ?? effective.apiVersion;
    const options: LintOptions = {
      rules: effective.rules,
      regions: effective.regions,
      reportUnusedDisables: settings.reportUnusedDisables,
      ...(settings.parameters ? { parameters: settings.parameters } : {}),
      ...(apiVersion ? { defaultApiVersion: apiVersion } : {}),
      ...(settings.valueStats ? { valueStats: true } : {}),
      ...(settings.cwd !== undefined || absolute ? { readModule: moduleReader(settings.cwd ?? dirname(absolute!), settings.maxFileSize) } : {}),
      ...external,
    };
    this.last = { effective, external, options };
    return options;
  }

  /** A Terraform file's options: the values of its folder's variables files, under --parameters, and the azapi version. */
  private terraformOptions(base: LintOptions, absolute: string): LintOptions {
    const dir = dirname(absolute);
    let known = this.terraform.get(dir);
    if (known?.base !== base || this.settings.rereadFolders) {
      known = { base, module: readTerraformModule(dir, this.settings.maxFileSize, this.cwdFor(absolute)) };
      this.terraform.set(dir, known);
    }
    const { module } = known;
    const parameters = moduleValues(module, absolute, this.settings.parameters);
    return { ...base, ...(parameters ? { parameters } : {}), ...(module.azapi ? { azapi: module.azapi } : {}) };
  }

  /** A Bicep file's options: the texts of the local files it loads (loadTextContent, loadJsonContent, import) among the values. */
  private bicepOptions(base: LintOptions, absolute: string, text: string): LintOptions {
    const { maxFileSize } = this.settings;
    const cwd = this.cwdFor(absolute);
    const names = bicepFileReads(text);
    const imports = /^[ \t]*import\b/m.test(text) ? bicepImports(dirname(absolute), text, maxFileSize, cwd) : undefined;
    if (names.length === 0 && !imports?.size) return base;
    const reads = readFiles(dirname(absolute), names, maxFileSize, cwd);
    for (const [name, value] of imports ?? []) reads.set(name, value);
    const parameters = withFileReads(base.parameters, reads);
    return parameters === base.parameters ? base : { ...base, ...(parameters ? { parameters } : {}) };
  }
}
