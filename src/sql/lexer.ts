/**
 * Token boundaries of SQL text by Postgres's lexical rules (src/backend/parser/scan.l, as
 * libpg-query's scanner applies them), in plain JavaScript: libpg-query's scanSync answers in
 * JSON and costs twice a full parse, and pgmend reads every file's tokens. libpg-query stays
 * the parser and the authority: whenever this lexer meets what it does not model — an
 * unterminated quote or comment, trailing junk after a number, an E'' escape that Postgres
 * checks further, a NUL — it answers undefined and the caller asks libpg-query's scanner.
 * test/property/lexer.property.test.ts holds it equal to that scanner.
 */

/** Kinds of lexed tokens; only what pgmend needs to tell apart. */
export const COMMENT = 0;
/** An unquoted identifier or keyword. */
export const WORD = 1;
/** A keyword whatever its text: the `N` of `N'…'`, which Postgres returns as NCHAR. */
export const KEYWORD = 2;
export const OTHER = 3;

/** Tokens as flat triples (start, end, kind) in `data`, character offsets into the text. */
export interface Lexed {
  count: number;
  data: Int32Array;
}

const SPACE = 1; // [ \t\n\r\f\v]
const IDENT_START = 2; // [A-Za-z_] (and every non-ASCII code unit)
const DIGIT = 4;
const OP_CHAR = 8; // ~!@#^&|`?+-*/%<>=
const HEX = 16;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  CLASS[c] =
    (' \t\n\r\f\v'.includes(ch) ? SPACE : 0) |
    (/[A-Za-z_]/.test(ch) ? IDENT_START : 0) |
    (/[0-9]/.test(ch) ? DIGIT : 0) |
    ('~!@#^&|`?+-*/%<>='.includes(ch) ? OP_CHAR : 0) |
    (/[0-9A-Fa-f]/.test(ch) ? HEX : 0);
}

const isIdentStart = (c: number) => c >= 128 || (CLASS[c]! & IDENT_START) !== 0;
const isIdentCont = (c: number) => c >= 128 || (CLASS[c]! & (IDENT_START | DIGIT)) !== 0 || c === 36; /* $ */
const isDigit = (c: number) => c < 128 && (CLASS[c]! & DIGIT) !== 0;
const isOpChar = (c: number) => c < 128 && (CLASS[c]! & OP_CHAR) !== 0;

const QUOTE = 39; // '
const DQUOTE = 34; // "
const DOLLAR = 36;
const DOT = 46;
const DASH = 45;
const SLASH = 47;
const STAR = 42;
const BACKSLASH = 92;

/** Why the lexer gives up: the caller asks libpg-query's scanner instead. */
const UNSURE = -1;

/** Tokens of `text`, comments included, or undefined where libpg-query's scanner must decide. */
export function lexSql(text: string): Lexed | undefined {
  if (text.includes('\0')) return undefined; // libpg-query reads text up to a NUL
  const n = text.length;
  let data = new Int32Array(3 * Math.min(4096, (n >> 2) + 16)); // about one token per 4 characters; grows
  let count = 0;
  const push = (start: number, end: number, kind: number) => {
    if (3 * count + 3 > data.length) {
      const grown = new Int32Array(data.length * 2);
      grown.set(data);
      data = grown;
    }
    data[3 * count] = start;
    data[3 * count + 1] = end;
    data[3 * count + 2] = kind;
    count++;
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 && (CLASS[c]! & SPACE) !== 0) {
      i++;
      continue;
    }
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    let end: number;
    let kind = OTHER;
    if (c === DASH && next === DASH) {
      end = lineEnd(text, i);
      kind = COMMENT;
    } else if (c === SLASH && next === STAR) {
      end = blockCommentEnd(text, i);
      kind = COMMENT;
    } else if (c === QUOTE) {
      end = stringEnd(text, i + 1, STANDARD);
    } else if (next === QUOTE && (c | 32) === 101 /* e */) {
      end = stringEnd(text, i + 2, ESCAPES);
    } else if (next === QUOTE && ((c | 32) === 98 /* b */ || (c | 32) === 120) /* x */) {
      end = stringEnd(text, i + 2, BITS);
    } else if (next === QUOTE && (c | 32) === 110 /* n */) {
      end = i + 1; // the string follows as its own token
      kind = KEYWORD;
    } else if ((c | 32) === 117 /* u */ && next === 38 /* & */ && (text.charCodeAt(i + 2) === QUOTE || text.charCodeAt(i + 2) === DQUOTE)) {
      end = text.charCodeAt(i + 2) === QUOTE ? stringEnd(text, i + 3, STANDARD) : quotedIdentEnd(text, i + 2);
    } else if (c === DQUOTE) {
      end = quotedIdentEnd(text, i);
    } else if (isDigit(c) || (c === DOT && isDigit(next))) {
      end = numberEnd(text, i);
    } else if (c === DOT) {
      end = next === DOT ? i + 2 : i + 1;
    } else if (c === 58 /* : */) {
      end = next === 58 || next === 61 /* = */ ? i + 2 : i + 1;
    } else if (c === DOLLAR) {
      end = dollarEnd(text, i);
    } else if (isIdentStart(c)) {
      end = i + 1;
      while (end < n && isIdentCont(text.charCodeAt(end))) end++;
      kind = WORD;
    } else if (isOpChar(c)) {
      end = operatorEnd(text, i);
    } else {
      end = i + 1; // punctuation and any other single character
    }
    if (end === UNSURE) return undefined;
    push(i, end, kind);
    i = end;
  }
  return { count, data };
}

function lineEnd(text: string, i: number): number {
  const n = text.length;
  let j = i + 2;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) break;
    j++;
  }
  return j;
}

/** `/* … *\/`, nested as Postgres nests them. */
function blockCommentEnd(text: string, i: number): number {
  const n = text.length;
  let depth = 1;
  let j = i + 2;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === STAR && text.charCodeAt(j + 1) === SLASH) {
      j += 2;
      if (--depth === 0) return j;
    } else if (c === SLASH && text.charCodeAt(j + 1) === STAR) {
      j += 2;
      depth++;
    } else j++;
  }
  return UNSURE; // unterminated
}

const STANDARD = 0; // '…' and U&'…': '' doubles a quote
const ESCAPES = 1; // E'…': backslash escapes too
const BITS = 2; // B'…', X'…': nothing inside is special

/**
 * End of a string literal whose body starts at `i`. Two literals separated only by
 * whitespace holding a newline are one (SQL's continuation), so the token runs on.
 */
function stringEnd(text: string, i: number, mode: number): number {
  const n = text.length;
  let j = i;
  for (;;) {
    if (j >= n) return UNSURE; // unterminated
    const c = text.charCodeAt(j);
    if (c === QUOTE) {
      if (mode !== BITS && text.charCodeAt(j + 1) === QUOTE) {
        j += 2;
        continue;
      }
      const resume = continuation(text, j + 1);
      if (resume === UNSURE) return UNSURE;
      if (resume === 0) return j + 1;
      j = resume;
    } else if (c === BACKSLASH && mode === ESCAPES) {
      const e = text.charCodeAt(j + 1);
      // Octal, hex and Unicode escapes are checked by the scanner (bad bytes, surrogates).
      if (isDigit(e) || e === 120 /* x */ || e === 117 /* u */ || e === 85 /* U */ || j + 1 >= n) return UNSURE;
      j += 2;
    } else j++;
  }
}

/**
 * Where a literal continues after its closing quote at `i - 1`: the offset after the next
 * opening quote when only spaces/tabs, a newline and more whitespace come between; 0 when it
 * does not continue. libpg-query (unlike psql) lets no comment come between.
 */
function continuation(text: string, i: number): number {
  const n = text.length;
  let j = i;
  let newline = false;
  for (; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) newline = true;
    else if (c === 12 || c === 11) return UNSURE; // \f, \v: not modelled
    else if (c !== 32 && c !== 9) break;
  }
  return newline && j < n && text.charCodeAt(j) === QUOTE ? j + 1 : 0;
}

/** `"…"` with `""` doubling; an empty or unterminated one is the scanner's error to report. */
function quotedIdentEnd(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    if (text.charCodeAt(j) === DQUOTE) {
      if (text.charCodeAt(j + 1) === DQUOTE) j += 2;
      else return j === i + 1 ? UNSURE : j + 1;
    } else j++;
  }
  return UNSURE;
}

/** Integers (with `_` separators, 0x/0o/0b), decimals, exponents; junk after them is an error. */
function numberEnd(text: string, i: number): number {
  let j = i;
  const radix = text.charCodeAt(i) === 48 /* 0 */ ? text.charCodeAt(i + 1) | 32 : 0;
  if (radix === 120 || radix === 111 || radix === 98) {
    const ok = radix === 120 ? (c: number) => c < 128 && (CLASS[c]! & HEX) !== 0 : radix === 111 ? (c: number) => c >= 48 && c <= 55 : (c: number) => c === 48 || c === 49;
    j = digitsEnd(text, i + 2, ok, true);
    if (j === i + 2) return UNSURE; // `0x` without digits
  } else {
    if (text.charCodeAt(j) !== DOT) j = digitsEnd(text, j, isDigit);
    if (text.charCodeAt(j) === DOT && text.charCodeAt(j + 1) !== DOT) j = digitsEnd(text, j + 1, isDigit);
    const e = text.charCodeAt(j) | 32;
    if (e === 101) {
      let k = j + 1;
      const sign = text.charCodeAt(k);
      if (sign === 43 || sign === DASH) k++;
      const after = digitsEnd(text, k, isDigit);
      if (after > k) j = after;
    }
  }
  return hasJunk(text, i, j) ? UNSURE : j;
}

/**
 * Postgres rejects a number followed by identifier characters ("trailing junk"): its rule is
 * the longest match of digits then an identifier, so `1abc` is junk, and so is `1e10$` or
 * `0x1F$` (`1` or `0` then the identifier `e10$` or `x1F$`), but not `1.5$` (`$` cannot start
 * an identifier).
 */
function hasJunk(text: string, i: number, j: number): boolean {
  if (j >= text.length) return false;
  const c = text.charCodeAt(j);
  if (isIdentStart(c)) return true;
  if (!isIdentCont(c)) return false;
  for (let k = i; k < j; k++) if (isIdentStart(text.charCodeAt(k))) return true;
  return false;
}

/** Digits with single `_` separators between them (also before the first after 0x, 0o, 0b). */
function digitsEnd(text: string, i: number, ok: (c: number) => boolean, leadingUnderscore = false): number {
  let j = i;
  if (leadingUnderscore && text.charCodeAt(j) === 95 /* _ */ && ok(text.charCodeAt(j + 1))) j++;
  if (!ok(text.charCodeAt(j))) return i;
  j++;
  for (;;) {
    const c = text.charCodeAt(j);
    if (ok(c)) j++;
    else if (c === 95 && ok(text.charCodeAt(j + 1))) j += 2;
    else return j;
  }
}

/** `$1` (a parameter), `$tag$…$tag$` (a dollar quote), or a lone `$`. */
function dollarEnd(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  if (isDigit(text.charCodeAt(j))) {
    while (isDigit(text.charCodeAt(j))) j++;
    return j - i > 10 ? UNSURE : j; // past $999999999 Postgres checks the number's size
  }
  if (j < n && isIdentStart(text.charCodeAt(j))) {
    j++;
    while (j < n && isIdentCont(text.charCodeAt(j)) && text.charCodeAt(j) !== DOLLAR) j++;
  }
  if (text.charCodeAt(j) !== DOLLAR) return i + 1; // not a delimiter: `$` alone
  const delimiter = text.slice(i, j + 1);
  const close = text.indexOf(delimiter, j + 1);
  return close < 0 ? UNSURE : close + delimiter.length;
}

/**
 * A run of operator characters, cut before an embedded `--` or `/*` (comments) and without
 * trailing `+`/`-` unless the operator holds a character SQL's operators do not use (so `=-1`
 * is `=` then `-1`, but `?-` stays one operator).
 */
function operatorEnd(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  while (j < n && isOpChar(text.charCodeAt(j))) {
    const c = text.charCodeAt(j);
    const next = text.charCodeAt(j + 1);
    if ((c === DASH && next === DASH) || (c === SLASH && next === STAR)) break;
    j++;
  }
  if (j - i > 1 && isPlusMinus(text.charCodeAt(j - 1))) {
    let special = false;
    for (let k = i; k < j - 1 && !special; k++) special = '~!@#^&|`?%'.includes(text[k]!);
    if (!special) {
      do j--;
      while (j - i > 1 && isPlusMinus(text.charCodeAt(j - 1)));
    }
  }
  return j;
}

const isPlusMinus = (c: number) => c === 43 || c === DASH;
