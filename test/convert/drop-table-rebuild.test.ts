/**
 * The downgrade of DROP TABLE on real Postgres with real Alembic: `downgrade -1` must leave the
 * catalog the earlier files leave when applied by hand — the table's columns as later ALTERs
 * changed them, its constraints, indexes, triggers, policies, row level security and comments,
 * and the names it kept through a rename (the graphile-worker rebuild: jobs → jobs_legacy).
 */
import { describe, expect, it } from 'vitest';
import { appliedByHand, convertedProject, schemaSnapshot } from '../helpers/converted.js';
import { fileDatabases } from '../helpers/database.js';

const database = fileDatabases();

const snapshot = schemaSnapshot;

/** Converts the files into an Alembic project on a fresh database. */
const project = (files: Record<string, string>, label: string) => convertedProject(files, database, label);

/** The catalog of the first `count` files applied by hand. */
const byHand = async (files: Record<string, string>, count: number, label: string) => schemaSnapshot(await appliedByHand(files, database, label, count));

const CHANGED = {
  '001_create.sql': `CREATE TABLE owner_t (id int PRIMARY KEY);
CREATE TABLE t (id serial PRIMARY KEY, q text NOT NULL, r int CHECK (r > 0), old int UNIQUE, o int REFERENCES owner_t);
CREATE INDEX t_q ON t (q);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN new; END $$;
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER t_audit AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY mine ON t USING (o = 1);
COMMENT ON TABLE t IS 'things';
`,
  '002_change.sql': `ALTER TABLE t ALTER COLUMN q DROP NOT NULL, ALTER COLUMN q SET DEFAULT 'x', ALTER COLUMN r TYPE bigint;
ALTER TABLE t DROP CONSTRAINT t_r_check, ADD CONSTRAINT r_small CHECK (r < 10) NOT VALID, DROP COLUMN old;
ALTER TABLE t ADD COLUMN added text NOT NULL DEFAULT 'a' CHECK (added <> ''), ADD COLUMN later int;
ALTER TABLE t RENAME COLUMN r TO rank;
ALTER TABLE t DISABLE TRIGGER t_audit, FORCE ROW LEVEL SECURITY;
COMMENT ON COLUMN t.rank IS 'position';
`,
  '003_drop.sql': 'DROP TABLE t;\n',
};

/** graphile-worker's rebuild: the old table renamed away, a new one made, the old one dropped. */
const REBUILT = {
  '001_create.sql': `CREATE TABLE jobs (id int PRIMARY KEY, queue_name text NOT NULL);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN new; END $$;
CREATE TRIGGER jobs_touch AFTER UPDATE OF queue_name ON jobs FOR EACH ROW EXECUTE FUNCTION touch();
`,
  '002_rebuild.sql': `ALTER TABLE jobs RENAME TO jobs_legacy;
CREATE TABLE jobs (id int PRIMARY KEY, task_id int);
INSERT INTO jobs (id) SELECT id FROM jobs_legacy;
DROP TABLE jobs_legacy;
`,
};

describe('DROP TABLE downgrade on real Postgres', () => {
  it('gives the table back as the earlier files left it, not as its first CREATE TABLE made it', async () => {
    const { db, alembic } = await project(CHANGED, 'drop-table-changed');
    await alembic.alembic('upgrade', 'head');
    await alembic.alembic('downgrade', '-1');
    expect(await snapshot(db)).toEqual(await byHand(CHANGED, 2, 'drop-table-changed-hand'));
    await alembic.alembic('upgrade', 'head');
    expect(await snapshot(db)).toEqual(await byHand(CHANGED, 3, 'drop-table-changed-hand3'));
  });

  it('a table that got its name from a rename comes back with the constraint names it had', async () => {
    const { db, alembic } = await project(REBUILT, 'drop-table-rebuilt');
    await alembic.alembic('upgrade', 'head');
    await alembic.alembic('downgrade', '-1');
    expect(await snapshot(db)).toEqual(await byHand(REBUILT, 1, 'drop-table-rebuilt-hand1'));
    await alembic.alembic('upgrade', 'head');
    expect(await snapshot(db)).toEqual(await byHand(REBUILT, 2, 'drop-table-rebuilt-hand2'));
  });

  it('the chain runs on a database that has the rebuild already: statements on the old table skip the new one', async () => {
    const { db, alembic } = await project(REBUILT, 'rebuilt-rerun');
    for (const sql of Object.values(REBUILT)) await db.client.query(sql);
    const hand = await snapshot(db);
    // Revision 1's trigger names queue_name, which the new jobs lacks; revision 2 must not rebuild it again.
    await alembic.alembic('upgrade', 'head');
    expect(await snapshot(db)).toEqual(hand);
    await alembic.alembic('downgrade', '-1');
    expect(await snapshot(db)).toEqual(await byHand(REBUILT, 1, 'rebuilt-rerun-hand1'));
  });
});
