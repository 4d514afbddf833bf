/**
 * A small Python tokenizer: enough to find module-level statements and read literal values
 * without running Python. Strings (any prefix, single/double/triple quotes), names, numbers,
 * operators and logical newlines (suppressed inside brackets and after a backslash).
 */
export type PyTokenKind = 'name' | 'string' | 'number' | 'op' | 'newline';

export interface PyToken {
  kind: PyTokenKind;
  text: string;
  start: number;
  end: number;
  /** For strings: the decoded value (undefined for f-strings and bytes, which are not plain str). */
  value?: string;
  /** For strings: the quote used (`'`, `"`, `'''`, `"""`). */
  quote?: string;
}

const STRING_START = /[rRuUbBfF]{0,2}("""|'''|"|')/y;
const NAME = /[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/y;
const NUMBER = /\d[\w.]*|\.\d[\w.]*/y;
const OP_CONTINUATION = '=>*/<-';
const OPS = ['**=', '//=', '>>=', '<<=', '->', ':=', '==', '!=', '<=', '>=', '**', '//', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@='];

/** Tokens of `text` between `from` and `to` (offsets stay those of the whole text). */
export function tokenizePython(text: string, from = 0, to = text.length): PyToken[] {
  const tokens: PyToken[] = [];
  let depth = 0;
  let i = from;
  const n = to;
  while (i < n) {
    const c = text[i]!;
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && lineBreakAt(text, i + 1)) {
      i += 1 + lineBreakAt(text, i + 1);
      continue;
    }
    if (c === '\n') {
      if (depth === 0 && tokens.length && tokens[tokens.length - 1]!.kind !== 'newline') {
        tokens.push({ kind: 'newline', text: '\n', start: i, end: i + 1 });
      }
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    STRING_START.lastIndex = i;
    const sm = STRING_START.exec(text);
    if (sm) {
      const tok = readString(text, i, sm[0].length - sm[1]!.length, sm[1]!);
      tokens.push(tok);
      i = tok.end;
      continue;
    }
    NAME.lastIndex = i;
    const nm = NAME.exec(text);
    if (nm) {
      tokens.push({ kind: 'name', text: nm[0], start: i, end: i + nm[0].length });
      i += nm[0].length;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(text);
    if (num) {
      tokens.push({ kind: 'number', text: num[0], start: i, end: i + num[0].length });
      i += num[0].length;
      continue;
    }
    // Multi-character operators only matter when the next character can continue one.
    const op = OP_CONTINUATION.includes(text[i + 1] ?? ' ') ? (OPS.find((o) => text.startsWith(o, i)) ?? c) : c;
    if ('([{'.includes(op)) depth++;
    else if (')]}'.includes(op)) depth = Math.max(0, depth - 1);
    tokens.push({ kind: 'op', text: op, start: i, end: i + op.length });
    i += op.length;
  }
  if (tokens.length && tokens[tokens.length - 1]!.kind !== 'newline') tokens.push({ kind: 'newline', text: '', start: n, end: n });
  return tokens;
}

function readString(text: string, start: number, prefixLength: number, quote: string): PyToken {
  const prefix = text.slice(start, start + prefixLength).toLowerCase();
  const raw = prefix.includes('r');
  const bodyStart = start + prefixLength + quote.length;
  const plain = !prefix.includes('f') && !prefix.includes('b');
  // Fast path: no backslash before the closing quote, so the value is a plain slice.
  const close = text.indexOf(quote, bodyStart);
  if (close >= 0) {
    const body = text.slice(bodyStart, close);
    if (!body.includes('\\') && (quote.length === 3 || !body.includes('\n'))) {
      return { kind: 'string', text: text.slice(start, close + quote.length), start, end: close + quote.length, value: plain ? body : undefined, quote };
    }
  }
  let i = bodyStart;
  let out = '';
  while (i < text.length) {
    if (text.startsWith(quote, i)) break;
    const ch = text[i]!;
    if (ch === '\n' && quote.length === 1) break; // unterminated single-line string: stop at the line end
    if (ch === '\\' && i + 1 < text.length) {
      if (raw) {
        out += text.slice(i, i + 2);
      } else {
        const [decoded, len] = decodeEscape(text, i);
        out += decoded;
        i += len;
        continue;
      }
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  const end = text.startsWith(quote, i) ? i + quote.length : i;
  return { kind: 'string', text: text.slice(start, end), start, end, value: plain ? out : undefined, quote };
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** The length of the line break at `i` (`\n`, or `\r\n` in a file with Windows line endings), else 0. */
export function lineBreakAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c === 10 ? 1 : c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 0;
}

function decodeEscape(text: string, i: number): [string, number] {
  const next = text[i + 1]!;
  if (next in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[next]!, 2];
  if (lineBreakAt(text, i + 1)) return ['', 1 + lineBreakAt(text, i + 1)]; // a continued line
  const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
  if (octal) return [String.fromCharCode(parseInt(octal[0], 8)), 1 + octal[0].length];
  const hexLen = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (hexLen) {
    const hex = text.slice(i + 2, i + 2 + hexLen);
    if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLen) return [String.fromCodePoint(parseInt(hex, 16)), 2 + hexLen];
  }
  return [`\\${next}`, 2];
}

/** Splits tokens into logical lines (statements), dropping the newline tokens. */
export function logicalLines(tokens: PyToken[]): PyToken[][] {
  const lines: PyToken[][] = [];
  let current: PyToken[] = [];
  for (const t of tokens) {
    if (t.kind === 'newline') {
      if (current.length) lines.push(current);
      current = [];
    } else current.push(t);
  }
  if (current.length) lines.push(current);
  return lines;
}

/**
 * Visits the statements of a module as [start, end) ranges, found in one allocation-free pass
 * that only tracks strings, comments, brackets and line continuations. Tokenizing whole files
 * (function bodies and all) is what made reading 10,000 revisions slow. Statements starting after
 * `until` (other than the first, a possible docstring) are not visited: the scan stops there.
 */
export function forEachTopLevelStatement(
  text: string,
  visit: (start: number, end: number, index: number, continued: boolean) => void,
  until = text.length,
): void {
  let count = 0;
  const n = text.length;
  let depth = 0;
  let start = -1;
  // The statement follows a `;` on the same logical line (`import sa; revision = "c"`).
  let continued = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      if (depth === 0 && start >= 0) {
        visit(start, i, count++, continued);
        start = -1;
      }
      if (depth === 0) continued = false;
      i++;
      continue;
    }
    if (c === 59 /* ; */ && depth === 0) {
      if (start >= 0) visit(start, i, count++, continued);
      start = -1;
      continued = true;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 0xfeff) {
      i++;
      continue;
    }
    if (c === 35 /* # */) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
      continue;
    }
    if (c === 92 /* \ */ && lineBreakAt(text, i + 1)) {
      i += 1 + lineBreakAt(text, i + 1);
      continue;
    }
    if (start < 0) {
      if (i > until && count > 0) return;
      start = i;
    }
    if (c === 39 || c === 34 /* ' " */) {
      i = skipString(text, i);
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) depth = depth > 0 ? depth - 1 : 0;
    else {
      // Inside a statement only quotes, comments, brackets, backslashes and newlines matter:
      // skip everything else in one native regex step.
      PLAIN_RUN.lastIndex = i;
      if (PLAIN_RUN.test(text)) {
        i = PLAIN_RUN.lastIndex;
        continue;
      }
    }
    i++;
  }
  if (start >= 0) visit(start, n, count++, continued);
}

const PLAIN_RUN = /[^\n#'"\\()[\]{};]+/y;

/** Offset just past the string literal whose opening quote is at `i`. */
function skipString(text: string, i: number): number {
  const q = text[i]!;
  let j = i + 1;
  if (text[j] === q && text[j + 1] === q) {
    const close = q + q + q;
    j += 2;
    // Long SQL bodies: jump from backslash to quote with indexOf instead of a per-character loop.
    for (;;) {
      const end = text.indexOf(close, j);
      const esc = text.indexOf('\\', j);
      if (end < 0) return text.length;
      if (esc < 0 || esc > end) return end + 3;
      j = esc + 2;
    }
  }
  // One line at most: a native run over everything but the quote, a backslash (which escapes the
  // next character) and the newline that ends an unterminated string.
  const body = q === "'" ? SINGLE_QUOTED_BODY : DOUBLE_QUOTED_BODY;
  body.lastIndex = j;
  body.test(text);
  j = body.lastIndex;
  return text[j] === q ? j + 1 : j;
}

const SINGLE_QUOTED_BODY = /[^'\\\n]*(?:\\(?:\r\n|[\s\S])?[^'\\\n]*)*/y;
const DOUBLE_QUOTED_BODY = /[^"\\\n]*(?:\\(?:\r\n|[\s\S])?[^"\\\n]*)*/y;
