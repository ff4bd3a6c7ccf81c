/** The nearest `.aib-lint.{yaml,yml,json}` of each document, reloaded when it changes on disk or in the editor. */
import { statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { CONFIG_NAMES, ConfigError, defaultConfig, findConfig, parseConfig, readConfigText } from "../config/load.js";
import type { Config } from "../config/types.js";

export interface ConfigState {
  config: Config;
  /** The nearest configuration file could not be used (the defaults apply meanwhile). */
  error?: { path: string; error: ConfigError };
}

export function isConfigFile(path: string): boolean {
  return CONFIG_NAMES.includes(basename(path));
}

export class Configs {
  private readonly loaded = new Map<string, { stamp: string; state: ConfigState }>();
  /** Unsaved text of configuration files open in the editor, which wins over the disk. */
  private readonly open = new Map<string, string>();

  setOpenText(path: string, text: string | undefined): void {
    if (text === undefined) this.open.delete(path);
    else this.open.set(path, text);
    this.loaded.delete(path);
  }

  /** Forget every loaded file (a watched configuration file changed). */
  clear(): void {
    this.loaded.clear();
  }

  /** The configuration for a document; `file` undefined (an unsaved buffer) gets the defaults. */
  forFile(file: string | undefined): ConfigState {
    const path = file ? findConfig(dirname(file)) : undefined;
    return path ? this.load(path) : { config: defaultConfig(file ? dirname(file) : process.cwd()) };
  }

  load(path: string): ConfigState {
    const openText = this.open.get(path);
    const stamp = openText !== undefined ? "open" : modified(path);
    const cached = this.loaded.get(path);
    if (cached && cached.stamp === stamp) return cached.state;
    let state: ConfigState;
    try {
      state = { config: parseConfig(path, openText ?? readConfigText(path)) };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      state = { config: defaultConfig(dirname(path)), error: { path, error: e } };
    }
    this.loaded.set(path, { stamp, state });
    return state;
  }
}

function modified(path: string): string {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return "missing";
  }
}
