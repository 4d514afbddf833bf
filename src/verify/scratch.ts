/**
 * The embedded scratch database: PGlite (Postgres 18 compiled to WebAssembly, in process), so
 * verifying needs no server. Contrib extensions must be registered with PGlite explicitly;
 * they load lazily, only when a migration runs CREATE EXTENSION.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { RunQuery } from '../introspect/snapshot.js';

/** PGlite's contrib modules by extension name (the module name uses `_` where the extension uses `-`). */
const CONTRIB = [
  'amcheck', 'bloom', 'btree_gin', 'btree_gist', 'citext', 'cube', 'dict_int', 'dict_xsyn',
  'earthdistance', 'fuzzystrmatch', 'hstore', 'intarray', 'isn', 'lo', 'ltree', 'moddatetime',
  'pg_buffercache', 'pg_freespacemap', 'pg_surgery', 'pg_trgm', 'pg_visibility', 'pg_walinspect',
  'pgcrypto', 'seg', 'tablefunc', 'tcn', 'tsm_system_rows', 'tsm_system_time', 'unaccent', 'uuid_ossp',
];

export interface ScratchDatabase {
  /** Runs one statement (it may be a DO block); rejects with Postgres's error. */
  run(sql: string): Promise<void>;
  query: RunQuery;
  close(): Promise<void>;
}

export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const extensions: Record<string, unknown> = {};
  for (const name of CONTRIB) {
    const mod = (await import(`@electric-sql/pglite/contrib/${name}`)) as Record<string, unknown>;
    extensions[name] = mod[name] ?? Object.values(mod)[0];
  }
  const db: PGlite = await PGlite.create({ extensions: extensions as never });
  return {
    run: async (sql) => void (await db.exec(sql)),
    query: async (sql) => (await db.query<Record<string, unknown>>(sql)).rows,
    close: () => db.close(),
  };
}
