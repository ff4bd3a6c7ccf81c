/** The package's version and homepage: inlined by the bundler, read from package.json when unbundled. */
import { readFileSync } from "node:fs";

interface PackageJson {
  version?: string;
  homepage?: string;
}

let cached: PackageJson | undefined;
function packageJson(): PackageJson {
  if (!cached) {
    try {
      cached = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as PackageJson;
    } catch {
      cached = {};
    }
  }
  return cached;
}

export function toolVersion(): string {
  if (typeof __AIB_LINT_VERSION__ === "string") return __AIB_LINT_VERSION__;
  return packageJson().version ?? "0.0.0";
}

/** The project's homepage from package.json `homepage`, if one is configured; never guessed. */
export function homepage(): string | undefined {
  const value = typeof __AIB_LINT_HOMEPAGE__ === "string" ? __AIB_LINT_HOMEPAGE__ : packageJson().homepage;
  return value ? value : undefined;
}
