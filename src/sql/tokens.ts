import { byteToCharMapper } from '../source.js';
import { scanSql, type ScanToken } from './parser.js';

/** A scanner token with character offsets relative to the text it was scanned from. */
export interface Token {
  start: number;
  end: number;
  text: string;
  /** Upper-cased keyword, or '' for identifiers, literals and punctuation. */
  keyword: string;
  isComment: boolean;
}

/** Tokens of one statement's text, comments included (edits must not land inside them). */
export function tokenize(sql: string): Token[] {
  const known = remembered.get(sql);
  if (known) return known;
  const toChar = byteToCharMapper(sql);
  return scanSql(sql).map((t) => toToken(sql, t.keywordKind, t.tokenName, toChar(t.start), toChar(t.end)));
}

function toToken(sql: string, keywordKind: number, tokenName: string, start: number, end: number): Token {
  const text = sql.slice(start, end);
  return {
    start,
    end,
    text,
    keyword: keywordKind > 0 ? text.toUpperCase() : '',
    isComment: tokenName === 'SQL_COMMENT' || tokenName === 'C_COMMENT',
  };
}

// The splitter has already scanned every statement as part of its file: keep those tokens
// (by statement text) so rules do not scan each statement again. Bounded: when full it starts
// over, and a statement no longer in it is simply scanned again.
const remembered = new Map<string, Token[]>();
const REMEMBER_AT_MOST = 200_000;

/** Records the tokens of `sql`, given as scanner tokens at character offsets `base`-relative. */
export function rememberTokens(sql: string, tokens: Array<Pick<ScanToken, 'start' | 'end' | 'keywordKind' | 'tokenName'>>, base: number): void {
  if (remembered.size >= REMEMBER_AT_MOST) remembered.clear();
  remembered.set(
    sql,
    tokens.map((t) => toToken(sql, t.keywordKind, t.tokenName, t.start - base, t.end - base)),
  );
}

/** Code tokens only (no comments). */
export function codeTokens(sql: string): Token[] {
  return tokenize(sql).filter((t) => !t.isComment);
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
