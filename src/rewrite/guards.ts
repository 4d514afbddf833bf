import { dollarQuote, quoteLiteral } from '../sql/quote.js';

/**
 * `DO $pgmend$ BEGIN IF <condition> THEN <statement>; END IF; END $pgmend$` — the guard for
 * statements Postgres has no IF [NOT] EXISTS for. The dollar tag never clashes with the
 * statement's own dollar quotes.
 */
export function guardedDo(condition: string, statement: string): string {
  // The statement is not re-indented: its text may hold string literals and function bodies.
  const body = `\nBEGIN\n  IF ${condition} THEN\n${statement};\n  END IF;\nEND\n`;
  return `DO ${dollarQuote(body)}`;
}

/** `NOT EXISTS (SELECT 1 FROM …)` over a catalog query. */
export function notExists(query: string): string {
  return `NOT EXISTS (${query})`;
}

export function exists(query: string): string {
  return `EXISTS (${query})`;
}

/** A schema-qualified relation test that is NULL-safe when the relation is missing. */
export function regclassOf(schema: string | undefined, name: string): string {
  return `to_regclass(${quoteLiteral(qualifiedForRegclass(schema, name))})`;
}

/** to_regclass takes a possibly-quoted name; quote each part so case and dots survive. */
export function qualifiedForRegclass(schema: string | undefined, name: string): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  return schema ? `${q(schema)}.${q(name)}` : q(name);
}
