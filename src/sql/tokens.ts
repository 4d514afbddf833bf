import { byteToCharMapper } from '../source.js';
import { keywordKind, learnKeywordKinds } from './keywords.js';
import { COMMENT, KEYWORD, lexSql, OTHER, WORD, type Lexed } from './lexer.js';
import { scanSql } from './parser.js';

/** A scanner token with character offsets relative to the text it was scanned from. */
export interface Token {
  start: number;
  end: number;
  text: string;
  /** Upper-cased keyword, or '' for identifiers, literals and punctuation. */
  keyword: string;
  isComment: boolean;
}

/**
 * Token boundaries of `sql` as flat triples (see lexer.ts): pgmend's lexer, or libpg-query's
 * scanner where the lexer is unsure. Throws the scanner's error on unterminated quotes and
 * comments.
 */
export function lexTokens(sql: string): Lexed {
  return lexSql(sql) ?? scannerTokens(sql);
}

function scannerTokens(sql: string): Lexed {
  const toChar = byteToCharMapper(sql);
  const tokens = scanSql(sql);
  const data = new Int32Array(3 * tokens.length);
  tokens.forEach((t, i) => {
    data[3 * i] = toChar(t.start);
    data[3 * i + 1] = toChar(t.end);
    const comment = t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT';
    data[3 * i + 2] = comment ? COMMENT : t.keywordKind > 0 ? KEYWORD : OTHER;
  });
  return { count: tokens.length, data };
}

/** Tokens of one statement's text, comments included (edits must not land inside them). */
export function tokenize(sql: string): Token[] {
  const known = current?.sql === sql ? current.span : undefined;
  if (known) return toTokens(sql, known.data, known.first, known.count, known.base);
  const { count, data } = lexTokens(sql);
  return toTokens(sql, data, 0, count, 0);
}

/** Tokens from lexed triples `first … first + count - 1`, whose offsets are `base` ahead of `sql`'s. */
function toTokens(sql: string, data: Int32Array, first: number, count: number, base: number): Token[] {
  if (wordKeywords.size > 100_000) wordKeywords.clear(); // bounded; words are learnt again
  const out = new Array<Token>(count);
  let unknown: number[] | undefined;
  for (let i = 0; i < count; i++) {
    const q = 3 * (first + i);
    const start = data[q]! - base;
    const end = data[q + 1]! - base;
    const kind = data[q + 2]!;
    const text = sql.slice(start, end);
    let keyword = '';
    // Keywords are letters and underscores only: a word with a digit or `$` is an identifier,
    // known without a lookup (a schema dump has thousands of such names, each seen once).
    if (kind === WORD && !NOT_KEYWORD.test(text)) {
      const known = wordKeywords.get(text);
      if (known === undefined) (unknown ??= []).push(i);
      else keyword = known;
    } else if (kind === KEYWORD) keyword = text.toUpperCase();
    out[i] = { start, end, text, keyword, isComment: kind === COMMENT };
  }
  if (unknown) {
    learnWords(unknown.map((i) => out[i]!.text));
    for (const i of unknown) out[i]!.keyword = wordKeywords.get(out[i]!.text)!;
  }
  return out;
}

/** Tokens `first … first + count - 1` of a file's lexed triples, whose offsets are `base` ahead of the statement's. */
export interface LexedSpan {
  data: Int32Array;
  first: number;
  count: number;
  base: number;
}

/** The span of a file's tokens that is statement `sql` (see split.ts). */
export function lexedSpan(lexed: Lexed, first: number, last: number, base: number): LexedSpan {
  return { data: lexed.data, first, count: last - first + 1, base };
}

const NOT_KEYWORD = /[^A-Za-z_]/;

// The splitter lexed every statement as part of its file; the statement being rewritten hands
// its span here, so rules asking for its tokens (by its text) reuse them instead of lexing again.
let current: { sql: string; span: LexedSpan; code?: Token[] } | undefined;

export function useLexed(sql: string, span: LexedSpan | undefined): void {
  current = span ? { sql, span } : undefined;
}

// Each word as written → its upper-cased keyword, or '' for an identifier.
const wordKeywords = new Map<string, string>();

function learnWords(words: string[]): void {
  learnKeywordKinds(words.map((w) => w.toLowerCase()));
  for (const w of words) wordKeywords.set(w, keywordKind(w.toLowerCase()) ? w.toUpperCase() : '');
}

// Rules ask for the tokens of the same statement text several times (and of texts they
// built), one statement after another: keep the latest few (few, so they die young).
const memo = new Map<string, readonly Token[]>();
const MEMO_AT_MOST = 256;

/** Code tokens only (no comments). The array is shared: do not change it. */
export function codeTokens(sql: string): Token[] {
  // The statement being rewritten: its rules ask again and again, without a map lookup.
  if (current?.sql === sql) return (current.code ??= tokenize(sql).filter((t) => !t.isComment));
  let tokens = memo.get(sql);
  if (!tokens) {
    if (memo.size >= MEMO_AT_MOST) memo.clear();
    memo.set(sql, (tokens = tokenize(sql).filter((t) => !t.isComment)));
  }
  return tokens as Token[];
}

/**
 * Index of the first token at or after `from` that starts the keyword sequence `words`
 * (e.g. ['CREATE', 'TABLE']), or -1.
 */
export function findKeywords(tokens: Token[], words: string[], from = 0): number {
  outer: for (let i = from; i + words.length <= tokens.length; i++) {
    for (let k = 0; k < words.length; k++) if (tokens[i + k]!.keyword !== words[k]) continue outer;
    return i;
  }
  return -1;
}

/** An insertion or replacement at character offsets of a statement's text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits; everything outside them stays byte for byte. */
export function applyEdits(sql: string, edits: TextEdit[]): string {
  let out = sql;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Inserts `words` (e.g. 'IF NOT EXISTS') after token `i`, separated by one space. */
export function insertAfter(tokens: Token[], i: number, words: string): TextEdit {
  const at = tokens[i]!.end;
  return { start: at, end: at, text: ` ${words}` };
}

/**
 * `sql` with ` words` inserted after code token `i`. When whitespace follows that token, the
 * words can neither join it nor what follows: the new text's code tokens are those of `sql`
 * around the words' own, remembered so that it is not lexed again.
 */
export function insertWordsAfter(sql: string, tokens: Token[], i: number, words: string): string {
  const edit = insertAfter(tokens, i, words);
  const out = applyEdits(sql, [edit]);
  if (!/^[ \t\n\r\f\v]/.test(sql.slice(edit.start, edit.start + 1)) || memo.has(out)) return out; // SQL whitespace
  const shift = edit.text.length;
  const moved = (t: Token, by: number): Token => ({ ...t, start: t.start + by, end: t.end + by });
  if (memo.size >= MEMO_AT_MOST) memo.clear();
  memo.set(out, [
    ...tokens.slice(0, i + 1),
    ...codeTokens(edit.text).map((t) => moved(t, edit.start)),
    ...tokens.slice(i + 1).map((t) => moved(t, shift)),
  ]);
  return out;
}
