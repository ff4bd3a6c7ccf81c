import { memberCI, type ObjectNode } from "../parse/ast.js";
import { isExpression } from "./expressions.js";
export type OperatingSystem = "linux" | "windows";

const WINDOWS_PUBLISHERS = new Set(["microsoftwindowsserver", "microsoftwindowsdesktop", "microsoftwindowsserverhpcpack", "microsoftazuresiterecovery"]);
const LINUX_PUBLISHERS = new Set([
  "canonical", "redhat", "openlogic", "suse", "credativ", "debian", "oracle", "kinvolk", "almalinux", "resf",
  "erockyenterprisesoftwarefoundationinc1653071250513", "microsoftcblmariner",
]);
const WINDOWS_WORDS = /windows|(?:^|[-_])win(?:\d|[-_]|server|$)|(?:^|[-_])ws20\d\d/i;
const LINUX_WORDS = /ubuntu|rhel|centos|debian|sles|suse|linux|alma|rocky|mariner|azurelinux|oracle-linux|flatcar/i;

/** The image's OS from its source: a platform image's publisher/offer, or an ISO (always RHEL). Unknown otherwise. */
export function inferOs(properties: ObjectNode | undefined): OperatingSystem | undefined {
  const source = properties ? memberCI(properties, "source")?.value : undefined;
  if (source?.kind !== "object") return undefined;
  const type = text(source, "type")?.toLowerCase();
  if (type === "iso") return "linux";
  if (type !== "platformimage") return undefined;
  const publisher = text(source, "publisher")?.toLowerCase();
  const offer = text(source, "offer") ?? "";
  const sku = text(source, "sku") ?? "";
  // the publisher first when it only publishes one OS, then the offer and SKU (mixed publishers: CIS, AKS, SQL)
  if (publisher && WINDOWS_PUBLISHERS.has(publisher)) return "windows";
  if (WINDOWS_WORDS.test(offer) || WINDOWS_WORDS.test(sku)) return "windows";
  if (publisher && LINUX_PUBLISHERS.has(publisher)) return "linux";
  if (LINUX_WORDS.test(offer) || LINUX_WORDS.test(sku)) return "linux";
  return undefined;
}

function text(node: ObjectNode, key: string): string | undefined {
  const value = memberCI(node, key)?.value;
  return value?.kind === "string" && !isExpression(value.value) ? value.value : undefined;
}
