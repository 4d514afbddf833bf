/**
 * Catalog snapshots on a real server through pg (the queries live in src/introspect/snapshot.ts,
 * which pgmend's own verify uses on PGlite).
 */
import type pg from 'pg';
import { catalogSnapshot as snapshot, USER_TABLES_QUERY, type CatalogSnapshot } from '../../src/introspect/snapshot.js';

export type { CatalogSnapshot };

/**
 * Snapshot of the database's schema objects. Pass `excludeTables` (e.g. ['alembic_version'])
 * to leave out bookkeeping tables a tool adds.
 */
export function catalogSnapshot(client: pg.Client, excludeTables: string[] = []): Promise<CatalogSnapshot> {
  return snapshot(async (sql) => (await client.query(sql)).rows, excludeTables);
}

/** Row counts of every user table, for seed-data idempotency checks. */
export async function rowCounts(client: pg.Client): Promise<Record<string, number>> {
  const { rows } = await client.query<{ t: string }>(USER_TABLES_QUERY);
  const counts: Record<string, number> = {};
  for (const { t } of rows) counts[t] = Number((await client.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
  return counts;
}
