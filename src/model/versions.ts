/** Every API version of Microsoft.VirtualMachineImages/imageTemplates, oldest first. */
export const API_VERSIONS = [
  "2018-02-01-preview",
  "2019-02-01-preview",
  "2019-05-01-preview",
  "2020-02-14",
  "2021-10-01",
  "2022-02-14",
  "2022-07-01",
  "2023-07-01",
  "2024-02-01",
  "2025-10-01",
] as const;

export type ApiVersion = (typeof API_VERSIONS)[number];

/** The versions the service still accepts (older ones were retired in May 2020). */
export const ACCEPTED_VERSIONS: readonly ApiVersion[] = API_VERSIONS.slice(API_VERSIONS.indexOf("2019-05-01-preview"));

export const LATEST_API_VERSION: ApiVersion = "2025-10-01";

/** From this version on the service matches names and values exactly and rejects unknown fields. */
export const STRICT_FROM: ApiVersion = "2024-02-01";

export function isApiVersion(value: string): value is ApiVersion {
  return (API_VERSIONS as readonly string[]).includes(value);
}

export function versionIndex(version: ApiVersion): number {
  return API_VERSIONS.indexOf(version);
}

export function atLeast(version: ApiVersion, min: ApiVersion): boolean {
  return versionIndex(version) >= versionIndex(min);
}

export function isStrict(version: ApiVersion): boolean {
  return atLeast(version, STRICT_FROM);
}

/** An inclusive range of API versions; both ends optional. */
export interface VersionRange {
  since?: ApiVersion;
  until?: ApiVersion;
}

export function inRange(version: ApiVersion, range: VersionRange): boolean {
  const i = versionIndex(version);
  return (!range.since || i >= versionIndex(range.since)) && (!range.until || i <= versionIndex(range.until));
}

export function describeRange(range: VersionRange): string {
  if (range.since && range.until) return range.since === range.until ? `only in ${range.since}` : `from ${range.since} to ${range.until}`;
  if (range.since) return `from ${range.since} on`;
  if (range.until) return `up to ${range.until}`;
  return "in every version";
}
