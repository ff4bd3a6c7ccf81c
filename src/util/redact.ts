/**
 * URIs in text meant for people or CI logs lose their secrets: user info (`user:password@`) and the query
 * or fragment (a SAS token's signature) read `***`, e.g. `https://***@host/path?***`. The one form of
 * redaction every message, format and source excerpt uses.
 */

/** scheme://, optional user info up to the last `@` before the path, host and path, then query or fragment (a `\"` in JSON text ends it). */
const URI = /\b[a-z][a-z\d+.-]*:\/\/([^\s"'`<>\\/?#]*@)?[^\s"'`<>\\?#]*([?#](?:[^\s"'`<>\\]|\\(?!["\\]))*)?/gi;

/** A stretch of text that is shown as `replacement`. */
export interface Redaction {
  start: number;
  end: number;
  replacement: string;
}

/** The secret parts of the URIs written in `text`, in order. */
export function uriSecrets(text: string): Redaction[] {
  if (!text.includes("://")) return [];
  const out: Redaction[] = [];
  for (const m of text.matchAll(URI)) {
    const [whole, userInfo, query] = m;
    if (userInfo) {
      const start = m.index + whole.indexOf("://") + 3;
      out.push({ start, end: start + userInfo.length, replacement: "***@" });
    }
    // punctuation that ends a sentence around the URI stays
    const end = m.index + whole.length - (/[.,:;!)\]]*$/.exec(query ?? "")?.[0].length ?? 0);
    if (query) out.push({ start: m.index + whole.length - query.length, end, replacement: `${query[0]}***` });
  }
  return out;
}

/** `text` with the user info and query of every URI in it replaced by `***`. */
export function redactUris(text: string): string {
  return redacted(text).text;
}

/** The redacted text, and where an index of the original text lands in it (inside a secret: where its replacement starts). */
export function redacted(text: string): { text: string; at(index: number): number } {
  const secrets = uriSecrets(text);
  if (secrets.length === 0) return { text, at: (index) => index };
  let out = "";
  let from = 0;
  for (const s of secrets) {
    out += text.slice(from, s.start) + s.replacement;
    from = s.end;
  }
  out += text.slice(from);
  const at = (index: number): number => {
    let shift = 0;
    for (const s of secrets) {
      if (index < s.start) break;
      if (index < s.end) return s.start + shift;
      shift += s.replacement.length - (s.end - s.start);
    }
    return index + shift;
  };
  return { text: out, at };
}
