/** What the checksum stage hands to the rules: each URI's SHA-256, or why it could not be computed. */
export type ChecksumResult =
  | {
      sha256: string;
      bytes: number;
      /** The local file a --map-uri mapping led to. */
      path?: string;
    }
  | { error: string };

/** Results by URI as written in the template. */
export type Checksums = ReadonlyMap<string, ChecksumResult>;

/** Step types whose file is checked against `sha256Checksum`, by lower-case type, and the property naming the file. */
export const URI_KEYS: Readonly<Record<string, string>> = { shell: "scriptUri", powershell: "scriptUri", file: "sourceUri" };

