/**
 * The IF NOT EXISTS conditions pgmend accepts as guards (do-guard-cases.ts) are those with which
 * Postgres runs the block twice without error; those it flags fail on the second run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../helpers/database.js';
import { SERVER_VERSIONS } from '../helpers/servers.js';
import { GUARD_TABLES, GUARD_TESTED, GUARD_UNTESTED, guardBlock } from './do-guard-cases.js';

/** Runs the tables, then the block twice, in a transaction rolled back; the second run's error, if any. */
async function secondRunError(db: TestDatabase, block: string): Promise<string | undefined> {
  await db.client.query('BEGIN');
  try {
    await db.client.query(GUARD_TABLES);
    await db.client.query(block);
    await db.client.query(block).catch((e: Error) => {
      throw Object.assign(new Error(e.message), { second: true });
    });
    return undefined;
  } catch (e) {
    if ((e as { second?: boolean }).second) return (e as Error).message;
    throw e;
  } finally {
    await db.client.query('ROLLBACK');
  }
}

for (const version of SERVER_VERSIONS) {
  describe(`DO block guards, run twice on Postgres ${version}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await testDatabase(`do-guard-rerun-${version}`, version);
    });
    afterAll(() => db?.drop());

    it('blocks whose condition tests what they create run twice', async () => {
      // A table of the project (schema_objects) is not there to query: pgmend judges it by name only.
      for (const [cond, ddl] of GUARD_TESTED.filter(([c]) => !c.includes('schema_objects'))) {
        expect([cond, await secondRunError(db, guardBlock(cond, ddl))]).toEqual([cond, undefined]);
      }
    });

    it('blocks pgmend flags fail on the second run (supabase/auth: constraint "u_o_id_fkey" already exists)', async () => {
      for (const [cond, ddl] of GUARD_UNTESTED) {
        expect([cond, await secondRunError(db, guardBlock(cond, ddl))]).toEqual([cond, expect.stringMatching(/already exists|does not exist/)]);
      }
    });
  });
}
