/** Command line: `aib-lint [options] <paths...>`, `aib-lint rules`, `aib-lint explain <rule>`. */
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { SEVERITY_RANK, type Severity } from "./core/diagnostic.js";
import type { LintOptions } from "./lint/index.js";
import type { FileOutcome, RunSettings } from "./run/lint-files.js";
import { cacheFilePath, hashText, ResultCache } from "./run/cache.js";
import { lintInParallel } from "./run/parallel.js";
import { DEFAULT_MAX_FILE_SIZE, describeFsError, expandPaths, MAX_FILE_SIZE_LIMIT, type InputFile } from "./read/input.js";
import { displayText } from "./report/escape.js";
import { FORMATTERS } from "./report/index.js";
import { describeHidden, emptySearches, judge, stdinFilenameProblem } from "./cli-support.js";
import type { ReportContext } from "./report/types.js";
import { CATALOG, ruleMeta } from "./lint/catalog.js";
import { ruleCatalogJson, ruleTable } from "./report/rule-table.js";
import { API_VERSIONS, isApiVersion, type ApiVersion } from "./model/versions.js";
import { nodeChildProcess } from "./util/builtins.js";
import { closest, errorText } from "./util/text.js";
import { loadParameters } from "./read/parameters.js";
import { prepareGrammarsFor } from "./parse/grammars.js";
import { ConfigError, defaultConfig, findConfig, loadConfig } from "./config/load.js";
import { effectiveConfig, isIgnored } from "./config/resolve.js";
import type { Config } from "./config/types.js";
import { toolVersion } from "./package-info.js";
import type { FixMode } from "./run/fix-input.js";
import { parseMapping, type UriMapping } from "./checksums/uris.js";
import { withReferringTemplates } from "./checksums/referrers.js";
import { scriptResults, wantsPreparation, type PrepareOptions } from "./run/prepare.js";
import { statsText } from "./lint/stats.js";

export { toolVersion };

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input, asked for only when `-` is linted (creating process.stdin costs start-up time). */
  stdin?: () => NodeJS.ReadableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  /** Standard error is a terminal (the report goes there when --fix fixes standard input). */
  stderrIsTTY?: boolean;
  /** The bundle, which worker threads run for big runs (absent in-process: one thread). */
  workerScript?: URL;
}

export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

/** `--report FORMAT=FILE`: one more report of the same run, written to a file. */
interface ReportFile {
  format: string;
  file: string;
}

interface LintFlags {
  format: string;
  config?: string | false;
  printConfig?: string;
  failLevel: Severity;
  reportUnusedDisables: boolean;
  ignoreNonTemplates?: boolean;
  stdinFilename?: string;
  quiet?: boolean;
  maxWarnings?: number;
  color?: boolean;
  output?: string;
  report?: ReportFile[];
  parameters?: string;
  apiVersion?: ApiVersion;
  maxFileSize: number;
  verifyChecksums?: boolean;
  mapUri?: UriMapping[];
  shellcheck: boolean;
  fix?: boolean;
  fixDryRun?: boolean;
  stats?: boolean;
  cache?: boolean;
  cacheLocation?: string;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  // a .bicep argument: the WebAssembly parser compiles in the background meanwhile (errors are reported where it is awaited)
  prepareGrammarsFor(argv).catch(() => undefined);
  let exitCode: number = EXIT.clean;
  const program = new Command("aib-lint")
    .description("Lint Azure Image Builder image templates (JSON, JSONC, YAML, ARM deployment templates, Bicep).")
    .version(toolVersion(), "-v, --version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(`aib-lint: ${text.replace(/^error: /, "")}`) })
    .showSuggestionAfterError(true)
    .enablePositionalOptions();

  program
    .usage("[options] <paths...>   |   aib-lint rules | explain <rule> | schema | lsp")
    .argument("[paths...]", "files, directories or quoted globs to lint; - reads standard input")
    .addOption(new Option("-f, --format <format>", "output format").choices(Object.keys(FORMATTERS)).default("stylish"))
    .option("-o, --output <file>", "write the report to a file (the console still gets the stylish report)")
    .option("--report <format=file>", "also write the same findings in another format to a file, e.g. sarif=aib-lint.sarif (repeatable; the console report is unchanged)", (v: string, list: ReportFile[] = []) => [...list, parseReportFile(v)])
    .option("--stdin-filename <name>", "name of the file read from standard input, used in reports")
    .option("-q, --quiet", "report errors only (the exit code still counts every finding)")
    .option("--max-warnings <n>", "exit 1 when there are more than n warnings", parseCount)
    .option("--parameters <file>", "parameters file used to resolve parameter references: ARM JSON, .bicepparam, or Terraform .tfvars (added to the folder's terraform.tfvars and *.auto.tfvars)")
    .option("--stats", "print to standard error how many template values were checked and why the others stayed unknown")
    .option("--api-version <version>", "API version for templates whose apiVersion cannot be resolved", parseApiVersion)
    .option("-c, --config <file>", "configuration file (default: the nearest .aib-lint.yaml, .aib-lint.yml or .aib-lint.json upwards)")
    .option("--no-config", "ignore configuration files")
    .option("--print-config <file>", "print the configuration in force for a file and exit")
    .addOption(new Option("--fail-level <level>", "lowest severity that makes the exit code 1").choices(["error", "warning", "info"]).default("error"))
    .option("--no-report-unused-disables", "do not report suppressions that suppress nothing")
    .option("--ignore-non-templates", "skip named files that hold no image template silently (for pre-commit)")
    .addOption(
      new Option("--max-file-size <MB>", `largest file read, in MB (at most ${MAX_FILE_SIZE_LIMIT / 1024 / 1024})`)
        .argParser(parseFileSize)
        .default(DEFAULT_MAX_FILE_SIZE, String(DEFAULT_MAX_FILE_SIZE / 1024 / 1024)),
    )
    .option("--no-color", "never colour the output")
    .option("--verify-checksums", "download the files behind scriptUri/sourceUri and check their sha256Checksum")
    .option("--map-uri <prefix=dir>", "read URIs starting with prefix from the local folder dir (repeatable; no network needed)", (v: string, list: UriMapping[] = []) => [...list, parseMapUri(v, io.cwd)])
    .option("--no-shellcheck", "do not run ShellCheck on inline Shell scripts")
    .option("--fix", "fix what is safe to fix, in place, then report what remains (standard input: fixed text to stdout, report to stderr)")
    .option("--cache", "remember each file's result and lint only what changed (JSON and YAML files; not with --fix, --verify-checksums or mapped folders)")
    .option("--cache-location <path>", "the cache file, or a folder to keep .aib-lint-cache in (default: .aib-lint-cache in the working directory)")
    .option("--fix-dry-run", "report what would remain after --fix without changing any file (--format json carries each fixed output)")
    .action(async (paths: string[], flags: LintFlags) => {
      exitCode = await lintCommand(paths, flags, io);
    });

  program
    .command("rules")
    .description("list every rule with its default severity and the API versions it applies to")
    .addOption(new Option("-f, --format <format>", "table, or json for tooling").choices(["table", "json"]).default("table"))
    .action((options: { format: "table" | "json" }) => {
      io.stdout(options.format === "json" ? ruleCatalogJson() : ruleTable());
    });

  program
    .command("explain")
    .description("print a rule's full explanation with examples")
    .argument("<rule>", "rule id, as in the reports")
    .action((id: string) => {
      const meta = ruleMeta(id);
      if (!meta) {
        const ids = CATALOG.map((r) => r.id);
        const suggestion = ids.find((r) => r.startsWith(id)) ?? closest(id, ids);
        io.stderr(`aib-lint: unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ""} (\`aib-lint rules\` lists them)\n`);
        exitCode = EXIT.usage;
        return;
      }
      const lines = [`${meta.id} (${meta.severity}; ${meta.versions}${meta.fixable ? "; fixable with --fix" : ""})`, "", meta.description, "", meta.docs];
      if (meta.examples) lines.push("", "Bad:", `  ${meta.examples.bad}`, "", "Good:", `  ${meta.examples.good}`);
      io.stdout(`${lines.join("\n")}\n`);
    });

  program
    .command("lsp")
    .description("run the language server (LSP over standard input and output) for editors")
    .option("--stdio", "talk over standard input and output (the only transport; editors pass it)")
    .allowUnknownOption()
    .action(async () => {
      exitCode = await (await import("./lsp/server.js")).runStdio();
    });

  program
    .command("schema")
    .description("print a JSON Schema (draft-07) of the image template resource for editors")
    .option("--api-version <version>", "API version (default: the latest)", parseApiVersion)
    .action(async (flags: { apiVersion?: ApiVersion }) => {
      io.stdout((await import("./schema/editor.js")).editorSchemaText(flags.apiVersion ?? (program.opts() as LintFlags).apiVersion));
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return EXIT.clean;
      return EXIT.usage;
    }
    io.stderr(`aib-lint: internal error: ${displayText(errorText(e))}\n`);
    if (io.env.AIB_LINT_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return EXIT.usage;
  }
}

function parseMapUri(value: string, cwd: string): UriMapping {
  const mapping = parseMapping(value, cwd);
  if (!mapping || !/^https?:\/\/./i.test(mapping.prefix)) throw new InvalidArgumentError("expected PREFIX=DIR, e.g. https://example.org/scripts/=./scripts");
  return mapping;
}

function parseReportFile(value: string): ReportFile {
  const at = value.indexOf("=");
  const format = value.slice(0, at);
  if (at <= 0 || at === value.length - 1 || !(format in FORMATTERS)) throw new InvalidArgumentError(`expected FORMAT=FILE with FORMAT one of ${Object.keys(FORMATTERS).join(", ")}, e.g. sarif=aib-lint.sarif`);
  return { format, file: value.slice(at + 1) };
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number of 0 or more");
  return Number(value);
}

function parseFileSize(value: string): number {
  const mb = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || mb <= 0 || mb * 1024 * 1024 > MAX_FILE_SIZE_LIMIT) throw new InvalidArgumentError(`expected a size in MB above 0 and at most ${MAX_FILE_SIZE_LIMIT / 1024 / 1024}`);
  return Math.floor(mb * 1024 * 1024);
}

/**
 * Whether the report file is one of the inputs. A report file that does not exist yet can only be named
 * as one; one that exists is compared by device and inode, which also sees through symbolic and hard links
 * (one stat per input, and only then).
 */
function outputClash(output: string, inputs: readonly string[]): boolean {
  if (inputs.includes(output)) return true;
  const target = statIfAny(output);
  if (!target) return false;
  return inputs.some((input) => {
    const s = statIfAny(input);
    return s !== undefined && s.ino === target.ino && s.dev === target.dev;
  });
}

/**
 * Why the report file must not be written, when it is a file the run reads besides the inputs: the
 * configuration, the --parameters file, or an existing file in a folder --map-uri or checksums.map maps.
 */
function outputReadProblem(output: string, reads: { config?: string; parameters?: string; mappings: readonly UriMapping[] }): string | undefined {
  if (reads.config && outputClash(output, [reads.config])) return "the configuration file";
  if (reads.parameters && outputClash(output, [reads.parameters])) return "the --parameters file";
  const real = realPathIfAny(output);
  if (!real) return undefined;
  const mapping = reads.mappings.find((m) => {
    const dir = realPathIfAny(m.dir);
    return dir !== undefined && real.startsWith(dir.endsWith(sep) ? dir : dir + sep);
  });
  return mapping && `a file in the folder mapped for ${mapping.prefix} (--map-uri or checksums.map)`;
}

function realPathIfAny(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

function statIfAny(path: string): { dev: number; ino: number } | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function parseApiVersion(value: string): ApiVersion {
  if (!isApiVersion(value)) throw new InvalidArgumentError(`expected one of ${API_VERSIONS.join(", ")}`);
  return value;
}

function loadConfiguration(flags: LintFlags, io: CliIo): Config {
  if (flags.config === false) return defaultConfig(io.cwd);
  const path = flags.config ? resolve(io.cwd, flags.config) : findConfig(io.cwd);
  return path ? loadConfig(path) : defaultConfig(io.cwd);
}

async function lintCommand(paths: string[], flags: LintFlags, io: CliIo): Promise<number> {
  let config: Config;
  try {
    config = loadConfiguration(flags, io);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr(`aib-lint: ${displayText(e.message)}\n`);
    return EXIT.usage;
  }
  if (flags.printConfig) {
    const file = resolve(io.cwd, flags.printConfig);
    const effective = effectiveConfig(config, file);
    const shown = { configFile: config.path ?? null, ignored: isIgnored(config, file), ...effective, apiVersion: flags.apiVersion ?? effective.apiVersion ?? null };
    io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
    return EXIT.clean;
  }
  const stdinProblem = stdinFilenameProblem(paths, flags.stdinFilename);
  if (stdinProblem) {
    io.stderr(`aib-lint: ${displayText(stdinProblem)}\n`);
    return EXIT.usage;
  }
  if (paths.length === 0) {
    io.stderr("aib-lint: no files given; usage: aib-lint [options] <paths...> (see aib-lint --help)\n");
    return EXIT.usage;
  }
  // a report never overwrites what the run reads: checked before anything is read
  const reportFiles = [...(flags.output ? [{ option: "--output", file: flags.output }] : []), ...(flags.report ?? []).map((r) => ({ option: "--report", file: r.file }))];
  if (reportFiles.length > 0) {
    const mappings = [...(flags.mapUri ?? []), ...(config.uriMappings ?? [])];
    const reads = { ...(config.path ? { config: config.path } : {}), ...(flags.parameters ? { parameters: resolve(io.cwd, flags.parameters) } : {}), mappings };
    for (const { option, file } of reportFiles) {
      const problem = outputReadProblem(resolve(io.cwd, file), reads);
      if (problem) {
        io.stderr(`aib-lint: ${option} ${displayText(file)} is ${displayText(problem)}; the report would overwrite it\n`);
        return EXIT.usage;
      }
    }
  }
  let parameters: LintOptions["parameters"];
  if (flags.parameters) {
    try {
      await prepareGrammarsFor([flags.parameters]);
      parameters = loadParameters(flags.parameters, io.cwd, flags.maxFileSize);
    } catch (e) {
      io.stderr(`aib-lint: ${displayText(errorText(e))}\n`);
      return EXIT.usage;
    }
  }
  const expanded = expandPaths(paths, io.cwd);
  const { errors, searched } = expanded;
  if (errors.length) {
    // a path that cannot be read is a usage error: no report, so that nothing downstream reads a pass
    for (const e of errors) io.stderr(`aib-lint: ${displayText(e.message)}\n`);
    return EXIT.usage;
  }
  const mappings = [...(flags.mapUri ?? []), ...(config.uriMappings ?? [])];
  // a named script of a mapped folder brings the templates that reference it (checksum drift in pre-commit)
  const files = await withReferringTemplates(expanded.files, { cwd: io.cwd, root: config.path ? config.baseDir : io.cwd, mappings, maxFileSize: flags.maxFileSize, keep: (path) => !isIgnored(config, path) });
  const inputs = files.filter((f) => f.path !== "-").map((f) => resolve(io.cwd, f.path));
  for (const [index, { option, file }] of reportFiles.entries()) {
    const target = resolve(io.cwd, file);
    const problem = outputClash(target, inputs) ? "is one of the files to lint; the report would overwrite it" : reportFiles.slice(0, index).some((r) => resolve(io.cwd, r.file) === target) ? "is named for two reports" : undefined;
    if (problem) {
      io.stderr(`aib-lint: ${option} ${displayText(file)} ${problem}\n`);
      return EXIT.usage;
    }
  }
  try {
    await prepareGrammarsFor(files.map((f) => (f.path === "-" ? flags.stdinFilename : f.path)));
  } catch (e) {
    io.stderr(`aib-lint: ${displayText(errorText(e))}\n`);
    return EXIT.usage;
  }
  if (flags.fix && flags.fixDryRun) {
    io.stderr("aib-lint: --fix and --fix-dry-run cannot be used together\n");
    return EXIT.usage;
  }
  const fixMode: FixMode | undefined = flags.fix ? "write" : flags.fixDryRun ? "dry-run" : undefined;
  const settings: RunSettings = {
    cwd: io.cwd,
    config,
    reportUnusedDisables: flags.reportUnusedDisables,
    maxFileSize: flags.maxFileSize,
    keepSource: flags.format === "pretty" || (flags.report ?? []).some((r) => r.format === "pretty"),
    ...(parameters ? { parameters } : {}),
    ...(flags.apiVersion ? { apiVersion: flags.apiVersion } : {}),
    ...(flags.stats || flags.format === "json" || flags.format === "sarif" ? { valueStats: true } : {}),
    ...(flags.stdinFilename ? { stdinFilename: flags.stdinFilename } : {}),
    ...(flags.ignoreNonTemplates ? { ignoreNonTemplates: true } : {}),
    ...(io.stdin ? { stdin: io.stdin } : {}),
    ...(fixMode ? { fixMode } : {}),
  };
  // checksums and ShellCheck reach outside the templates: done batch by batch, before those files are linted
  const prepareOptions: PrepareOptions = {
    ...(parameters ? { parameters } : {}),
    mappings,
    verifyChecksums: flags.verifyChecksums === true,
    // a mapped or downloaded file is held to the inputs' size limit
    download: { maxBytes: flags.maxFileSize },
    shellcheck: flags.shellcheck && config.rules.shellcheck?.level !== "off",
    ...(io.env.AIB_LINT_SHELLCHECK ? { shellcheckOptions: { command: io.env.AIB_LINT_SHELLCHECK } } : {}),
  };
  if (wantsPreparation(prepareOptions)) settings.prepare = prepareOptions;
  // a file's remembered result holds while nothing it depends on changed; results fed by other files are linted again
  const cache = flags.cache && !fixMode && !flags.verifyChecksums && mappings.length === 0 ? ResultCache.open(cacheFilePath(flags.cacheLocation, io.cwd), cacheKey(config, settings, prepareOptions, flags.parameters, io)) : undefined;
  const cached = cache?.split(files, io.cwd, flags.maxFileSize, settings.keepSource);
  const linted = await lintInParallel(cached ? cached.misses : files, settings, io.workerScript);
  const { notes, scriptFiles } = linted;
  const outcomes = cached ? inFileOrder(files, cached.hits, linted.outcomes) : linted.outcomes;
  if (cache && cached) {
    for (const outcome of linted.outcomes) {
      const absolute = resolve(io.cwd, outcome.result.file);
      const hash = cached.hashes.get(absolute);
      if (hash) cache.remember(absolute, hash, outcome);
    }
    cache.save();
  }
  for (const note of notes) io.stderr(`aib-lint: note: ${displayText(note)}\n`);
  const results = outcomes.map((o) => o.result);
  const fixedStdin = outcomes.find((o) => o.fixedText !== undefined)?.fixedText;
  const ioErrors: string[] = [];
  for (const { failure } of outcomes) {
    if (!failure) continue;
    ioErrors.push(failure.message);
    if (failure.stack && io.env.AIB_LINT_DEBUG) io.stderr(`${failure.stack}\n`);
  }
  results.push(...emptySearches(searched, results));
  results.push(...scriptResults(scriptFiles, io.cwd, config));
  const minimum: Severity = flags.quiet ? "error" : "info";
  // without --quiet every finding is shown: no copy of each result
  const shown = minimum === "info" ? results : results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => SEVERITY_RANK[d.severity] >= SEVERITY_RANK[minimum]) }));
  // the gates count every finding: --quiet only changes what is shown
  const verdict = judge(results, flags.failLevel, flags.maxWarnings, minimum);
  // standard input fixed: stdout carries the fixed text, so the report goes to stderr (and its colour follows stderr)
  const toConsole = fixedStdin === undefined ? io.stdout : io.stderr;
  const consoleIsTTY = fixedStdin === undefined ? io.stdoutIsTTY : io.stderrIsTTY === true;
  const context: ReportContext = { cwd: io.cwd, color: colorLevel(flags, { env: io.env, stdoutIsTTY: consoleIsTTY }), toolVersion: toolVersion(), ...(verdict.hidden ? { hidden: describeHidden(verdict.hidden) } : {}) };
  // a report file never carries terminal colour
  const report = FORMATTERS[flags.format]!(shown, flags.output ? { ...context, color: 0 } : context);
  if (fixedStdin !== undefined) io.stdout(fixedStdin);
  const written = [...(flags.output ? [{ file: flags.output, text: report }] : []), ...(flags.report ?? []).map((r) => ({ file: r.file, text: FORMATTERS[r.format]!(shown, { ...context, color: 0 }) }))];
  for (const { file, text } of written) {
    try {
      writeReport(resolve(io.cwd, file), text);
    } catch (e) {
      io.stderr(`aib-lint: cannot write ${displayText(file)}: ${describeFsError(e)}\n`);
      return EXIT.usage;
    }
  }
  toConsole(flags.output ? FORMATTERS.stylish!(shown, context) : report);
  if (flags.stats) io.stderr(statsText(results.flatMap((r) => r.templates.flatMap((tpl) => (tpl.values ? [tpl.values] : [])))));
  if (ioErrors.length) {
    for (const message of ioErrors) io.stderr(`aib-lint: ${displayText(message)}\n`);
    return EXIT.usage;
  }
  if (verdict.maxWarnings) io.stderr(`aib-lint: ${verdict.maxWarnings}\n`);
  return verdict.code;
}

/** Outcomes in the files' order: the remembered ones where they stand, the linted ones (by file) between them. */
function inFileOrder(files: readonly InputFile[], hits: ReadonlyMap<number, FileOutcome>, linted: readonly FileOutcome[]): FileOutcome[] {
  const byFile = new Map<string, FileOutcome[]>();
  for (const o of linted) byFile.set(o.result.file, [...(byFile.get(o.result.file) ?? []), o]);
  const out: FileOutcome[] = [];
  files.forEach((file, i) => {
    const hit = hits.get(i);
    if (hit) out.push(hit);
    else out.push(...(byFile.get(file.path)?.splice(0) ?? []));
  });
  // what lint reported under another name (standard input) keeps its place at the end
  for (const rest of byFile.values()) out.push(...rest);
  return out;
}

/** Everything besides a file's content that decides its result: the tool, ShellCheck, the configuration, the options. */
function cacheKey(config: Config, settings: RunSettings, prepare: PrepareOptions, parametersFile: string | undefined, io: CliIo): string {
  const shellcheck = prepare.shellcheck ? nodeChildProcess().spawnSync(prepare.shellcheckOptions?.command ?? "shellcheck", ["--version"], { encoding: "utf8", timeout: 10_000 }).stdout ?? "" : "off";
  let parameters = "";
  try {
    parameters = parametersFile ? readFileSync(resolve(io.cwd, parametersFile), "utf8") : "";
  } catch {
    parameters = "unreadable";
  }
  const { stdin: _stdin, prepare: _prepare, parameters: _values, ...options } = settings;
  return hashText(JSON.stringify({ tool: toolVersion(), shellcheck, config, options, parameters }));
}

/** Creates missing folders one level at a time (a recursive mkdir can loop on special file systems such as /proc). */
function writeReport(target: string, text: string): void {
  const missing: string[] = [];
  let dir = dirname(target);
  while (!existsSync(dir)) {
    missing.unshift(dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of missing) mkdirSync(d);
  writeFileSync(target, text);
}

/** NO_COLOR and --no-color win; FORCE_COLOR forces; otherwise colour only on a terminal. */
export function colorLevel(flags: { color?: boolean }, io: Pick<CliIo, "env" | "stdoutIsTTY">): 0 | 1 | 2 | 3 {
  if (flags.color === false || (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "")) return 0;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "0" || force === "false") return 0;
    const level = Number(force);
    return level >= 1 && level <= 3 ? (level as 1 | 2 | 3) : 1;
  }
  if (!io.stdoutIsTTY) return 0;
  return terminalColors(io.env);
}

/** The colours a terminal shows, from what it says of itself (as chalk's supports-color reads it); 0 for a dumb or unknown one. */
export function terminalColors(env: NodeJS.ProcessEnv, platform = process.platform): 0 | 1 | 2 | 3 {
  const term = env.TERM ?? "";
  if (term === "dumb") return 0;
  if (platform === "win32" || env.GITHUB_ACTIONS || env.GITEA_ACTIONS) return 3;
  if (env.COLORTERM === "truecolor" || env.COLORTERM === "24bit" || term === "xterm-kitty" || env.TERM_PROGRAM === "iTerm.app") return 3;
  if (/-256(color)?$/i.test(term) || env.TERM_PROGRAM === "Apple_Terminal") return 2;
  if (/^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(term) || env.COLORTERM !== undefined) return 1;
  return 0;
}
