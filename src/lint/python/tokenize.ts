/**
 * A small Python tokenizer: enough to find `def`/`with` blocks, calls and their arguments
 * in Alembic revision files without running Python. Offsets are UTF-16 offsets into the
 * file's text (SourceText turns them into line:col).
 */
export type TokenType = 'name' | 'number' | 'string' | 'op' | 'newline';

export interface PyToken {
  type: TokenType;
  text: string;
  start: number;
  end: number;
  /** Bracket depth before this token (an opening bracket has the outer depth). */
  depth: number;
  /** Index of the first token of this token's logical line. */
  lineStart: number;
  /** Column (0-based) of the first token of the logical line: Python's indentation. */
  indent: number;
}

const STRING_START = /(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?(?:'''|"""|'|")/y;
const NAME = /[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*/y;
const NUMBER = /(?:0[xXoObB][\w]+|\d[\d_]*(?:\.[\d_]*)?(?:[eE][+-]?\d+)?[jJ]?|\.\d[\d_]*(?:[eE][+-]?\d+)?[jJ]?)/y;
const OPERATORS = ['**=', '//=', '>>=', '<<=', '...', '->', ':=', '==', '!=', '<=', '>=', '**', '//', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@='];

export class PythonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function tokenizePython(text: string): PyToken[] {
  const tokens: PyToken[] = [];
  let depth = 0;
  let i = 0;
  let lineStart = -1; // index in `tokens` of the current logical line's first token
  let lineBegin = 0; // offset where the current physical line begins
  let indent = 0;
  const push = (type: TokenType, start: number, end: number): void => {
    if (lineStart === -1) {
      lineStart = tokens.length;
      indent = start - lineBegin;
    }
    const tokenDepth = type === 'op' && ')]}'.includes(text[start]!) ? depth - 1 : depth;
    tokens.push({ type, text: text.slice(start, end), start, end, depth: Math.max(0, tokenDepth), lineStart, indent });
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      if (depth === 0 && lineStart !== -1) {
        push('newline', i, i + 1);
        lineStart = -1;
      }
      i++;
      lineBegin = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3; // explicit line joining
      continue;
    }
    STRING_START.lastIndex = i;
    const s = STRING_START.exec(text);
    if (s) {
      const end = stringEnd(text, i, s[0]);
      push('string', i, end);
      i = end;
      continue;
    }
    NAME.lastIndex = i;
    const n = NAME.exec(text);
    if (n) {
      push('name', i, i + n[0].length);
      i += n[0].length;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = /[\d.]/.test(c) ? NUMBER.exec(text) : null;
    if (num && num[0].length > 0) {
      push('number', i, i + num[0].length);
      i += num[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i)) ?? c;
    push('op', i, i + op.length);
    if ('([{'.includes(op)) depth++;
    else if (')]}'.includes(op)) depth = Math.max(0, depth - 1);
    i += op.length;
  }
  if (lineStart !== -1) push('newline', text.length, text.length);
  return tokens;
}

/** Offset just after the closing quote of the string literal opening at `start`. */
function stringEnd(text: string, start: number, opener: string): number {
  const quote = opener.endsWith('"""') || opener.endsWith("'''") ? opener.slice(-3) : opener.slice(-1);
  const triple = quote.length === 3;
  let i = start + opener.length;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      i += 2; // in raw strings too, a backslash keeps the next quote from closing the literal
      continue;
    }
    if (!triple && c === '\n') break;
    if (text.startsWith(quote, i)) return i + quote.length;
    i++;
  }
  throw new PythonSyntaxError('unterminated string literal', start);
}

/** Index of the bracket that closes the one at `open`, or -1. */
export function closingBracket(tokens: PyToken[], open: number): number {
  const depth = tokens[open]!.depth;
  for (let k = open + 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type === 'op' && t.depth === depth && ')]}'.includes(t.text)) return k;
  }
  return -1;
}

/** Index of the `newline` token that ends the logical line containing token `k`. */
export function endOfLine(tokens: PyToken[], k: number): number {
  while (k < tokens.length && tokens[k]!.type !== 'newline') k++;
  return Math.min(k, tokens.length - 1);
}
