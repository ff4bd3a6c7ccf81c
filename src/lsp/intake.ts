/**
 * What reaches the language server from the client, checked before vscode-jsonrpc and TextDocuments read it:
 * a frame whose header they would misread (`Content-Length: -5` left the reader stuck for good) and a
 * document notification whose fields have the wrong types are logged and skipped, and the server goes on.
 */
import { Transform, type TransformCallback } from "node:stream";
import type { Connection } from "vscode-languageserver/node.js";

/** A body larger than this is no LSP message (a 56 MB document is one). */
export const MAX_CONTENT_LENGTH = 1024 * 1024 * 1024;
/** A header longer than this is no LSP header. */
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_END = Buffer.from("\r\n\r\n");
const CONTENT_LENGTH = "content-length:";

/**
 * Passes the base protocol's frames through unchanged; a header without one plain non-negative
 * Content-Length is reported and skipped, with what follows it, up to the next `Content-Length:`.
 */
export class FrameGuard extends Transform {
  /** Bytes of the header being read. */
  private header: Buffer = Buffer.alloc(0);
  /** Bytes of the current body still to pass through. */
  private bodyLeft = 0;
  /** After a bad header: looking for the next one. */
  private resyncing = false;

  constructor(private readonly report: (message: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data: Buffer = chunk;
    while (data.length > 0) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, data.length);
        this.push(data.subarray(0, n));
        this.bodyLeft -= n;
        data = data.subarray(n);
        continue;
      }
      data = this.header.length > 0 ? Buffer.concat([this.header, data]) : data;
      this.header = Buffer.alloc(0);
      if (this.resyncing) {
        const next = data.toString("latin1").toLowerCase().indexOf(CONTENT_LENGTH);
        if (next < 0) {
          // the name may be cut by the chunk's end
          this.header = data.subarray(Math.max(0, data.length - CONTENT_LENGTH.length + 1));
          break;
        }
        this.resyncing = false;
        data = data.subarray(next);
      }
      const end = data.indexOf(HEADER_END);
      if (end < 0) {
        if (data.length <= MAX_HEADER_BYTES) this.header = data;
        else this.skip(`a header of more than ${MAX_HEADER_BYTES} bytes`);
        break;
      }
      const text = data.subarray(0, end).toString("latin1");
      const length = contentLength(text);
      if (typeof length === "number") {
        this.push(data.subarray(0, end + HEADER_END.length));
        this.bodyLeft = length;
      } else this.skip(length);
      data = data.subarray(end + HEADER_END.length);
    }
    done();
  }

  private skip(why: string): void {
    this.report(`aib-lint: unusable message header from the client (${why}); skipped to the next Content-Length header`);
    this.resyncing = true;
  }
}

/** The body length a header gives, or why it gives none. */
function contentLength(header: string): number | string {
  const lines = header.split("\r\n");
  const bad = lines.find((line) => !/^[!-9;-~]+:/.test(line));
  if (bad !== undefined) return `not a header line: ${JSON.stringify(bad.slice(0, 80))}`;
  const values = lines.filter((line) => /^content-length:/i.test(line)).map((line) => line.slice(line.indexOf(":") + 1).trim());
  if (values.length !== 1) return values.length === 0 ? "no Content-Length" : "more than one Content-Length";
  const value = values[0]!;
  if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_CONTENT_LENGTH) return `Content-Length: ${JSON.stringify(value.slice(0, 40))} is no length from 0 to ${MAX_CONTENT_LENGTH}`;
  return Number(value);
}

/** Whether a notification's text document names its document by a string. */
function namesDocument(params: unknown): boolean {
  const document = (params as { textDocument?: { uri?: unknown } } | null)?.textDocument;
  return typeof document?.uri === "string";
}

function validOpen(params: unknown): boolean {
  const document = (params as { textDocument?: { text?: unknown; version?: unknown } }).textDocument;
  return namesDocument(params) && typeof document?.text === "string" && typeof document.version === "number";
}

function validChange(params: unknown): boolean {
  const changes = (params as { contentChanges?: unknown }).contentChanges;
  return namesDocument(params) && Array.isArray(changes) && changes.every((c) => typeof (c as { text?: unknown } | null)?.text === "string");
}

/**
 * The connection as TextDocuments.listen() sees it: open, change and close notifications it could not use
 * (a `uri` that is no string) are logged and dropped instead of breaking its handlers.
 */
export function checkedDocumentEvents(connection: Connection, report: (message: string) => void): Connection {
  const checked =
    <P>(method: string, valid: (params: unknown) => boolean) =>
    (handler: (params: P) => void) =>
    (params: P) => {
      if (valid(params)) handler(params);
      else report(`aib-lint: ${method} ignored: its parameters do not name a text document (a string uri, with its text and version)`);
    };
  const view = Object.create(connection) as Connection;
  view.onDidOpenTextDocument = (handler) => connection.onDidOpenTextDocument(checked<Parameters<typeof handler>[0]>("textDocument/didOpen", validOpen)(handler));
  view.onDidChangeTextDocument = (handler) => connection.onDidChangeTextDocument(checked<Parameters<typeof handler>[0]>("textDocument/didChange", validChange)(handler));
  view.onDidCloseTextDocument = (handler) => connection.onDidCloseTextDocument(checked<Parameters<typeof handler>[0]>("textDocument/didClose", namesDocument)(handler));
  return view;
}
