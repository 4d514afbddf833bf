/**
 * Finding the pieces of a statement's text from its code tokens: parenthesised lists, the
 * comma-separated items of a list, the subcommands of ALTER TABLE. Spans are inclusive token
 * index ranges; `textOf` turns one back into the user's exact text.
 */
import type { Token } from '../sql/tokens.js';

export type Span = [first: number, last: number];

const OPEN = new Set(['(', '[']);
const CLOSE = new Set([')', ']']);

/** Index of the `)` closing the `(` at `open`, or -1. */
export function closingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (OPEN.has(tokens[i]!.text)) depth++;
    else if (CLOSE.has(tokens[i]!.text) && --depth === 0) return i;
  }
  return -1;
}

/** The items of tokens[first..last] separated by top-level commas (empty input: no items). */
export function splitTopLevel(tokens: Token[], first: number, last: number): Span[] {
  if (first > last) return [];
  const out: Span[] = [];
  let depth = 0;
  let start = first;
  for (let i = first; i <= last; i++) {
    const t = tokens[i]!.text;
    if (OPEN.has(t)) depth++;
    else if (CLOSE.has(t)) depth--;
    else if (t === ',' && depth === 0) {
      out.push([start, i - 1]);
      start = i + 1;
    }
  }
  out.push([start, last]);
  return out;
}

/** The items inside the parenthesised list opening at `open`. */
export function listItems(tokens: Token[], open: number): Span[] {
  const close = closingParen(tokens, open);
  return close < 0 ? [] : splitTopLevel(tokens, open + 1, close - 1);
}

export function textOf(sql: string, tokens: Token[], span: Span): string {
  return sql.slice(tokens[span[0]]!.start, tokens[span[1]]!.end);
}

/** First token in [from, to] at paren depth 0 whose keyword is one of `words`, or -1. */
export function findTopLevel(tokens: Token[], words: Set<string>, from: number, to = tokens.length - 1): number {
  let depth = 0;
  for (let i = from; i <= to; i++) {
    const t = tokens[i]!;
    if (OPEN.has(t.text)) depth++;
    else if (CLOSE.has(t.text)) depth--;
    else if (depth === 0 && words.has(t.keyword)) return i;
  }
  return -1;
}

/** Index just past a (possibly qualified) name starting at `i`: `a`, `s.a`, `"S"."a"`, then an optional `*`. */
export function skipName(tokens: Token[], i: number): number {
  let j = i + 1;
  while (tokens[j]?.text === '.' && tokens[j + 1]) j += 2;
  if (tokens[j]?.text === '*') j++;
  return j;
}

/** Index of the token right after the keyword sequence starting at `i` (`IF NOT EXISTS`, …), or `i` if absent. */
export function skipWords(tokens: Token[], i: number, words: string[]): number {
  return words.every((w, k) => tokens[i + k]?.keyword === w) ? i + words.length : i;
}
