/** Reads Terraform text as its lexer does (strings, templates, heredocs, comments) to find the first bracket left unmatched. */

export interface UnmatchedBracket {
  start: number;
  message: string;
}

const CLOSERS: Record<string, string> = { "{": "}", "[": "]", "(": ")", $: "}" };

/** The first closing bracket without its opener, or else the first opener never closed. */
export function unmatchedBracket(text: string): UnmatchedBracket | undefined {
  /** Open brackets: `{`, `[`, `(`, or `$` for a template's `${`/`%{`, with where each is and whether it sits in a string. */
  const stack: Array<{ kind: string; at: number; inString: boolean }> = [];
  let inString = false;
  let stringStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      else if ((c === "$" || c === "%") && text[i + 1] === "{" && text[i - 1] !== c) {
        stack.push({ kind: "$", at: i, inString: true });
        inString = false;
        i++;
      } else if (c === "\n") return { start: stringStart, message: "a string is not closed (missing \")" };
      continue;
    }
    if (c === "#" || (c === "/" && text[i + 1] === "/")) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (c === "<" && text[i + 1] === "<") {
      const heredoc = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
      if (heredoc) {
        i = heredocEnd(text, i + heredoc[0].length, heredoc[1]!);
        continue;
      }
    }
    if (c === '"') {
      inString = true;
      stringStart = i;
    }
    else if (c === "{" || c === "[" || c === "(") stack.push({ kind: c, at: i, inString: false });
    else if (c === "}" || c === "]" || c === ")") {
      const open = stack.pop();
      if (!open) return { start: i, message: `unexpected '${c}': nothing is open here` };
      if (CLOSERS[open.kind] !== c) return { start: i, message: `unexpected '${c}': the '${open.kind === "$" ? "${" : open.kind}' opened before it is not closed` };
      if (open.kind === "$") inString = open.inString;
    }
  }
  const open = stack[0];
  if (inString) return { start: stringStart, message: "a string is not closed (missing \")" };
  return open ? { start: open.at, message: `this '${open.kind === "$" ? "${" : open.kind}' is never closed (missing '${CLOSERS[open.kind]}')` } : undefined;
}

/** The offset of the last character of a heredoc whose body starts at `from`: its closing marker's line, or the text's end. */
function heredocEnd(text: string, from: number, marker: string): number {
  let lineStart = from;
  while (lineStart < text.length) {
    const end = text.indexOf("\n", lineStart);
    const line = text.slice(lineStart, end < 0 ? text.length : end);
    if (line.trim() === marker) return (end < 0 ? text.length : end) - 1;
    if (end < 0) break;
    lineStart = end + 1;
  }
  return text.length;
}
