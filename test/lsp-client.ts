/**
 * A language client for tests: spawns `aib-lint lsp --stdio` and speaks JSON-RPC to it with vscode-jsonrpc;
 * or, with `inProcess`, runs the same server on in-memory streams (so that coverage sees it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node.js";
import { startServer } from "../src/lsp/server.js";

export const BIN = fileURLToPath(new URL("../bin/aib-lint.js", import.meta.url));

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    severity?: number;
    code?: string | number;
    codeDescription?: { href: string };
    message: string;
    relatedInformation?: { location: { uri: string }; message: string }[];
  }[];
}

export class LspClient {
  readonly child: ChildProcess | undefined;
  readonly connection: MessageConnection;
  readonly published: PublishedDiagnostics[] = [];
  readonly logs: { type: number; message: string }[] = [];
  readonly shown: { type: number; message: string }[] = [];
  stderr = "";
  private waiters: { test: (p: PublishedDiagnostics) => boolean; resolve: (p: PublishedDiagnostics) => void }[] = [];
  private versions = new Map<string, number>();

  constructor(args: string[] = ["lsp", "--stdio"], options: { cwd?: string; inProcess?: boolean } = {}) {
    if (options.inProcess) {
      const toServer = new PassThrough();
      const toClient = new PassThrough();
      void startServer(toServer, toClient);
      this.connection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    } else {
      this.child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? process.cwd(), stdio: ["pipe", "pipe", "pipe"] });
      this.child.stderr!.on("data", (d: Buffer) => (this.stderr += d.toString()));
      this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    }
    this.connection.onNotification("textDocument/publishDiagnostics", (p: PublishedDiagnostics) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => (w.test(p) ? (w.resolve(p), false) : true));
    });
    this.connection.onNotification("window/logMessage", (p: { type: number; message: string }) => this.logs.push(p));
    this.connection.onNotification("window/showMessage", (p: { type: number; message: string }) => this.shown.push(p));
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.listen();
  }

  async initialize(rootUri: string | null = null, capabilities: object = {}, initializationOptions?: object): Promise<{ capabilities: Record<string, unknown> }> {
    // in process, no parent id: the library would poll it for as long as the test worker lives
    const processId = this.child ? process.pid : null;
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>("initialize", { processId, rootUri, capabilities, initializationOptions });
    await this.connection.sendNotification("initialized", {});
    return result;
  }

  /** The next diagnostics published for `uri` (and matching `test`), from now on. */
  nextDiagnostics(uri: string, test: (p: PublishedDiagnostics) => boolean = () => true, timeoutMs = 10_000): Promise<PublishedDiagnostics> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({
        test: (p) => p.uri === uri && test(p),
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  open(uri: string, text: string, languageId = "json"): Promise<PublishedDiagnostics> {
    const next = this.nextDiagnostics(uri);
    this.versions.set(uri, 1);
    void this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
    return next;
  }

  /** Replaces the whole text; resolves with the diagnostics of that version. */
  change(uri: string, text: string): Promise<PublishedDiagnostics> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const next = this.nextDiagnostics(uri, (p) => p.version === version);
    void this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
    return next;
  }

  close(uri: string): Promise<PublishedDiagnostics> {
    const next = this.nextDiagnostics(uri);
    void this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
    return next;
  }

  request<R>(method: string, params: object): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** shutdown, exit; resolves with the exit code. In process only shutdown: `exit` ends the process it runs in. */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child) {
      await this.connection.sendRequest("shutdown");
      this.connection.dispose();
      return 0;
    }
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    if (child.exitCode !== null) return child.exitCode;
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
