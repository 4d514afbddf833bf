import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRevisions, type ReplayRevision } from '../../src/verify/replay.js';
import { createScratchDatabase, type ScratchDatabase } from '../../src/verify/scratch.js';

const sql = (s: string) => ({ kind: 'sql' as const, sql: s });
const rev = (id: string, up: string[], downgrade: ReplayRevision['downgrade']): ReplayRevision => ({ id, label: `${id}.py`, upgrade: up.map((s) => sql(s)), downgrade });

describe('verifyRevisions on PGlite', () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await createScratchDatabase([sql('CREATE EXTENSION pgcrypto'), sql('CREATE EXTENSION "uuid-ossp"')]);
  });
  afterAll(() => db?.close());
  // Each case cleans up after itself through its own downgrade or an explicit reset.
  const reset = () => db.run('DROP SCHEMA public CASCADE; CREATE SCHEMA public');

  it('passes revisions that are idempotent and reversible', async () => {
    const report = await verifyRevisions(
      [
        rev('a', ['CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY)'], [sql('DROP TABLE IF EXISTS t')]),
        rev('b', ['CREATE INDEX IF NOT EXISTS t_id ON t (id)', `CREATE EXTENSION IF NOT EXISTS pgcrypto`], [sql('DROP EXTENSION IF EXISTS pgcrypto'), sql('DROP INDEX IF EXISTS t_id')]),
      ],
      { database: db },
    );
    expect(report.findings).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual(['upgrade head', 're-run every revision', 'downgrade', 'each downgrade restores what its revision found', 'downgrade to base leaves nothing behind', 'upgrade head again', 'the whole chain again at head']);
    expect(report.ok).toBe(true);
    await reset();
  });

  it('runs the whole chain again at head, as on a database the SQL was applied to by hand: an early revision meets what a later one renamed', async () => {
    const renameOnce = `DO $$ BEGIN IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c') THEN ALTER TABLE t RENAME c TO d; END IF; END $$`;
    const renameBack = `DO $$ BEGIN IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 't' AND column_name = 'd') THEN ALTER TABLE t RENAME d TO c; END IF; END $$`;
    const report = await verifyRevisions(
      [rev('a', ['CREATE TABLE IF NOT EXISTS t (c int)', "COMMENT ON COLUMN t.c IS 'counted'"], [sql('DROP TABLE IF EXISTS t')]), rev('b', [renameOnce], [sql(renameBack)])],
      { database: db },
    );
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['the whole chain again at head']);
    expect(report.findings).toMatchObject([{ code: 'verify-chain-rerun-failed', message: expect.stringMatching(/^running the whole chain again at head: the upgrade of a\.py fails in the scratch database \(Postgres [\d.]+\): column "c" of relation "t" does not exist/) }]);
    await reset();
  });

  it('checks each downgrade on its own: a privilege it leaves behind shows, though the next downgrade drops the table', async () => {
    const report = await verifyRevisions(
      [rev('a', ['CREATE TABLE IF NOT EXISTS t (id int)'], [sql('DROP TABLE IF EXISTS t')]), rev('b', ['GRANT SELECT ON t TO PUBLIC'], [sql('GRANT INSERT ON t TO PUBLIC')])],
      { database: db },
    );
    expect(report.checks.find((c) => c.name === 'each downgrade restores what its revision found')).toEqual({ name: 'each downgrade restores what its revision found', ok: false });
    expect(report.findings).toMatchObject([{ code: 'verify-downgrade-incomplete', message: expect.stringMatching(/^the downgrade of b\.py does not restore the database as the revision found it: the database's privileges \(.*"privilege_type":"INSERT"/) }]);
    await reset();
  });

  it('catches a revision that fails when re-run', async () => {
    const report = await verifyRevisions([rev('a', ['CREATE TABLE t (id int)'], [sql('DROP TABLE t')])], { database: db });
    expect(report.ok).toBe(false);
    expect(report.findings[0]).toMatchObject({ code: 'verify-not-idempotent', message: expect.stringMatching(/^re-run of a\.py fails in the scratch database \(Postgres 1\d\.\d+\): .*already exists/) });
    await reset();
  });

  it('re-runs each revision right after itself, then the whole chain at head: there an early definition a later revision replaced must not come back', async () => {
    const f = (cols: string) => `CREATE OR REPLACE FUNCTION f() RETURNS TABLE(${cols}) LANGUAGE sql AS 'SELECT 1, 2'`;
    // What convert writes when a later revision redefines f incompatibly: created only while missing.
    const whileMissing = `DO $$ BEGIN IF to_regprocedure('f()') IS NULL THEN ${f('n int, a int')}; END IF; END $$`;
    const chain = (first: string) => [
      rev('a', [first], [sql('DROP FUNCTION IF EXISTS f()')]),
      rev('b', ['DROP FUNCTION IF EXISTS f()', f('n int, b int')], [sql('DROP FUNCTION IF EXISTS f()'), sql(f('n int, a int'))]),
    ];
    const plain = await verifyRevisions(chain(f('n int, a int')), { database: db });
    expect(plain.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['the whole chain again at head']);
    expect(plain.findings).toMatchObject([{ code: 'verify-chain-rerun-failed', message: expect.stringContaining('cannot change return type of existing function') }]);
    await reset();
    const guarded = await verifyRevisions(chain(whileMissing), { database: db });
    expect(guarded.findings).toEqual([]);
    expect(guarded.ok).toBe(true);
    await reset();
  });

  it('catches a downgrade that leaves objects behind, pointing at the statement that made them', async () => {
    const at = (line: number) => ({ file: '001.sql', line, column: 1 });
    const up = [{ ...sql('CREATE TABLE IF NOT EXISTS t_one (id int)'), location: at(1) }, { ...sql('CREATE TABLE IF NOT EXISTS t_two (id int)'), location: at(2) }];
    const report = await verifyRevisions([{ id: 'a', label: 'a.py', upgrade: up, downgrade: [sql('DROP TABLE IF EXISTS t_two')] }], { database: db });
    expect(report.findings.map((f) => f.code)).toEqual(['verify-downgrade-incomplete']);
    expect(report.findings[0]!.message).toMatch(/relations \(\+\{"nspname":"public","relname":"t_one"/);
    expect(report.findings[0]!.location).toEqual(at(1));
    await reset();
    // An extension left behind is found by its name, dash and all.
    const ext = [{ ...sql('CREATE EXTENSION IF NOT EXISTS "uuid-ossp"'), location: at(3) }];
    const left = await verifyRevisions([{ id: 'b', label: 'b.py', upgrade: ext, downgrade: [] }], { database: db });
    expect(left.findings.find((f) => f.code === 'verify-downgrade-incomplete')?.location).toEqual(at(3));
    await db.run('DROP EXTENSION IF EXISTS "uuid-ossp"');
  });

  it('stops the downgrade at a step that cannot be undone and upgrades from there', async () => {
    const report = await verifyRevisions(
      [
        rev('a', ['CREATE TABLE IF NOT EXISTS t (id int)'], [sql('DROP TABLE IF EXISTS t')]),
        rev('b', [`UPDATE t SET id = id + 1`], [{ kind: 'fail', message: 'cannot undo data change at 002.sql:1' }]),
        rev('c', ['ALTER TABLE t ADD COLUMN IF NOT EXISTS name text'], [sql('ALTER TABLE t DROP COLUMN IF EXISTS name')]),
      ],
      { database: db },
    );
    expect(report.findings.map((f) => f.code)).toEqual(['verify-downgrade-stops']);
    expect(report.ok).toBe(true);
    expect(report.findings).toEqual([expect.objectContaining({ code: 'verify-downgrade-stops', message: expect.stringContaining('002.sql:1') })]);
    await reset();
  });
});
