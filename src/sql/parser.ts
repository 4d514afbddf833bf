import type { ScanToken } from 'libpg-query';
import { PgmendError } from '../errors.js';
import type { Node, ParseResult } from '@pgsql/types';

export type { Node, ParseResult, ScanToken };

type LibPgQuery = typeof import('libpg-query');
let loaded: Promise<void> | undefined;
let lib: LibPgQuery | undefined;

/**
 * libpg-query is WebAssembly: load it once, then every call below is synchronous. Imported
 * here, not at the top: commands that never parse SQL (`chain check`) start without it.
 */
export function loadParser(): Promise<void> {
  return (loaded ??= import('libpg-query').then(async (m) => {
    await m.loadModule();
    lib = m;
  }));
}

let ready = false;
export async function ensureParser(): Promise<void> {
  if (!ready) {
    await loadParser();
    ready = true;
  }
}

function assertReady(): LibPgQuery {
  if (!ready || !lib) throw new Error('pgmend: call ensureParser() before parsing (libpg-query is not loaded)');
  return lib;
}

export function parseSql(sql: string): ParseResult {
  return assertReady().parseSync(sql);
}

/** The PL/pgSQL parse tree of a DO block or CREATE FUNCTION … LANGUAGE plpgsql (libpg-query's JSON form). */
export function parsePlpgsql(sql: string): unknown {
  return assertReady().parsePlPgSQLSync(sql);
}

/** Tokens with UTF-8 byte offsets; throws on unterminated quotes and comments. */
export function scanSql(sql: string): ScanToken[] {
  const tokens = assertReady().scanSync(sql).tokens;
  // libpg-query's scanner answers with no tokens, and no error, past about 3.5 million tokens:
  // taken at its word, every statement of the file would be lost.
  if (!tokens.length && sql.length > 1_000_000 && /\S/.test(sql)) {
    throw new PgmendError('input-unreadable', `the Postgres scanner returned nothing for ${Math.round(sql.length / 1e6)} MB of SQL in one piece`, undefined, 'split the file into smaller ones (a few MB each) and convert them together');
  }
  return tokens;
}

/** The name of a statement node, e.g. `CreateStmt` for `{ CreateStmt: {...} }`. */
export function nodeType(node: Node): string {
  for (const key in node) return key; // the one key, without an array of keys per statement
  return '';
}
