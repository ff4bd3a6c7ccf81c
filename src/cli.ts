/** Command line: `aib-lint [options] <paths...>`, `aib-lint rules`, `aib-lint explain <rule>`. */
import { existsSync, mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { Chalk } from "chalk";
import { SEVERITY_RANK, type Severity } from "./diagnostic.js";
import { lintText, type FileResult, type LintOptions } from "./lint.js";
import { DEFAULT_MAX_FILE_SIZE, describeFsError, expandPaths, InputError, MAX_FILE_SIZE_LIMIT, readStdin, readText } from "./read/input.js";
import { displayText } from "./report/escape.js";
import { FORMATTERS } from "./report/index.js";
import { countAll } from "./report/summary.js";
import type { ReportContext } from "./report/types.js";
import { CATALOG, ruleMeta } from "./rules/index.js";
import { API_VERSIONS, isApiVersion, type ApiVersion } from "./schema/versions.js";
import { closest } from "./util/text.js";
import { loadParameters } from "./read/parameters.js";
import { prepareBicepFor } from "./parse/bicep-loader.js";
import { ConfigError, defaultConfig, findConfig, loadConfig } from "./config/load.js";
import { effectiveConfig, isIgnored } from "./config/resolve.js";
import type { Config } from "./config/types.js";
import { toolVersion } from "./package-info.js";

export { toolVersion };

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin?: NodeJS.ReadableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
}

export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

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
  parameters?: string;
  apiVersion?: ApiVersion;
  maxFileSize: number;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  // a .bicep argument: the WebAssembly parser compiles in the background meanwhile (errors are reported where it is awaited)
  prepareBicepFor(argv).catch(() => undefined);
  let exitCode: number = EXIT.clean;
  const program = new Command("aib-lint")
    .description("Lint Azure Image Builder image templates (JSON, JSONC, YAML, ARM deployment templates).")
    .version(toolVersion(), "-v, --version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(`aib-lint: ${text.replace(/^error: /, "")}`) })
    .showSuggestionAfterError(true);

  program
    .usage("[options] <paths...>   |   aib-lint rules   |   aib-lint explain <rule>")
    .argument("[paths...]", "files or directories to lint; - reads standard input")
    .addOption(new Option("-f, --format <format>", "output format").choices(Object.keys(FORMATTERS)).default("stylish"))
    .option("-o, --output <file>", "write the report to a file (the console still gets the stylish report)")
    .option("--stdin-filename <name>", "name of the file read from standard input, used in reports")
    .option("-q, --quiet", "report errors only (the exit code still counts every finding)")
    .option("--max-warnings <n>", "exit 1 when there are more than n warnings", parseCount)
    .option("--parameters <file>", "ARM parameters file used to resolve parameters('…') references")
    .option("--api-version <version>", "API version for templates whose apiVersion cannot be resolved", parseApiVersion)
    .option("-c, --config <file>", "configuration file (default: the nearest .aib-lint.yaml, .aib-lint.yml or .aib-lint.json upwards)")
    .option("--no-config", "ignore configuration files")
    .option("--print-config <file>", "print the configuration in force for a file and exit")
    .addOption(new Option("--fail-level <level>", "lowest severity that makes the exit code 1").choices(["error", "warning", "info"]).default("error"))
    .option("--no-report-unused-disables", "do not report suppressions that suppress nothing")
    .option("--ignore-non-templates", "skip named files that hold no image template silently (for pre-commit)")
    .option("--max-file-size <MB>", `largest file read, in MB (default ${DEFAULT_MAX_FILE_SIZE / 1024 / 1024}, at most ${MAX_FILE_SIZE_LIMIT / 1024 / 1024})`, parseFileSize, DEFAULT_MAX_FILE_SIZE)
    .option("--no-color", "never colour the output")
    .action(async (paths: string[], flags: LintFlags) => {
      exitCode = await lintCommand(paths, flags, io);
    });

  program
    .command("rules")
    .description("list every rule with its default severity and the API versions it applies to")
    .helpOption(false)
    .action(() => {
      const width = Math.max(...CATALOG.map((r) => r.id.length));
      io.stdout(`${CATALOG.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.versions.padEnd(28)}  ${r.description}`).join("\n")}\n`);
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
      const lines = [`${meta.id} (${meta.severity}; ${meta.versions})`, "", meta.description, "", meta.docs];
      if (meta.examples) lines.push("", "Bad:", `  ${meta.examples.bad}`, "", "Good:", `  ${meta.examples.good}`);
      io.stdout(`${lines.join("\n")}\n`);
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return EXIT.clean;
      return EXIT.usage;
    }
    io.stderr(`aib-lint: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (io.env.AIB_LINT_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return EXIT.usage;
  }
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

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A file that could not be read or linted, as a result every format shows (never an empty, passing one). */
function failedFile(file: string, ruleId: "read-error" | "internal-error", message: string): FileResult {
  const at = { line: 1, column: 1 };
  return { file, templates: [], diagnostics: [{ file, range: { start: at, end: at }, severity: "error", ruleId, message, path: "$" }] };
}

/** Whether the report file is one of the inputs (compared after links, when it exists). */
function outputClash(output: string, inputs: readonly string[]): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const target = real(output);
  return inputs.some((input) => input === output || real(input) === target);
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
  if (paths.length === 0) {
    io.stderr("aib-lint: no files given; usage: aib-lint [options] <paths...> (see aib-lint --help)\n");
    return EXIT.usage;
  }
  let parameters: LintOptions["parameters"];
  if (flags.parameters) {
    try {
      await prepareBicepFor([flags.parameters]);
      parameters = loadParameters(flags.parameters, io.cwd, flags.maxFileSize);
    } catch (e) {
      io.stderr(`aib-lint: ${displayText(errorText(e))}\n`);
      return EXIT.usage;
    }
  }
  const { files, errors } = expandPaths(paths, io.cwd);
  if (errors.length) {
    // a path that cannot be read is a usage error: no report, so that nothing downstream reads a pass
    for (const e of errors) io.stderr(`aib-lint: ${displayText(e.message)}\n`);
    return EXIT.usage;
  }
  if (flags.output) {
    const clash = outputClash(resolve(io.cwd, flags.output), files.filter((f) => f.path !== "-").map((f) => resolve(io.cwd, f.path)));
    if (clash) {
      io.stderr(`aib-lint: --output ${displayText(flags.output)} is one of the files to lint; the report would overwrite it\n`);
      return EXIT.usage;
    }
  }
  try {
    await prepareBicepFor(files.map((f) => (f.path === "-" ? flags.stdinFilename : f.path)));
  } catch (e) {
    io.stderr(`aib-lint: ${displayText(errorText(e))}\n`);
    return EXIT.usage;
  }
  const ioErrors: string[] = [];
  const results: FileResult[] = [];
  for (const input of files) {
    const isStdin = input.path === "-";
    const file = isStdin ? (flags.stdinFilename ?? "<stdin>") : input.path;
    try {
      const absolute = isStdin ? (flags.stdinFilename ? resolve(io.cwd, flags.stdinFilename) : undefined) : resolve(io.cwd, input.path);
      if (!isStdin && absolute && isIgnored(config, absolute)) continue;
      const text = isStdin ? await readStdin(io.stdin, flags.maxFileSize) : readText(input.path, io.cwd, flags.maxFileSize);
      const effective = effectiveConfig(config, absolute);
      const options: LintOptions = {
        rules: effective.rules,
        regions: effective.regions,
        reportUnusedDisables: flags.reportUnusedDisables,
        ...(parameters ? { parameters } : {}),
        ...((flags.apiVersion ?? effective.apiVersion) ? { defaultApiVersion: (flags.apiVersion ?? effective.apiVersion)! } : {}),
      };
      results.push(lintText({ file, text, explicit: input.explicit && !flags.ignoreNonTemplates }, options));
    } catch (e) {
      // one file that cannot be read or linted does not cost the others their report, and is in it
      const internal = !(e instanceof InputError);
      const message = internal ? `internal error while linting ${file}: ${errorText(e)}` : e.message;
      ioErrors.push(message);
      results.push(failedFile(file, internal ? "internal-error" : "read-error", internal ? `aib-lint failed on this file (${errorText(e)}); nothing in it was checked` : e.message));
      if (internal && io.env.AIB_LINT_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    }
  }
  const minimum: Severity = flags.quiet ? "error" : "info";
  const shown = results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => SEVERITY_RANK[d.severity] >= SEVERITY_RANK[minimum]) }));
  const context: ReportContext = { cwd: io.cwd, color: colorLevel(flags, io), toolVersion: toolVersion() };
  // a report file never carries terminal colour
  const report = FORMATTERS[flags.format]!(shown, flags.output ? { ...context, color: 0 } : context);
  if (flags.output) {
    try {
      writeReport(resolve(io.cwd, flags.output), report);
    } catch (e) {
      io.stderr(`aib-lint: cannot write ${flags.output}: ${describeFsError(e)}\n`);
      return EXIT.usage;
    }
    io.stdout(FORMATTERS.stylish!(shown, context));
  } else io.stdout(report);
  if (ioErrors.length) {
    for (const message of ioErrors) io.stderr(`aib-lint: ${displayText(message)}\n`);
    return EXIT.usage;
  }
  // the gates count every finding: --quiet only changes what is shown
  const failing = results.flatMap((r) => r.diagnostics).filter((d) => SEVERITY_RANK[d.severity] >= SEVERITY_RANK[flags.failLevel]);
  if (failing.length > 0) return EXIT.findings;
  const counts = countAll(results);
  if (flags.maxWarnings !== undefined && counts.warning > flags.maxWarnings) {
    io.stderr(`aib-lint: ${counts.warning} warnings exceed --max-warnings ${flags.maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.clean;
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
  return (new Chalk().level || 1) as 1 | 2 | 3;
}
