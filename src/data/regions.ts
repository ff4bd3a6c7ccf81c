/** Lookups over the Azure region list (src/data/azure-regions.ts, generated): where AIB builds, and which names are regions at all. */
import { Remembered } from "../util/remembered.js";
import { AZURE_REGIONS, REGIONS_AS_OF, type RegionCloud, type RegionKind } from "./azure-regions.js";

export { REGIONS_AS_OF };

export interface Region {
  name: string;
  display: string;
  cloud: RegionCloud;
  kind: RegionKind;
}

/** Regions where the Image Builder service runs (FACTS §11, newest snapshot), with display names. */
export const SUPPORTED_REGIONS: ReadonlyArray<readonly [name: string, display: string]> = AZURE_REGIONS.filter((r) => r.at(-1) === 1).map(([name, display]) => [name, display] as const);

/** Normalised names: the same few come back in every template of a run. */
const normalized = new Remembered((value) => value.toLowerCase().replace(/[\s_-]+/g, ""), 1024, 64);

/** "East US 2", "eastus2" and "EastUS2" name the same region: ARM compares without case and spaces. */
export function normalizeRegion(value: string): string {
  return normalized.get(value);
}

const KNOWN = new Set(SUPPORTED_REGIONS.map(([name]) => name));
KNOWN.add("southeastasia"); // the docs' "South East Asia" normalizes here too

export function isSupportedRegion(value: string, extra: readonly string[] = []): boolean {
  const n = normalizeRegion(value);
  return KNOWN.has(n) || extra.some((r) => normalizeRegion(r) === n);
}

/** Every listed name, by its normalized programmatic name and by its normalized display name. */
const BY_NAME = new Map<string, Region>();
for (const [name, display, cloud, kind] of AZURE_REGIONS) {
  const region = { name, display, cloud, kind };
  BY_NAME.set(name, region);
  const shown = normalizeRegion(display.replace(/[()]/g, ""));
  if (!BY_NAME.has(shown)) BY_NAME.set(shown, region);
}

/** The listed Azure location a name (programmatic or display form) stands for. */
export function findRegion(value: string): Region | undefined {
  return BY_NAME.get(normalizeRegion(value.includes("(") || value.includes(")") ? value.replace(/[()]/g, "") : value));
}

/** Names an image can be built in or distributed to: real regions, in any cloud, including restricted and canary ones. */
export const DISTRIBUTABLE_KINDS: ReadonlySet<RegionKind> = new Set(["physical", "physical-restricted", "canary", "stage"]);

/** Programmatic names of real regions, for "did you mean" suggestions. */
export const REAL_REGION_NAMES: readonly string[] = AZURE_REGIONS.filter(([, , , kind]) => DISTRIBUTABLE_KINDS.has(kind)).map(([name]) => name);
