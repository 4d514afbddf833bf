import { dollarQuote, quoteLiteral } from '../sql/quote.js';
import { regclass, type QualifiedName } from './names.js';

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

const PGMEND_GUARD = /^DO (\$pgmend\d*\$)\nBEGIN\n {2}IF (.*) THEN\n/;

/**
 * `statement` run only when `condition` holds: a guard pgmend wrote takes the condition into
 * its own IF (its conditions are conjunctions, so `AND` keeps their meaning); anything else
 * is wrapped in a new guard.
 */
export function andGuard(condition: string, statement: string): string {
  const m = PGMEND_GUARD.exec(statement);
  const end = m && `;\n  END IF;\nEND\n${m[1]}`;
  if (!m || !end || !statement.endsWith(end)) return guardedDo(condition, statement);
  // Rebuilt, not patched: the condition may hold the dollar tag, which then must change.
  return guardedDo(`${condition} AND ${m[2]}`, statement.slice(m[0].length, -end.length));
}

export function columnExists(table: QualifiedName, column: string): string {
  return `SELECT 1 FROM pg_attribute WHERE attrelid = ${regclass(table)} AND attname = ${quoteLiteral(column)} AND NOT attisdropped`;
}

export function constraintExists(table: QualifiedName, name: string): string {
  return `SELECT 1 FROM pg_constraint WHERE conname = ${quoteLiteral(name)} AND conrelid = ${regclass(table)}`;
}

/**
 * A relation (table, index, sequence, view, …) named `name` in the schema `table` is in: where
 * the index of a UNIQUE / PRIMARY KEY / EXCLUDE constraint on `table` would go, under the
 * constraint's name.
 */
export function relationBeside(table: QualifiedName, name: string): string {
  return `SELECT 1 FROM pg_class WHERE relname = ${quoteLiteral(name)} AND relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = ${regclass(table)})`;
}
