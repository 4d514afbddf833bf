import { loadModule, parseSync, scanSync, type ScanToken } from 'libpg-query';
import type { Node, ParseResult } from '@pgsql/types';

export type { Node, ParseResult, ScanToken };

let loaded: Promise<void> | undefined;

/** libpg-query is WebAssembly: load it once, then every call below is synchronous. */
export function loadParser(): Promise<void> {
  return (loaded ??= loadModule());
}

let ready = false;
export async function ensureParser(): Promise<void> {
  if (!ready) {
    await loadParser();
    ready = true;
  }
}

function assertReady(): void {
  if (!ready) throw new Error('pgmend: call ensureParser() before parsing (libpg-query is not loaded)');
}

export function parseSql(sql: string): ParseResult {
  assertReady();
  return parseSync(sql);
}

/** Tokens with UTF-8 byte offsets; throws on unterminated quotes and comments. */
export function scanSql(sql: string): ScanToken[] {
  assertReady();
  return scanSync(sql).tokens;
}

/** The name of a statement node, e.g. `CreateStmt` for `{ CreateStmt: {...} }`. */
export function nodeType(node: Node): string {
  for (const key in node) return key; // the one key, without an array of keys per statement
  return '';
}
