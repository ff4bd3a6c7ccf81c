/** The ARM template expression language: `[concat(parameters('a'), '-', variables('b').name[0])]` as a tree. */

export type Expr =
  | { kind: "string"; value: string; start: number; end: number }
  | { kind: "number"; value: number; start: number; end: number }
  | { kind: "boolean"; value: boolean; start: number; end: number }
  | { kind: "null"; start: number; end: number }
  | { kind: "call"; name: string; args: Expr[]; start: number; end: number }
  | { kind: "property"; target: Expr; name: string; start: number; end: number }
  | { kind: "index"; target: Expr; index: Expr; start: number; end: number };

/** Nesting deeper than this is not read (an unknown value, never a stack overflow). */
const MAX_DEPTH = 64;

export class ExpressionError extends Error {}

/**
 * Parses the text between the brackets of an ARM expression. Offsets in the tree index `text`.
 * Throws ExpressionError on what is not the ARM expression language (a Bicep expression, a typo).
 */
export function parseExpression(text: string): Expr {
  const parser = new Parser(text);
  const expr = parser.expression(0);
  parser.skipSpace();
  if (parser.pos < text.length) throw new ExpressionError(`unexpected ${JSON.stringify(text[parser.pos])} at ${parser.pos}`);
  return expr;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0xfeff) this.pos++;
      else return;
    }
  }

  expression(depth: number): Expr {
    if (depth > MAX_DEPTH) throw new ExpressionError("nested too deep");
    let expr = this.primary(depth);
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === "." || (c === "?" && this.text[this.pos + 1] === ".")) {
        this.pos += c === "." ? 1 : 2;
        this.skipSpace();
        const name = this.identifier();
        expr = { kind: "property", target: expr, name, start: expr.start, end: this.pos };
      } else if (c === "[") {
        this.pos++;
        const index = this.expression(depth + 1);
        this.expect("]");
        expr = { kind: "index", target: expr, index, start: expr.start, end: this.pos };
      } else return expr;
    }
  }

  private primary(depth: number): Expr {
    this.skipSpace();
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === undefined) throw new ExpressionError("unexpected end");
    if (c === "'") return { kind: "string", value: this.string(), start, end: this.pos };
    if (c === "-" || isDigit(c.charCodeAt(0))) {
      let end = this.pos + (c === "-" ? 1 : 0);
      const digits = end;
      while (isDigit(this.text.charCodeAt(end))) end++;
      if (end === digits) throw new ExpressionError(`unexpected ${JSON.stringify(c)} at ${start}`);
      if (this.text[end] === "." && isDigit(this.text.charCodeAt(end + 1))) for (end++; isDigit(this.text.charCodeAt(end)); end++);
      const value = Number(this.text.slice(this.pos, end));
      this.pos = end;
      return { kind: "number", value, start, end };
    }
    if (c === "(") {
      this.pos++;
      const inner = this.expression(depth + 1);
      this.expect(")");
      return inner;
    }
    const name = this.identifier();
    this.skipSpace();
    if (this.text[this.pos] !== "(") {
      const lower = name.toLowerCase();
      if (lower === "true" || lower === "false") return { kind: "boolean", value: lower === "true", start, end: this.pos };
      if (lower === "null") return { kind: "null", start, end: this.pos };
      throw new ExpressionError(`${name} is not a function call`);
    }
    this.pos++;
    const args: Expr[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ")") this.pos++;
    else {
      for (;;) {
        args.push(this.expression(depth + 1));
        this.skipSpace();
        const sep = this.text[this.pos];
        this.pos++;
        if (sep === ")") break;
        if (sep !== ",") throw new ExpressionError(`expected "," or ")" at ${this.pos - 1}`);
      }
    }
    return { kind: "call", name, args, start, end: this.pos };
  }

  /** A name, dotted for user-defined functions (`ns.fn`) is read as one name. */
  private identifier(): string {
    const text = this.text;
    const start = this.pos;
    if (!isNameStart(text.charCodeAt(start))) throw new ExpressionError(`unexpected ${JSON.stringify(text[start] ?? "end")} at ${start}`);
    let end = start + 1;
    while (isNamePart(text.charCodeAt(end))) end++;
    // `ns.fn(` of a user-defined function is one name
    if (text[end] === "." && isNameStart(text.charCodeAt(end + 1))) {
      let next = end + 2;
      while (isNamePart(text.charCodeAt(next))) next++;
      let after = next;
      while (text.charCodeAt(after) === 32) after++;
      if (text[after] === "(") end = next;
    }
    this.pos = end;
    return text.slice(start, end);
  }

  private string(): string {
    let out = "";
    this.pos++;
    for (;;) {
      const end = this.text.indexOf("'", this.pos);
      if (end < 0) throw new ExpressionError("unterminated string");
      out += this.text.slice(this.pos, end);
      this.pos = end + 1;
      if (this.text[this.pos] !== "'") return out;
      out += "'";
      this.pos++;
    }
  }

  private expect(c: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== c) throw new ExpressionError(`expected ${JSON.stringify(c)} at ${this.pos}`);
    this.pos++;
  }
}

/** The source text of a sub-expression, for naming what stayed unknown. */
export function textOf(text: string, expr: Expr): string {
  return text.slice(expr.start, expr.end).trim();
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}
