/** Downloads a file only to hash it: bounded in time, size and redirects; no credentials; never throws. */
import { redactUris } from "../util/redact.js";
import { nodeCrypto } from "../util/builtins.js";

export interface DownloadOptions {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

export const DOWNLOAD_DEFAULTS = { timeoutMs: 10_000, maxBytes: 100 * 1024 * 1024, maxRedirects: 5 } as const;

export type DownloadResult = { sha256: string; bytes: number } | { error: string };

export async function downloadHash(uri: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const { timeoutMs, maxBytes, maxRedirects } = { ...DOWNLOAD_DEFAULTS, ...options };
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
    if (signal.aborted) return { error: `no complete answer within ${timeoutMs / 1000} s` };
    return { error: describeNetworkError(e) };
  }
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

function describeNetworkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  const text = code ? `${NETWORK_ERRORS[code] ?? cause?.message ?? "network error"} (${code})` : (cause?.message ?? (e instanceof Error ? e.message : String(e)));
  return redactUris(text);
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}
