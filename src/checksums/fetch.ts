/** Downloads a file only to hash it: bounded in time, size and redirects; no credentials; never throws. */
import { redactUris } from "../util/redact.js";
import { nodeCrypto } from "../util/builtins.js";

export interface DownloadOptions {
  /** For one file. */
  timeoutMs?: number;
  /** For all the downloads of a run together. */
  totalMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

export const DOWNLOAD_DEFAULTS = { timeoutMs: 10_000, totalMs: 30_000, maxBytes: 100 * 1024 * 1024, maxRedirects: 5 } as const;

export type DownloadResult = { sha256: string; bytes: number } | { error: string };

/** `deadline`: when the run's time for downloads is up (ms since the epoch); the file's own bound is cut to it. */
export async function downloadHash(uri: string, options: DownloadOptions = {}, deadline = Infinity): Promise<DownloadResult> {
  const { timeoutMs: ownMs, totalMs, maxBytes, maxRedirects } = { ...DOWNLOAD_DEFAULTS, ...options };
  const left = deadline - Date.now();
  if (left <= 0) return { error: overall(totalMs, "not downloaded") };
  const timeoutMs = Math.min(ownMs, left);
  const signal = AbortSignal.timeout(timeoutMs);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { error: `${redactUris(uri)} is not a valid URL` };
  }
  try {
    for (let hops = 0; ; hops++) {
      if (url.protocol !== "https:" && url.protocol !== "http:") return { error: `redirected to a ${url.protocol} URL, which is not downloaded` };
      if (url.username || url.password) return { error: "the URL carries credentials; aib-lint does not send them" };
      const response = await fetch(url, { redirect: "manual", signal, credentials: "omit", headers: { "user-agent": "aib-lint (checksum verification)" } });
      if (response.status >= 300 && response.status < 400 && response.headers.get("location")) {
        await response.body?.cancel();
        if (hops >= maxRedirects) return { error: `more than ${maxRedirects} redirects` };
        url = new URL(response.headers.get("location")!, url);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return { error: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}` };
      }
      const declared = Number(response.headers.get("content-length") ?? NaN);
      if (declared > maxBytes) {
        await response.body?.cancel();
        return { error: `larger than ${formatBytes(maxBytes)} (${formatBytes(declared)}); not downloaded` };
      }
      const hash = nodeCrypto().createHash("sha256");
      let bytes = 0;
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          bytes += value.byteLength;
          if (bytes > maxBytes) {
            await reader.cancel();
            return { error: `larger than ${formatBytes(maxBytes)}; download stopped` };
          }
          hash.update(value);
        }
      }
      return { sha256: hash.digest("hex"), bytes };
    }
  } catch (e) {
    // a reset or refusal is told as such, even when it came as the time ran out
    const cause = networkCause(e);
    if (cause || !signal.aborted) return { error: describeNetworkError(e) };
    return { error: timeoutMs < ownMs ? overall(totalMs, "no complete answer") : `no complete answer within ${ownMs / 1000} s` };
  }
}

function overall(totalMs: number, what: string): string {
  return `${what} within the ${totalMs / 1000} s all downloads may take`;
}

const NETWORK_ERRORS: Readonly<Record<string, string>> = {
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_SOCKET: "connection closed",
};

/** The network error code behind a fetch failure (in its cause, or the cause's cause), if it is one aib-lint names. */
function networkCause(e: unknown): string | undefined {
  for (let at = e, depth = 0; at && depth < 4; at = (at as { cause?: unknown }).cause, depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === "string" && code in NETWORK_ERRORS) return code;
  }
  return undefined;
}

function describeNetworkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const found = networkCause(e);
  if (found) return `${NETWORK_ERRORS[found]} (${found})`;
  const code = cause?.code;
  const text = code ? `${NETWORK_ERRORS[code] ?? cause?.message ?? "network error"} (${code})` : (cause?.message ?? (e instanceof Error ? e.message : String(e)));
  return redactUris(text);
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}
