/**
 * Tables of valid and invalid inputs for one rule, after ESLint's RuleTester: each case is one vitest `it` that
 * lints a text through the public entry (lintText, or the CLI in a temporary folder when the case brings other
 * files or arguments) and compares that rule's findings, all of them, with the case's.
 */
import { isAbsolute } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic, Severity } from "../src/core/diagnostic.js";
import type { LintOptions } from "../src/lint/index.js";
import { prepareBicep } from "../src/parse/bicep-loader.js";
import { prepareTerraform } from "../src/parse/terraform-loader.js";
import { ruleMeta } from "../src/lint/catalog.js";
import { cli, tempDir } from "./cli-harness.js";
import { HAS_SHELLCHECK, LINUX, lint, replaceOnce, withLine } from "./helpers.js";

/** One input. Without `text` it is the tester's base text (LINUX unless told); `replace` and `lines` then edit it. */
export interface ValidCase {
  /** The test's name; by default what the case changes in the base text. */
  name?: string;
  text?: string;
  /** Substrings that must each occur once in the text, replaced (before `lines`). */
  replace?: Readonly<Record<string, string>>;
  /** 1-based lines replaced (line numbers stay those of the text). */
  lines?: Readonly<Record<number, string>>;
  /** The file name; its extension picks JSON, YAML, Bicep (.bicep) or Terraform (.tf). Default template.json. */
  file?: string;
  /** For lintText: configuration (rules), parameters, checksums, a ShellCheck lookup, regions… */
  options?: LintOptions;
  /** Files beside it: the case runs the CLI in a temporary folder (`-f json`, and `--no-shellcheck` unless `shellcheck`). */
  files?: Readonly<Record<string, string>>;
  /** Command-line arguments before the file name: the case runs the CLI. */
  args?: readonly string[];
  /** Runs the CLI with the real ShellCheck; skipped, with a note, where it is not installed. */
  shellcheck?: boolean;
  /** Further checks on every finding of the file (all rules), for what a table row cannot say. */
  also?: (result: Outcome) => void;
}

export interface InvalidCase extends ValidCase {
  /** The rule's findings, all of them, in the order reported (by position). */
  errors: readonly ExpectedFinding[];
}

export interface ExpectedFinding {
  /** 1-based; may be left out with `at` or `covers`: the first line that holds that text. */
  line?: number;
  /** 1-based. Or give `at` or `covers`. */
  column?: number;
  /** Instead of `column`: the finding starts where this text first occurs on `line`. */
  at?: string;
  /** The source text the finding covers (on one line); where it first occurs on `line` when no column is given. */
  covers?: string;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  /** The whole message, or a pattern it matches. */
  message?: string | RegExp;
  /** Texts the message contains. */
  includes?: string | readonly string[];
  /** JSON path of the value, e.g. `$.location`. */
  path?: string;
  /** Places among the finding's related locations (a column only where given). */
  related?: readonly { line: number; column?: number }[];
  /** The file the finding stands in, when not the linted one (a parameters or variables file; CLI cases). */
  file?: string;
}

export interface Outcome {
  /** Every finding of the file, of every rule. */
  all: Diagnostic[];
  text: string;
  /** CLI cases: the exit code and standard error. */
  exitCode?: number;
  stderr?: string;
}

export interface RuleCases {
  valid: readonly ValidCase[];
  invalid: readonly InvalidCase[];
  /** Why no input can make the rule report today: then `invalid` may be empty, and a todo says so. */
  unreachable?: string;
}

/** Defaults for every case of a tester: the base text, file name and lint options. */
export interface TesterDefaults {
  text?: string;
  file?: string;
  options?: LintOptions;
}

const WITHOUT_SHELLCHECK = "needs ShellCheck, which is not installed (apt-get install shellcheck); CI installs it";

export class RuleTester {
  constructor(private readonly defaults: TesterDefaults = {}) {}

  /** One `describe` for the rule, one `it` per case. */
  run(ruleId: string, cases: RuleCases): void {
    if (!ruleMeta(ruleId)) throw new Error(`test bug: "${ruleId}" is not a rule of the catalogue`);
    if (cases.valid.length === 0 || (cases.invalid.length === 0 && !cases.unreachable)) throw new Error(`test bug: ${ruleId} needs at least one valid and one invalid case`);
    const all = [...cases.valid, ...cases.invalid];
    const files = all.map((c) => c.file ?? this.defaults.file ?? "");
    const skipped = all.filter((c) => c.shellcheck).length;
    if (skipped && !HAS_SHELLCHECK) console.warn(`${ruleId}: ${skipped} case(s) skipped: ${WITHOUT_SHELLCHECK}`);
    describe(ruleId, () => {
      if (files.some((f) => /\.bicep(param)?$/i.test(f))) beforeAll(prepareBicep);
      if (files.some((f) => /\.tf(vars)?$/i.test(f))) beforeAll(prepareTerraform);
      describe("valid", () => {
        cases.valid.forEach((c, i) => this.test(ruleId, c, i, undefined));
      });
      describe("invalid", () => {
        cases.invalid.forEach((c, i) => this.test(ruleId, c, i, c.errors));
        if (cases.unreachable) it.todo(`no invalid case: ${cases.unreachable}`);
      });
    });
  }

  private test(ruleId: string, c: ValidCase, index: number, errors: readonly ExpectedFinding[] | undefined): void {
    const base = c.text ?? this.defaults.text ?? LINUX;
    let text: string | Error;
    try {
      text = edited(base, c);
    } catch (e) {
      text = e as Error; // a case whose edits do not apply fails alone
    }
    const title = `${index + 1}. ${c.name ?? (typeof text === "string" ? summary(base, text, c) : text.message)}`;
    const run = c.shellcheck && !HAS_SHELLCHECK ? it.skip : it;
    run(c.shellcheck && !HAS_SHELLCHECK ? `${title} (${WITHOUT_SHELLCHECK})` : title, async () => {
      if (typeof text !== "string") throw text;
      const outcome = await this.lintCase(c, text);
      const found = outcome.all.filter((d) => d.ruleId === ruleId);
      if (errors === undefined) expect(found.map(show), `${ruleId} reports nothing`).toEqual([]);
      else compare(found, errors, (file) => (file && c.files?.[file]) ?? text, ruleId);
      c.also?.(outcome);
    });
  }

  private async lintCase(c: ValidCase, text: string): Promise<Outcome> {
    const file = c.file ?? this.defaults.file ?? "template.json";
    if (!c.files && !c.args && !c.shellcheck) return { all: lint(text, file, { ...this.defaults.options, ...c.options }), text };
    if (c.options) throw new Error("test bug: a case that runs the CLI takes its options as arguments or files");
    const names = [file, ...Object.keys(c.files ?? {})];
    if (names.some((n) => isAbsolute(n) || n.split(/[\\/]/).includes(".."))) throw new Error(`test bug: a case's files stay in its folder: ${names.join(", ")}`);
    const dir = tempDir({ ...c.files, [file]: text });
    const args = ["-f", "json", ...(c.shellcheck ? [] : ["--no-shellcheck"]), ...(c.args ?? []), file];
    const out = await cli(args, { cwd: dir });
    const report = JSON.parse(out.stdout) as { files: { diagnostics: Diagnostic[] }[] };
    return { all: report.files.flatMap((f) => f.diagnostics), text, exitCode: out.code, stderr: out.stderr };
  }
}

/** The tester most rule files want: LINUX as the base, template.json, no options. */
export const ruleTester = new RuleTester();

function edited(base: string, c: ValidCase): string {
  let text = base;
  for (const [from, to] of Object.entries(c.replace ?? {})) text = replaceOnce(text, from, to);
  for (const [line, replacement] of Object.entries(c.lines ?? {})) text = withLine(text, Number(line), replacement);
  return text;
}

/** A name for a case without one: its first changed line, else its first line. */
function summary(base: string, text: string, c: ValidCase): string {
  const [from, to] = Object.entries(c.replace ?? {})[0] ?? [];
  if (from !== undefined && !c.lines) return clip(`${from} → ${to}`);
  const before = base.split("\n");
  const changed = text.split("\n").find((line, i) => line !== before[i]);
  return clip((changed ?? (text === base ? "the base text" : text.split("\n")[0]!)).trim());
}

function clip(s: string): string {
  const flat = s.replace(/\s+/g, " ");
  return flat.length > 110 ? `${flat.slice(0, 107)}...` : flat;
}

function show(d: Diagnostic): string {
  return `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.ruleId}: ${d.message}`;
}

function compare(found: Diagnostic[], expected: readonly ExpectedFinding[], textOf: (file?: string) => string, ruleId: string): void {
  expect(found.length, `${ruleId}: ${expected.length} finding(s) expected, found:\n${found.map(show).join("\n")}\n`).toBe(expected.length);
  const got = found.map((d, i) => project(d, expected[i]!, textOf(expected[i]!.file)));
  const want = expected.map((e) => wanted(e, textOf(e.file)));
  expect(got, found.map(show).join("\n")).toEqual(want);
}

/** The place an expected finding names: its line and column, or the text it starts at (on its line, else the first line holding it). */
function placeOf(e: ExpectedFinding, text: string): { line: number; column: number } {
  const token = e.at ?? e.covers;
  if ((e.column !== undefined && e.at !== undefined) || (e.column === undefined && token === undefined) || (e.line === undefined && (e.column !== undefined || token === undefined))) {
    throw new Error(`test bug: a finding needs a line and a column, a line and \`at\` (or \`covers\`), or \`at\` alone: ${JSON.stringify(e)}`);
  }
  if (e.column !== undefined) return { line: e.line!, column: e.column };
  const lines = text.split(/\r?\n/);
  const line = e.line ?? lines.findIndex((l) => l.includes(token!)) + 1;
  const index = (lines[line - 1] ?? "").indexOf(token!);
  if (index < 0) throw new Error(`test bug: "${token}" is not on line ${line || "(none)"}: ${lines[line - 1] ?? ""}`);
  return { line, column: index + 1 };
}

function wanted(e: ExpectedFinding, text: string): Record<string, unknown> {
  const w: Record<string, unknown> = { ...placeOf(e, text) };
  if (e.endLine !== undefined) w.endLine = e.endLine;
  if (e.endColumn !== undefined) w.endColumn = e.endColumn;
  if (e.covers !== undefined) w.covers = e.covers;
  if (e.severity !== undefined) w.severity = e.severity;
  if (e.message !== undefined) w.message = typeof e.message === "string" ? e.message : expect.stringMatching(e.message);
  if (e.includes !== undefined) w.includes = [e.includes].flat();
  if (e.path !== undefined) w.path = e.path;
  if (e.related !== undefined) w.related = expect.arrayContaining(e.related.map((r) => (r.column === undefined ? expect.objectContaining({ line: r.line }) : { line: r.line, column: r.column })));
  if (e.file !== undefined) w.file = e.file;
  return w;
}

/** The finding's facts that the expected one names, in its shape. */
function project(d: Diagnostic, e: ExpectedFinding, text: string): Record<string, unknown> {
  const { start, end } = d.range;
  const p: Record<string, unknown> = { line: start.line, column: start.column };
  if (e.endLine !== undefined) p.endLine = end.line;
  if (e.endColumn !== undefined) p.endColumn = end.column;
  if (e.covers !== undefined) p.covers = start.line === end.line ? (text.split(/\r?\n/)[start.line - 1] ?? "").slice(start.column - 1, end.column - 1) : `(lines ${start.line} to ${end.line})`;
  if (e.severity !== undefined) p.severity = d.severity;
  if (e.message !== undefined) p.message = d.message;
  if (e.includes !== undefined) {
    const parts = [e.includes].flat();
    p.includes = parts.every((s) => d.message.includes(s)) ? parts : { message: d.message, missing: parts.filter((s) => !d.message.includes(s)) };
  }
  if (e.path !== undefined) p.path = d.path;
  if (e.related !== undefined) p.related = (d.related ?? []).map((r) => r.range.start);
  if (e.file !== undefined) p.file = d.file;
  return p;
}
