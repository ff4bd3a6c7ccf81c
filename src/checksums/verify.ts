/** Computes the SHA-256 of every file behind the templates' URIs: mapped ones from disk, others downloaded when asked. */
import { readFileSync, statSync } from "node:fs";
import { nodeCrypto } from "../util/builtins.js";
import { describeFsError } from "../read/input.js";
import { DOWNLOAD_DEFAULTS, downloadHash, formatBytes, type DownloadOptions } from "./fetch.js";
import type { ChecksumResult } from "./types.js";
import { mapUri, type UriMapping } from "./uris.js";

export interface VerifyOptions extends DownloadOptions {
  mappings: readonly UriMapping[];
  /** Download URIs no mapping covers (--verify-checksums). */
  download: boolean;
  /** Downloads at once. */
  concurrency?: number;
}

/** One result per distinct URI; URIs neither mapped nor downloaded are left out. */
export async function verifyChecksums(uris: Iterable<string>, options: VerifyOptions): Promise<Map<string, ChecksumResult>> {
  const results = new Map<string, ChecksumResult>();
  const remote: string[] = [];
  for (const uri of new Set(uris)) {
    const mapped = mapUri(uri, options.mappings);
    if (mapped) results.set(uri, "error" in mapped ? mapped : hashFile(mapped.path, options.maxBytes ?? DOWNLOAD_DEFAULTS.maxBytes));
    else if (options.download) remote.push(uri);
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < remote.length) {
      const uri = remote[next++]!;
      results.set(uri, await downloadHash(uri, options));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, remote.length) }, worker));
  return results;
}

function hashFile(path: string, maxBytes: number): ChecksumResult {
  try {
    const size = statSync(path).size;
    if (size > maxBytes) return { error: `${path} is larger than ${formatBytes(maxBytes)}` };
    const data = readFileSync(path);
    return { sha256: nodeCrypto().createHash("sha256").update(data).digest("hex"), bytes: data.length, path };
  } catch (e) {
    return { error: `cannot read ${path}: ${describeFsError(e)}` };
  }
}
