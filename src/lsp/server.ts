/**
 * `aib-lint lsp`: a language server over stdio, a thin adapter over lintText and the configuration files.
 * Diagnostics on open and (debounced) on change from the editor's text; quick fixes and suppressions; hover.
 */
import { guard } from "../run/stdio.js";
import { extname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic as LspDiagnostic,
} from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { grammarFor } from "../parse/grammars.js";
import type { Grammar } from "../parse/tree-sitter-runtime.js";
import { toolVersion } from "../package-info.js";
import { DEFAULT_MAX_FILE_SIZE, LINTABLE_EXTENSIONS } from "../read/input.js";
import { hasWork, wantsPreparation, type PrepareOptions } from "../run/prepare.js";
import { LintSession } from "../run/session.js";
import type { Checksums } from "../checksums/types.js";
import { withoutBom } from "../util/text.js";
import { codeActions, type Finding } from "./actions.js";
import { Configs, isConfigFile, type ConfigState } from "./configs.js";
import { bomLength, rangesOverlap, toLspDiagnostic } from "./convert.js";
import { hoverText } from "./hover.js";
import { checkedDocumentEvents, FrameGuard } from "./intake.js";

/** Time to wait after a change for the next one before linting (typing bursts lint once); `initializationOptions.debounceMs` overrides it. */
export const DEBOUNCE_MS = 30;

interface DocumentState {
  version: number;
  findings: Finding[];
}

/** Starts the server on the given streams; resolves when the connection ends (the client exits or closes the pipe). */
export function startServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, guardProcess = false): Promise<void> {
  // a problem of the client's messages: to the client's log, and to stderr when serving over stdio
  const report = (message: string) => {
    if (guardProcess) process.stderr.write(`${message}\n`);
    connection.console.error(message);
  };
  const connection = createConnection(input.pipe(new FrameGuard(report)), output);
  const documents = new TextDocuments(TextDocument);
  const configs = new Configs();
  const states = new Map<string, DocumentState>();
  const timers = new Map<string, NodeJS.Timeout>();
  const shownConfigErrors = new Map<string, string>();
  let watchDynamically = false;
  let debounceMs = DEBOUNCE_MS;

  const log = (what: string, e: unknown) => connection.console.error(`aib-lint: ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  const guarded =
    <A extends unknown[], R>(what: string, fallback: R, handler: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return handler(...args);
      } catch (e) {
        log(what, e);
        return fallback;
      }
    };

  const publishConfigState = (state: ConfigState, configPath: string | undefined) => {
    if (!configPath) return;
    const uri = pathToFileURL(configPath).href;
    const error = state.error?.path === configPath ? state.error.error : undefined;
    if (!error) {
      if (shownConfigErrors.delete(configPath)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    if (shownConfigErrors.get(configPath) === error.message) return;
    shownConfigErrors.set(configPath, error.message);
    const at = error.location ?? { line: 1, column: 1 };
    const position = { line: at.line - 1, character: at.column - 1 };
    const diagnostic: LspDiagnostic = { range: { start: position, end: position }, severity: 1, code: "config", source: "aib-lint", message: error.message };
    void connection.sendDiagnostics({ uri, diagnostics: [diagnostic] });
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Error,
      message: `aib-lint: the configuration cannot be used (defaults apply until it is fixed): ${error.message}`,
    });
  };

  // a grammar (WebAssembly) loads when the first document that needs it arrives, and again after a document broke it
  const grammarState = new Map<Grammar, "loading" | "ready">();
  /** The version of each document that broke its grammar's parser: not linted again until it changes. */
  const broke = new Map<string, number>();
  const lintDocument = (document: TextDocument) => {
    const file = filePath(document.uri);
    const name = file ?? document.uri;
    if (isConfigFile(name) || !LINTABLE_EXTENSIONS.has(extname(name).toLowerCase())) return;
    const grammar = grammarFor(name);
    if (grammar && broke.get(document.uri) === document.version) return;
    if (grammar?.broken) grammarState.delete(grammar);
    if (grammar && grammarState.get(grammar) !== "ready") {
      if (!grammarState.has(grammar)) {
        grammarState.set(grammar, "loading");
        grammar.prepare().then(
          () => {
            grammarState.set(grammar, "ready");
            for (const open of documents.all()) if (grammarFor(filePath(open.uri) ?? open.uri) === grammar) lintNow(open);
          },
          (error: unknown) => {
            grammarState.delete(grammar);
            connection.console.error(`aib-lint: ${error instanceof Error ? error.message : String(error)}`);
          },
        );
      }
      return;
    }
    try {
      lintLoaded(document, file, name);
    } catch (e) {
      if (grammar?.broken) {
        broke.set(document.uri, document.version);
        lintDocument(document); // starts the reload
      }
      throw e;
    }
  };
  // one session for the editor: files on disk change between lints, and names are relative to each file's folder
  const session = new LintSession({ reportUnusedDisables: true, maxFileSize: DEFAULT_MAX_FILE_SIZE, rereadFolders: true }, (file) => configs.forFile(file).config);
  // checksums (mapped folders) and ShellCheck: done after the first diagnostics, which are then published again;
  // ShellCheck's findings are remembered by script text for the whole session
  const checksumsOf = new Map<string, { version: number; checksums: Checksums }>();
  /** The version of each document whose preparation has started. */
  const prepared = new Map<string, number>();
  const prepareLater = (document: TextDocument, name: string, options: PrepareOptions) => {
    if (prepared.get(document.uri) === document.version || !wantsPreparation(options) || !hasWork(document.getText(), options)) return;
    prepared.set(document.uri, document.version);
    const known = new Set(session.scripts.keys());
    session.prepare([{ file: name, text: withoutBom(document.getText()) }], options, true).then(
      (result) => {
        for (const note of result.notes) connection.console.info(`aib-lint: ${note}`);
        const current = documents.get(document.uri);
        if (current?.version !== document.version) return;
        checksumsOf.set(document.uri, { version: document.version, checksums: result.checksums });
        // published again only when the preparation found something to say (a clean script changes nothing)
        const said = [...session.scripts].some(([script, outcome]) => !known.has(script) && (!Array.isArray(outcome) || outcome.length > 0));
        if (said || result.checksums.size > 0) lintNow(current);
      },
      (error: unknown) => connection.console.error(`aib-lint: checksums or ShellCheck failed for ${name}: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  const lintLoaded = (document: TextDocument, file: string | undefined, name: string) => {
    const state = configs.forFile(file);
    publishConfigState(state, state.error?.path ?? state.config.path);
    let findings: Finding[] = [];
    if (!(file && session.ignored(file))) {
      const text = document.getText();
      const checksums = checksumsOf.get(document.uri);
      const external = { ...(checksums?.version === document.version ? { checksums: checksums.checksums } : {}), ...(session.scripts.size > 0 ? { shellcheck: session.scripts } : {}) };
      const lintFile = { file: name, absolute: file, text };
      const options = session.options(lintFile, external);
      const { result } = session.lint(lintFile, options);
      // a file without templates gets nothing, except the syntax error of a broken one (lint keeps it only then)
      const kept = result.templates.length || result.modules ? result.diagnostics : result.diagnostics.filter((d) => d.ruleId === "syntax");
      const bom = bomLength(text);
      findings = kept.map((d) => ({ diagnostic: d, lsp: toLspDiagnostic(d, document.uri, bom) }));
      if (result.templates.length > 0) {
        const shellcheck = options.rules?.shellcheck?.level !== "off" && !session.shellcheckMissing;
        prepareLater(document, name, { mappings: state.config.uriMappings ?? [], verifyChecksums: false, shellcheck, ...(options.parameters ? { parameters: options.parameters } : {}) });
      }
    }
    states.set(document.uri, { version: document.version, findings });
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: findings.map((f) => f.lsp) });
  };
  const lintNow = guarded("lint", undefined, lintDocument);

  const schedule = (document: TextDocument) => {
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        const current = documents.get(document.uri);
        // opening a document also reports it as changed: it was linted then
        if (current && states.get(current.uri)?.version !== current.version) lintNow(current);
      }, debounceMs),
    );
  };

  const relintAll = () => {
    for (const document of documents.all()) lintNow(document);
  };

  const configChanged = guarded("configuration", undefined, (path: string, text: string | undefined) => {
    configs.setOpenText(path, text);
    publishConfigState(configs.load(path), path);
    relintAll();
  });

  connection.onInitialize((params) => {
    watchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const requested = (params.initializationOptions as { debounceMs?: unknown } | undefined)?.debounceMs;
    if (typeof requested === "number" && requested >= 0 && requested <= 10_000) debounceMs = requested;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: ["quickfix"] },
        hoverProvider: true,
      },
      serverInfo: { name: "aib-lint", version: toolVersion() },
    };
  });

  connection.onInitialized(() => {
    if (watchDynamically) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/.aib-lint.{yaml,yml,json}" }] }).catch((e: unknown) => log("watch configuration files", e));
    }
  });

  documents.onDidOpen((event) => {
    const path = filePath(event.document.uri);
    if (path && isConfigFile(path)) configChanged(path, event.document.getText());
    else lintNow(event.document);
  });
  documents.onDidChangeContent((event) => {
    const path = filePath(event.document.uri);
    if (path && isConfigFile(path)) configChanged(path, event.document.getText());
    else schedule(event.document);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const path = filePath(uri);
    if (path && isConfigFile(path)) return configChanged(path, undefined);
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    states.delete(uri);
    broke.delete(uri);
    prepared.delete(uri);
    checksumsOf.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onDidChangeWatchedFiles(
    guarded("watched files", undefined, (params) => {
      if (!params.changes.some((c) => isConfigFile(filePath(c.uri) ?? c.uri))) return;
      configs.clear();
      for (const change of params.changes) {
        const path = filePath(change.uri);
        if (path && isConfigFile(path)) publishConfigState(configs.load(path), path);
      }
      relintAll();
    }),
  );

  connection.onCodeAction(
    guarded("code actions", [], (params) => {
      const document = documents.get(params.textDocument.uri);
      const state = states.get(params.textDocument.uri);
      if (!document || !state) return [];
      const wanted = params.context.diagnostics.filter((d) => d.source === "aib-lint");
      const findings = state.findings.filter((f) =>
        wanted.length
          ? wanted.some((w) => w.code === f.lsp.code && w.message === f.lsp.message && rangesOverlap(w.range, f.lsp.range))
          : rangesOverlap(params.range, f.lsp.range),
      );
      return codeActions(document, filePath(document.uri) ?? document.uri, findings);
    }),
  );

  connection.onHover(
    guarded("hover", null, (params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const name = filePath(document.uri) ?? document.uri;
      if (isConfigFile(name) || !LINTABLE_EXTENSIONS.has(extname(name).toLowerCase())) return null;
      const text = document.getText();
      const bom = bomLength(text);
      const offset = Math.max(0, document.offsetAt(params.position) - bom);
      const here = { start: params.position, end: params.position };
      const findings = (states.get(document.uri)?.findings ?? []).filter((f) => rangesOverlap(f.lsp.range, here)).map((f) => f.diagnostic);
      const effective = session.effective(filePath(document.uri));
      const value = hoverText(name, text.slice(bom), offset, findings, effective.apiVersion);
      return value ? { contents: { kind: "markdown", value } } : null;
    }),
  );

  if (guardProcess) {
    process.on("uncaughtException", (e) => log("uncaught", e));
    process.on("unhandledRejection", (e) => log("unhandled rejection", e));
  }
  documents.listen(checkedDocumentEvents(connection, report));
  connection.listen();
  return new Promise((resolve) => {
    connection.onExit(() => resolve());
    input.on("end", () => resolve());
    input.on("close", () => resolve());
  });
}

/** The file a `file:` URI names; undefined for other schemes (unsaved buffers). */
function filePath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** `aib-lint lsp [--stdio]`: serves until the client exits; an error nothing caught is logged, never fatal. */
export async function runStdio(): Promise<number> {
  await startServer(process.stdin, guard(process.stdout, "standard output"), true);
  return 0;
}
