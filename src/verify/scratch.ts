/**
 * The embedded scratch database: PGlite (Postgres 18 compiled to WebAssembly, in process), so
 * verifying needs no server. PGlite must be told up front which contrib extensions it may
 * load; only those the SQL creates are registered (each is large).
 */
import type { Extension } from '@electric-sql/pglite';
import type { RunQuery } from '../introspect/snapshot.js';

export interface ScratchDatabase {
  /** Runs one statement (it may be a DO block); rejects with Postgres's error. */
  run(sql: string): Promise<void>;
  query: RunQuery;
  close(): Promise<void>;
}

export async function createScratchDatabase(steps: Array<{ kind: string; sql?: string }> = []): Promise<ScratchDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ extensions: await contribExtensions(steps) });
  return {
    run: async (sql) => void (await db.exec(sql)),
    query: async (sql) => (await db.query<Record<string, unknown>>(sql)).rows,
    close: () => db.close(),
  };
}

/** PGlite's contrib modules for the extensions `CREATE EXTENSION` names (`uuid-ossp` → `uuid_ossp`). */
async function contribExtensions(steps: Array<{ kind: string; sql?: string }>): Promise<Record<string, Extension>> {
  const wanted = new Set<string>();
  for (const step of steps) {
    if (step.kind !== 'sql' || !step.sql) continue;
    for (const m of step.sql.matchAll(/create\s+extension\s+(?:if\s+not\s+exists\s+)?"?([\w-]+)"?/gi)) wanted.add(m[1]!.toLowerCase().replaceAll('-', '_'));
  }
  const extensions: Record<string, Extension> = {};
  for (const name of [...wanted].sort()) {
    try {
      const mod = (await import(`@electric-sql/pglite/contrib/${name}`)) as Record<string, Extension | undefined>;
      const extension = mod[name];
      if (extension) extensions[name] = extension;
    } catch {
      // Not shipped with PGlite: CREATE EXTENSION then fails and is reported like any failure.
    }
  }
  return extensions;
}
