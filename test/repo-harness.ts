/** For tests that use this repository through git (clones, installs, the Action): where it is, and at which commit. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
// a clone owned by another user must not make git refuse the repository ("dubious ownership")
export const GIT_ENV = { ...process.env, GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "safe.directory", GIT_CONFIG_VALUE_0: "*", NO_COLOR: "1", FORCE_COLOR: "0", npm_config_update_notifier: "false" };
const head = spawnSync("git", ["-C", ROOT, "rev-parse", "HEAD"], { encoding: "utf8", env: GIT_ENV });
/** The commit checked out, or undefined without git or a checkout. */
export const HEAD = head.status === 0 ? head.stdout.trim() : undefined;

/** Outside CI, missing prerequisites skip with a note; in CI they are a failure, not a silent skip. */
export function requirePrerequisites(ready: boolean, why: string): void {
  if (!ready && !process.env.CI) console.warn(`skipped: ${why}`);
  describe.runIf(!ready && process.env.CI)("prerequisites in CI", () => {
    it("are there", () => expect.fail(why));
  });
}
