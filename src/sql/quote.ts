/**
 * Quoting for SQL text pgmend writes. Identifiers are quoted only when Postgres would
 * otherwise fold or reject them, so generated SQL reads like hand-written SQL.
 */
import { keywordKind } from './keywords.js';

export function quoteIdent(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !isReservedKeyword(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteQualified(...parts: Array<string | undefined>): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').map(quoteIdent).join('.');
}

/** A standard string literal; backslashes are literal under standard_conforming_strings (on since 9.1). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A dollar-quote tag that does not occur in `body`, e.g. `$pgmend$`. */
export function dollarQuote(body: string, base = 'pgmend'): string {
  let tag = `$${base}$`;
  for (let n = 1; body.includes(tag); n++) tag = `$${base}${n}$`;
  return `${tag}${body}${tag}`;
}

function isReservedKeyword(name: string): boolean {
  const kind = keywordKind(name);
  return kind !== 'unreserved' && kind !== undefined;
}
