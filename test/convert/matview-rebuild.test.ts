/**
 * A materialized view dropped and built again (concourse: a column added to what it selects)
 * holds only what its query derives: the revision is re-runnable as written, with no review, on
 * real Postgres with real Alembic — run again, run where the SQL was applied by hand, and
 * undone to a filled materialized view with its indexes, as the earlier file left it.
 */
import { describe, expect, it } from 'vitest';
import { alembicProject } from '../helpers/alembic.js';
import { appliedByHand, convertedProject, schemaSnapshot } from '../helpers/converted.js';
import { fileDatabases, type TestDatabase } from '../helpers/database.js';

const database = fileDatabases();

const FILES = {
  '001_init.sql': `CREATE TABLE b (id int PRIMARY KEY, job_id int);
INSERT INTO b VALUES (1, 1), (2, 1), (3, 2);
CREATE MATERIALIZED VIEW latest AS SELECT max(id) AS id, job_id FROM b GROUP BY job_id WITH NO DATA;
CREATE INDEX latest_job ON latest (job_id);
REFRESH MATERIALIZED VIEW latest;
`,
  '002_tracked_by.sql': `ALTER TABLE b ADD COLUMN tracked_by text;
DROP MATERIALIZED VIEW latest;
CREATE MATERIALIZED VIEW latest AS SELECT max(id) AS id, job_id, max(tracked_by) AS tracked_by FROM b GROUP BY job_id WITH NO DATA;
CREATE UNIQUE INDEX latest_id ON latest USING btree (id);
REFRESH MATERIALIZED VIEW latest;
`,
};

/** The catalog, whether the materialized view is filled, and what it holds. */
async function state(db: TestDatabase) {
  const filled = await db.client.query(`SELECT relispopulated FROM pg_class WHERE oid = 'latest'::regclass`);
  const rows = filled.rows[0]?.relispopulated ? (await db.client.query('SELECT * FROM latest ORDER BY id')).rows : undefined;
  return { catalog: await schemaSnapshot(db), populated: filled.rows[0]?.relispopulated, rows };
}

async function byHand(count: number, label: string) {
  return state(await appliedByHand(FILES, database, label, count));
}

describe('a materialized view dropped and built again', () => {
  it('needs no review, runs again and where applied by hand, and comes back filled with its indexes', async () => {
    const { db: fresh, alembic, report, versions } = await convertedProject(FILES, database, 'matview-fresh');
    expect(report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code}: ${f.message}`)).toEqual([]);

    const head = await byHand(2, 'matview-hand2');
    await alembic.alembic('upgrade', 'head');
    expect(await state(fresh)).toEqual(head);
    await alembic.alembic('stamp', 'base');
    await alembic.alembic('upgrade', 'head');
    expect(await state(fresh)).toEqual(head);
    await alembic.alembic('downgrade', '-1');
    expect(await state(fresh)).toEqual(await byHand(1, 'matview-hand1'));

    const hand = await appliedByHand(FILES, database, 'matview-by-hand');
    await (await alembicProject(versions, hand.url)).alembic('upgrade', 'head');
    expect(await state(hand)).toEqual(head);
  });
});
