import type { SyntaxProblem } from "./parsed.js";

const MARKER = /^(?:<{7}|={7}|>{7})(?=[ \t]|\r?$)/m;

/** A Git merge conflict marker at the start of a line (`<<<<<<< HEAD`, `=======`, `>>>>>>> branch`). */
export function conflictMarker(text: string, format: string): SyntaxProblem | undefined {
  const match = MARKER.exec(text);
  if (!match) return undefined;
  const lineEnd = text.slice(match.index).search(/\r?\n|$/);
  const line = text.slice(match.index, match.index + lineEnd).trimEnd();
  return {
    ruleId: "syntax",
    message: `${format} syntax error: Git merge conflict marker "${line.length > 40 ? `${line.slice(0, 40)}…` : line}": resolve the conflict (keep one side, remove the markers) before linting`,
    start: match.index,
    end: match.index + line.length,
    pathSegments: [],
  };
}
