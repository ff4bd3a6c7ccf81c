/**
 * Text from a file (values, keys, file names, rule ids from comments) shown to people or CI logs. Control
 * characters would forge lines or drive the terminal; CI runners act on `##vso[` anywhere in a log line
 * (Azure Pipelines), `##[` (its formatting commands) and `::` at the start of one (GitHub Actions).
 */

/** C0 and C1 controls, DEL, line/paragraph separators and bidirectional overrides (Trojan Source). */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f]/g;
/** What JSON.stringify leaves raw (it escapes C0 itself; the newlines of its layout must stay). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f]/g;
const HAS_UNSAFE_IN_JSON = new RegExp(UNSAFE_IN_JSON.source);
const CI_COMMAND = /##(?=vso\[|\[)/gi;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** For human formats and stderr: controls as `\n`, `\u001b`…, CI command prefixes broken. */
export function displayText(text: string): string {
  return text
    .replace(UNSAFE, (c) => NAMED[c] ?? unicodeEscape(c))
    .replace(CI_COMMAND, "#\\u0023")
    .replace(/^::/, "\\u003a:");
}

/**
 * For JSON text (json, SARIF): JSON.stringify already escapes C0 controls; the rest of the unsafe
 * characters and `#` of a CI command prefix become \u escapes, which any JSON reader turns back.
 */
export function jsonText(json: string): string {
  // a report is one long string: native searches first, and most reports need no replacement
  const unsafe = HAS_UNSAFE_IN_JSON.test(json) ? json.replace(UNSAFE_IN_JSON, unicodeEscape) : json;
  return unsafe.includes("##") ? unsafe.replace(CI_COMMAND, "#\\u0023") : unsafe;
}

/** SARIF plain-text messages read `[text](target)` as a link: brackets from the file are escaped (§3.11.6). */
export function sarifMessage(text: string): string {
  return text.replace(/[[\]]/g, (c) => `\\${c}`);
}
