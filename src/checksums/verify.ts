/** Computes the SHA-256 of every file behind the templates' URIs: mapped ones from disk, others downloaded when asked. */
import { realpathSync } from "node:fs";
import { nodeCrypto } from "../util/builtins.js";
import { isWithin } from "../util/paths.js";
import { redactUris } from "../util/redact.js";
import { describeFsError, isSpecial, readRegularFile } from "../read/input.js";
import { DOWNLOAD_DEFAULTS, downloadHash, type DownloadOptions } from "./fetch.js";
import type { ChecksumResult } from "./types.js";
import { mapUri, type UriMapping } from "./uris.js";

export interface VerifyOptions extends DownloadOptions {
  mappings: readonly UriMapping[];
  /** Download URIs no mapping covers (--verify-checksums). */
  download: boolean;
  /** Downloads at once. */
  concurrency?: number;
  /** When the run's time for downloads is up (ms since the epoch; default: totalMs from now). */
  deadline?: number;
}

/** Downloads at once: most of a run's time is waiting for servers. */
const CONCURRENCY = 16;

/** One result per distinct URI; URIs neither mapped nor downloaded are left out. */
export async function verifyChecksums(uris: Iterable<string>, options: VerifyOptions): Promise<Map<string, ChecksumResult>> {
  const results = new Map<string, ChecksumResult>();
  const remote: string[] = [];
  for (const uri of new Set(uris)) {
    const mapped = mapUri(uri, options.mappings);
    if (mapped) results.set(uri, "error" in mapped ? mapped : hashFile(uri, mapped.path, mapped.dir, options.maxBytes ?? DOWNLOAD_DEFAULTS.maxBytes));
    else if (options.download) remote.push(uri);
  }
  const deadline = options.deadline ?? Date.now() + (options.totalMs ?? DOWNLOAD_DEFAULTS.totalMs);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < remote.length) {
      const uri = remote[next++]!;
      results.set(uri, await downloadHash(uri, options, deadline));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? CONCURRENCY, remote.length) }, worker));
  return results;
}

/**
 * A mapped file, read only when its real path (after every link) is a regular file inside the real
 * path of its folder: a link cannot lead the configuration of a repository to files outside it or to
 * the kernel's (/proc/self/environ).
 */
function hashFile(uri: string, path: string, dir: string, maxBytes: number): ChecksumResult {
  let real: string;
  try {
    real = realpathSync.native(path);
    if (!isWithin(realpathSync.native(dir), real) || isSpecial(real)) return { error: `${redactUris(uri)} maps outside ${dir} (through a symbolic link)` };
  } catch (e) {
    return { error: `cannot read ${path}: ${describeFsError(e)}` };
  }
  try {
    const data = readRegularFile(real, maxBytes, path);
    return { sha256: nodeCrypto().createHash("sha256").update(data).digest("hex"), bytes: data.length, path };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
