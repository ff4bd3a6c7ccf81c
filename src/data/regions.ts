/** Regions where the Image Builder service runs (FACTS §11, newest snapshot). Display names as Azure writes them. */
export const SUPPORTED_REGIONS: ReadonlyArray<readonly [name: string, display: string]> = [
  ["eastus", "East US"],
  ["eastus2", "East US 2"],
  ["westcentralus", "West Central US"],
  ["westus", "West US"],
  ["westus2", "West US 2"],
  ["northeurope", "North Europe"],
  ["westeurope", "West Europe"],
  ["southcentralus", "South Central US"],
  ["southeastasia", "Southeast Asia"],
  ["australiasoutheast", "Australia Southeast"],
  ["australiaeast", "Australia East"],
  ["uksouth", "UK South"],
  ["ukwest", "UK West"],
  ["westus3", "West US 3"],
  ["brazilsouth", "Brazil South"],
  ["canadacentral", "Canada Central"],
  ["centralindia", "Central India"],
  ["centralus", "Central US"],
  ["francecentral", "France Central"],
  ["germanywestcentral", "Germany West Central"],
  ["japaneast", "Japan East"],
  ["northcentralus", "North Central US"],
  ["norwayeast", "Norway East"],
  ["switzerlandnorth", "Switzerland North"],
  ["jioindiawest", "Jio India West"],
  ["uaenorth", "UAE North"],
  ["eastasia", "East Asia"],
  ["koreacentral", "Korea Central"],
  ["southafricanorth", "South Africa North"],
  ["usgovarizona", "USGov Arizona"],
  ["usgovvirginia", "USGov Virginia"],
  ["qatarcentral", "Qatar Central"],
  ["chinanorth3", "China North 3"],
  ["swedencentral", "Sweden Central"],
  ["polandcentral", "Poland Central"],
  ["italynorth", "Italy North"],
  ["israelcentral", "Israel Central"],
  ["newzealandnorth", "New Zealand North"],
  ["taiwannorthwest", "Taiwan Northwest"],
];

/** "East US 2", "eastus2" and "EastUS2" name the same region: ARM compares without case and spaces. */
export function normalizeRegion(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, "");
}

const KNOWN = new Set(SUPPORTED_REGIONS.map(([name]) => name));
KNOWN.add("southeastasia"); // the docs' "South East Asia" normalizes here too

export function isSupportedRegion(value: string, extra: readonly string[] = []): boolean {
  const n = normalizeRegion(value);
  return KNOWN.has(n) || extra.some((r) => normalizeRegion(r) === n);
}
