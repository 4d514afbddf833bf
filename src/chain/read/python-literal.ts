/**
 * A Python expression read as a literal, token by token: str (implicit concatenation too), None,
 * and tuples and lists of them. Anything else is not a literal: pgmend never guesses a value.
 */
import type { PyToken } from './python-tokens.js';

/** A literal Python value: str, None, or a tuple/list of literals. */
export type PyLiteral = string | null | PyLiteral[];

type Parsed = { ok: true; value: PyLiteral } | { ok: false };

/** Parses a whole expression as a literal; any leftover token makes it non-literal. */
export function parseLiteral(toks: PyToken[]): Parsed {
  const p = new LiteralParser(toks);
  const value = p.exprList(undefined);
  if (value === FAIL || p.pos !== toks.length) return { ok: false };
  return { ok: true, value };
}

const FAIL = Symbol('fail');

class LiteralParser {
  pos = 0;
  constructor(private readonly toks: PyToken[]) {}

  /** `a, b, c` (a tuple when a comma appears) up to `close` or the end. */
  exprList(close: string | undefined): PyLiteral | typeof FAIL {
    const items: PyLiteral[] = [];
    let sawComma = false;
    while (this.pos < this.toks.length && this.toks[this.pos]!.text !== close) {
      const v = this.atom();
      if (v === FAIL) return FAIL;
      items.push(v);
      const t = this.toks[this.pos];
      if (t?.text === ',') {
        sawComma = true;
        this.pos++;
      } else if (t && t.text !== close) return FAIL;
    }
    if (!sawComma && items.length === 1) return items[0]!;
    if (!sawComma && items.length === 0 && close === undefined) return FAIL;
    return items;
  }

  atom(): PyLiteral | typeof FAIL {
    const t = this.toks[this.pos];
    if (!t) return FAIL;
    if (t.kind === 'string') {
      let s = '';
      while (this.toks[this.pos]?.kind === 'string') {
        const part = this.toks[this.pos++]!.value;
        if (part === undefined) return FAIL;
        s += part;
      }
      return s;
    }
    if (t.kind === 'name' && t.text === 'None') {
      this.pos++;
      return null;
    }
    if (t.text === '(' || t.text === '[') {
      const close = t.text === '(' ? ')' : ']';
      this.pos++;
      const inner = this.exprList(close);
      if (inner === FAIL || this.toks[this.pos]?.text !== close) return FAIL;
      this.pos++;
      // `[x]` is always a list; `(x)` is just x, `(x,)` and `()` are tuples.
      if (close === ']' && !Array.isArray(inner)) return [inner];
      return inner;
    }
    return FAIL;
  }
}
