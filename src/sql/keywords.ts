import { scanSql } from './parser.js';

export type KeywordKind = 'unreserved' | 'col_name' | 'type_func_name' | 'reserved';
const KINDS: Record<number, KeywordKind> = { 1: 'unreserved', 2: 'col_name', 3: 'type_func_name', 4: 'reserved' };
const cache = new Map<string, KeywordKind | undefined>();

// Every Postgres keyword (kwlist.h) is lower-case ASCII letters and underscores: other words
// need no question to the scanner.
const CANDIDATE = /^[a-z_]+$/;

/** Postgres's own keyword category for a lower-case word (asked of its scanner), or undefined. */
export function keywordKind(word: string): KeywordKind | undefined {
  if (!CANDIDATE.test(word)) return undefined;
  if (!cache.has(word)) learnKeywordKinds([word]);
  return cache.get(word);
}

/** Asks the scanner about the words not asked yet, all in one call (lower-case words). */
export function learnKeywordKinds(words: Iterable<string>): void {
  const unknown = [...new Set(words)].filter((w) => CANDIDATE.test(w) && !cache.has(w));
  if (!unknown.length) return;
  // Space-separated letters and underscores scan as one token per word.
  const tokens = scanSql(unknown.join(' '));
  if (tokens.length !== unknown.length) throw new Error(`pgmend: scanning ${unknown.length} words gave ${tokens.length} tokens`);
  unknown.forEach((w, i) => cache.set(w, KINDS[tokens[i]!.keywordKind]));
}
