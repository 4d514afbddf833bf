import { scanSql } from './parser.js';

export type KeywordKind = 'unreserved' | 'col_name' | 'type_func_name' | 'reserved';
const KINDS: Record<number, KeywordKind> = { 1: 'unreserved', 2: 'col_name', 3: 'type_func_name', 4: 'reserved' };
const cache = new Map<string, KeywordKind | undefined>();

/** Postgres's own keyword category for a lower-case word (asked of its scanner), or undefined. */
export function keywordKind(word: string): KeywordKind | undefined {
  if (!cache.has(word)) cache.set(word, KINDS[scanSql(word)[0]?.keywordKind ?? 0]);
  return cache.get(word);
}
