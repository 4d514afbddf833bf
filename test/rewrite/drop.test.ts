import { describe, expect, it } from 'vitest';
import { guardedDo as guard } from '../../src/rewrite/guards.js';
import { rewriteAfter } from './with-definitions.js';

describe('drop rule', () => {
  it('adds IF EXISTS and recreates the table as last seen, with its indexes', async () => {
    const earlier = `CREATE TABLE s.t (a int PRIMARY KEY, b text);
CREATE INDEX ON s.t (b);
ALTER TABLE s.t ADD COLUMN c int, DROP COLUMN b;
CREATE INDEX ON s.t (c);`;
    const { rewrites } = await rewriteAfter(earlier, 'drop table s.t -- gone');
    expect(rewrites[0]!.up).toEqual([{ sql: 'drop table IF EXISTS s.t' }]);
    // The index on b went with b; the one on c comes back.
    // Changed since its CREATE, the table is written as it is now, each constraint by its name.
    expect(rewrites[0]!.down).toEqual([
      { kind: 'sql', sql: 'CREATE TABLE IF NOT EXISTS s.t (a int NOT NULL, c int, CONSTRAINT t_pkey PRIMARY KEY (a))' },
      { kind: 'sql', sql: 'CREATE INDEX IF NOT EXISTS t_c_idx ON s.t (c)' },
      { kind: 'note', text: 'table s.t comes back empty: its rows are not restored' },
    ]);
  });

  it('keeps the CREATE TABLE text of a table nothing changed since', async () => {
    const { rewrites } = await rewriteAfter('CREATE TABLE t (id serial PRIMARY KEY, "Name" text UNIQUE) -- as written', 'DROP TABLE t');
    expect(rewrites[0]!.down[0]).toEqual({ kind: 'sql', sql: 'CREATE TABLE IF NOT EXISTS t (id serial PRIMARY KEY, "Name" text UNIQUE)' });
    expect(rewrites[0]!.findings).toEqual([]);
  });

  it('a column renamed since the CREATE TABLE comes back under its new name', async () => {
    const { rewrites } = await rewriteAfter('CREATE TABLE t (a int);\nALTER TABLE t RENAME COLUMN a TO b;', 'DROP TABLE t');
    expect(rewrites[0]!.down[0]).toEqual({ kind: 'sql', sql: 'CREATE TABLE IF NOT EXISTS t (b int)' });
  });

  it('rebuilds a table with the column states, constraints, triggers, settings and comments earlier statements left', async () => {
    const earlier = `CREATE TABLE t (id serial PRIMARY KEY, q text NOT NULL, r int CHECK (r > 0), old int);
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
CREATE POLICY p ON t USING (true);
ALTER TABLE t ENABLE ROW LEVEL SECURITY, ALTER COLUMN q DROP NOT NULL, ALTER COLUMN q SET DEFAULT 'x';
ALTER TABLE t DROP CONSTRAINT t_r_check, ADD CONSTRAINT r_small CHECK (r < 10) NOT VALID, DROP COLUMN old;
ALTER TABLE t RENAME COLUMN r TO rank;
ALTER TABLE t DISABLE TRIGGER t_touch;
COMMENT ON TABLE t IS 'things';
COMMENT ON COLUMN t.rank IS 'position';`;
    const { rewrites } = await rewriteAfter(earlier, 'DROP TABLE t');
    expect(rewrites[0]!.down.map((s) => (s.kind === 'sql' ? s.sql : s.kind))).toEqual([
      'CREATE SEQUENCE IF NOT EXISTS t_id_seq AS integer',
      `CREATE TABLE IF NOT EXISTS t (id integer DEFAULT nextval('t_id_seq'::regclass) NOT NULL, q text DEFAULT 'x', rank int, CONSTRAINT t_pkey PRIMARY KEY (id))`,
      'ALTER TABLE t ADD CONSTRAINT r_small CHECK (rank < 10) NOT VALID',
      'ALTER SEQUENCE t_id_seq OWNED BY t.id',
      'CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch()',
      'CREATE POLICY p ON t USING (true)',
      'ALTER TABLE t ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE t DISABLE TRIGGER t_touch',
      "COMMENT ON TABLE t IS 'things'",
      "COMMENT ON COLUMN t.rank IS 'position'",
      'note',
    ]);
  });

  it('a table renamed since its CREATE keeps the names its constraints and NOT NULLs were given', async () => {
    const { rewrites } = await rewriteAfter('CREATE TABLE jobs (id int PRIMARY KEY, q text);\nCREATE TRIGGER tr AFTER UPDATE OF q ON jobs FOR EACH ROW EXECUTE FUNCTION f();\nALTER TABLE jobs RENAME TO jobs_legacy', 'DROP TABLE jobs_legacy');
    expect(rewrites[0]!.down.slice(0, 2)).toEqual([
      { kind: 'sql', sql: 'CREATE TABLE IF NOT EXISTS jobs_legacy (id int CONSTRAINT jobs_id_not_null NOT NULL, q text, CONSTRAINT jobs_pkey PRIMARY KEY (id))' },
      { kind: 'sql', sql: 'CREATE TRIGGER tr AFTER UPDATE OF q ON jobs_legacy FOR EACH ROW EXECUTE FUNCTION f()' },
    ]);
  });

  it('says which earlier change to a dropped table its downgrade cannot replay', async () => {
    const { rewrites } = await rewriteAfter('CREATE TABLE p (a int);\nCREATE TABLE t (a int);\nALTER TABLE t INHERIT p', '\nDROP TABLE t');
    const partial = rewrites[0]!.findings.filter((f) => f.code === 'drop-table-partial');
    expect(partial).toHaveLength(1);
    expect(partial[0]!.message).toMatch(/DROP TABLE t at test\.sql:2 does not replay .*AddInherit.* at test\.sql:3/);
    expect(rewrites[0]!.down.at(-1)).toMatchObject({ kind: 'note', text: partial[0]!.message });
  });

  it('fails the downgrade, naming file:line, for what it never saw created', async () => {
    const { rewrites } = await rewriteAfter('', '\n\nDROP VIEW old_report, s.other');
    expect(rewrites[0]!.up).toEqual([{ sql: 'DROP VIEW IF EXISTS old_report, s.other' }]);
    expect(rewrites[0]!.down).toEqual([
      { kind: 'fail', message: 'cannot recreate view old_report dropped at test.sql:3: pgmend never saw its definition' },
      { kind: 'fail', message: 'cannot recreate view s.other dropped at test.sql:3: pgmend never saw its definition' },
    ]);
  });

  it('leaves a note, not a raise, for DROP … IF EXISTS of what the same migration creates again', async () => {
    const sql = 'DROP TRIGGER IF EXISTS tr ON s.t;\nDROP VIEW IF EXISTS v;\nDROP VIEW IF EXISTS w;\nCREATE TRIGGER tr BEFORE UPDATE ON s.t FOR EACH ROW EXECUTE FUNCTION f();\nCREATE VIEW v AS SELECT 1';
    const { rewrites } = await rewriteAfter('', sql);
    expect(rewrites[0]!.down).toEqual([{ kind: 'note', text: 'trigger tr on s.t is dropped at test.sql:1 to be created again below; pgmend never saw an earlier definition, so the downgrade leaves it dropped' }]);
    expect(rewrites[0]!.findings.map((f) => f.code)).toEqual(['drop-recreated']);
    expect(rewrites[1]!.down[0]!.kind).toBe('note');
    expect(rewrites[2]!.down[0]!.kind).toBe('note'); // w is not created again, and no file made it
    expect(rewrites[2]!.findings.map((f) => f.code)).toEqual(['drop-unknown']);
  });

  it('DROP … IF EXISTS of something no file made: a note for objects without data, a raise for tables and sequences', async () => {
    const { rewrites } = await rewriteAfter('', 'DROP INDEX IF EXISTS t_old_idx;\nDROP TABLE IF EXISTS never_made;\nDROP SEQUENCE IF EXISTS never_seq;\nDROP INDEX t_other_idx');
    expect(rewrites.map((r) => r.down.map((d) => (d.kind === 'note' ? d.text : d.kind)))).toEqual([
      ['index t_old_idx is dropped IF EXISTS at test.sql:1, but no file created it: the downgrade does not recreate it'],
      ['fail'],
      ['fail'],
      ['fail'], // without IF EXISTS the source says it was there
    ]);
  });

  it('has nothing to undo for DROP … IF EXISTS of what was dropped already, or never created on a known table', async () => {
    const earlier = 'CREATE TABLE s.t (id int, a int);\nCREATE INDEX t_a ON s.t (a);\nDROP INDEX s.t_a;\nALTER TABLE s.t DROP COLUMN id';
    const { rewrites } = await rewriteAfter(
      earlier,
      'DROP INDEX IF EXISTS s.t_a;\nDROP TRIGGER IF EXISTS never ON s.t;\nALTER TABLE s.t DROP COLUMN IF EXISTS id;\nALTER TABLE s.t DROP COLUMN IF EXISTS b;\nDROP TRIGGER IF EXISTS x ON s.unknown;\nALTER TABLE s.t DROP CONSTRAINT IF EXISTS t_fkey',
    );
    expect(rewrites.map((r) => r.down.map((d) => (d.kind === 'note' ? d.text : d.kind)))).toEqual([
      ['index s.t_a was dropped already at test.sql:3; the DROP IF EXISTS at test.sql:1 has nothing to undo'],
      ['trigger never on s.t was never created (these files created s.t without it); the DROP IF EXISTS at test.sql:2 has nothing to undo'],
      ['column id was dropped already at test.sql:4; the DROP COLUMN IF EXISTS at test.sql:3 has nothing to undo'],
      ['column b was never in s.t as these files created it; the DROP COLUMN IF EXISTS at test.sql:4 has nothing to undo'],
      ['trigger x on s.unknown is dropped IF EXISTS at test.sql:5, but no file created it: the downgrade does not recreate it'],
      ['constraint t_fkey was never in s.t as these files created it; the DROP CONSTRAINT IF EXISTS at test.sql:6 has nothing to undo'],
    ]);
  });

  it('restores indexes, sequences, schemas and extensions from their recorded text', async () => {
    const earlier = 'CREATE SCHEMA app;\nCREATE SEQUENCE app.seq;\nCREATE EXTENSION hstore;\nCREATE INDEX CONCURRENTLY i ON app.t (a)';
    const { up, down, rewrites } = await rewriteAfter(earlier, 'DROP INDEX CONCURRENTLY app.i;\nDROP SEQUENCE app.seq;\nDROP EXTENSION hstore;\nDROP SCHEMA app');
    expect(up).toEqual(['DROP INDEX CONCURRENTLY IF EXISTS app.i', 'DROP SEQUENCE IF EXISTS app.seq', 'DROP EXTENSION IF EXISTS hstore', 'DROP SCHEMA IF EXISTS app']);
    expect(rewrites[0]!.up[0]!.nonTransactional).toBe(true);
    expect(down).toEqual(['CREATE SCHEMA IF NOT EXISTS app', 'CREATE EXTENSION IF NOT EXISTS hstore', 'CREATE SEQUENCE IF NOT EXISTS app.seq', 'CREATE INDEX IF NOT EXISTS i ON app.t (a)']);
  });

  it('restores what the other rules recorded (views, functions, triggers)', async () => {
    const earlier = `CREATE VIEW v AS SELECT 1;
CREATE FUNCTION f(a int, b text) RETURNS int LANGUAGE sql AS $$ SELECT a $$;
CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()`;
    const { down } = await rewriteAfter(earlier, 'DROP VIEW v;\nDROP FUNCTION f(integer, text);\nDROP TRIGGER tr ON t');
    expect(down.map((d) => d.slice(0, d.indexOf(' AS') > 0 ? d.indexOf(' AS') : 24))).toEqual([
      'CREATE TRIGGER tr BEFORE',
      'CREATE OR REPLACE FUNCTION f(a int, b text) RETURNS int LANGUAGE sql',
      'CREATE OR REPLACE VIEW v',
    ]);
  });

  it('finds the one function a DROP FUNCTION without arguments names', async () => {
    const { down } = await rewriteAfter('CREATE FUNCTION s.f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$', 'DROP FUNCTION s.f');
    expect(down).toEqual(['CREATE OR REPLACE FUNCTION s.f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$']);
  });

  it('recreates the sequence a serial column made, before the default that reads it', async () => {
    const { down } = await rewriteAfter(
      'CREATE TABLE "Document" (id SERIAL NOT NULL, CONSTRAINT doc_pkey PRIMARY KEY (id))',
      'ALTER TABLE "Document" ALTER COLUMN id DROP DEFAULT;\nDROP SEQUENCE "Document_id_seq"',
    );
    expect(down).toEqual([
      'CREATE SEQUENCE IF NOT EXISTS "Document_id_seq" AS integer OWNED BY "Document".id',
      // It continues after the ids the column holds (the integration tests run it).
      guard(
        `EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"Document"') AND attname = 'id' AND NOT attisdropped)`,
        `    PERFORM setval('"Document_id_seq"'::regclass, max(id)) FROM "Document" HAVING max(id) IS NOT NULL`,
      ),
      `ALTER TABLE "Document" ALTER COLUMN id SET DEFAULT nextval('"Document_id_seq"'::regclass)`,
    ]);
  });

  it('forgets the sequence a serial column owns with its table, freeing its name', async () => {
    const earlier = 'CREATE TABLE s.t (id smallserial);\nDROP TABLE s.t;\nCREATE TABLE s.t (id bigserial)';
    const { down } = await rewriteAfter(earlier, 'ALTER TABLE s.t ALTER COLUMN id DROP DEFAULT;\nDROP SEQUENCE s.t_id_seq');
    expect(down).toEqual([
      'CREATE SEQUENCE IF NOT EXISTS s.t_id_seq AS bigint OWNED BY s.t.id',
      guard(`EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"s"."t"') AND attname = 'id' AND NOT attisdropped)`, `    PERFORM setval('s.t_id_seq'::regclass, max(id)) FROM s.t HAVING max(id) IS NOT NULL`),
      `ALTER TABLE s.t ALTER COLUMN id SET DEFAULT nextval('s.t_id_seq'::regclass)`,
    ]);
  });

  it("a serial's sequence comes back owned by its column under the names later renames gave it", async () => {
    const { down } = await rewriteAfter(
      'CREATE TABLE t (id serial);\nALTER TABLE t RENAME TO u;\nALTER TABLE u RENAME COLUMN id TO uid',
      'ALTER TABLE u ALTER COLUMN uid DROP DEFAULT;\nDROP SEQUENCE t_id_seq',
    );
    expect(down[0]).toBe('CREATE SEQUENCE IF NOT EXISTS t_id_seq AS integer OWNED BY u.uid');
    expect(down[1]).toContain(`PERFORM setval('t_id_seq'::regclass, max(uid)) FROM u HAVING max(uid) IS NOT NULL`);
  });

  it('DROP ROLE gets IF EXISTS; its downgrade recreates a role created earlier, and fails for one never seen', async () => {
    const { up, rewrites } = await rewriteAfter('CREATE ROLE app_reader NOLOGIN', 'DROP ROLE app_reader, legacy');
    expect(up).toEqual(['DROP ROLE IF EXISTS app_reader, legacy']);
    expect(rewrites[0]!.down).toEqual([
      { kind: 'fail', message: 'cannot recreate role legacy dropped at test.sql:1: pgmend never saw its CREATE ROLE' },
      { kind: 'sql', sql: guard(`NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'app_reader')`, 'CREATE ROLE app_reader NOLOGIN') },
    ]);
    expect(rewrites[0]!.findings.map((f) => f.code)).toEqual(['role-cluster-global']);
  });

  it('DROP IF EXISTS of a table created again below to stay needs review: a re-run drops the new table with its rows', async () => {
    const { rewrites } = await rewriteAfter('', 'DROP TABLE IF EXISTS subscribers CASCADE;\nCREATE TABLE subscribers (id int)');
    expect(rewrites[0]).toMatchObject({ fate: 'review', findings: [{ code: 'drop-recreated' }, { code: 'drop-cascade' }, { code: 'needs-review' }] });
    expect(rewrites[0]!.findings[2]!.message).toContain('run again, the revision drops the table it made');
    // A staging table dropped again at the end holds nothing across runs; a view holds no rows.
    const staging = await rewriteAfter('', 'DROP TABLE IF EXISTS staging;\nCREATE TABLE staging (id int);\nDROP TABLE staging');
    expect(staging.rewrites[0]!.fate).toBe('kept');
    const view = await rewriteAfter('', 'DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT 1 AS x');
    expect(view.rewrites[0]!.fate).toBe('kept');
    // Nor does a materialized view: what it holds, its query derives again.
    const matview = await rewriteAfter('CREATE MATERIALIZED VIEW m AS SELECT 1 AS x', 'DROP MATERIALIZED VIEW m;\nCREATE MATERIALIZED VIEW m AS SELECT 2 AS x WITH NO DATA;\nREFRESH MATERIALIZED VIEW m');
    expect(matview.rewrites[0]).toMatchObject({ fate: 'idempotent', findings: [] });
  });

  it('gives a dropped materialized view back with its indexes, filled or not as the last REFRESH left it', async () => {
    const earlier = `CREATE MATERIALIZED VIEW m AS SELECT 1 AS x WITH NO DATA;
CREATE INDEX m_x ON m (x);
REFRESH MATERIALIZED VIEW m;
CREATE MATERIALIZED VIEW n AS SELECT 1 AS x;
REFRESH MATERIALIZED VIEW n WITH NO DATA;
CREATE MATERIALIZED VIEW o AS SELECT 1 AS x WITH DATA;
REFRESH MATERIALIZED VIEW o WITH NO DATA;`;
    const { rewrites } = await rewriteAfter(earlier, 'DROP MATERIALIZED VIEW m, n, o');
    expect(rewrites[0]!.down).toEqual([
      { kind: 'sql', sql: 'CREATE MATERIALIZED VIEW IF NOT EXISTS m AS SELECT 1 AS x WITH DATA' },
      { kind: 'sql', sql: 'CREATE INDEX IF NOT EXISTS m_x ON m (x)' },
      { kind: 'sql', sql: 'CREATE MATERIALIZED VIEW IF NOT EXISTS n AS SELECT 1 AS x WITH NO DATA' },
      { kind: 'sql', sql: 'CREATE MATERIALIZED VIEW IF NOT EXISTS o AS SELECT 1 AS x WITH NO DATA' },
    ]);
    // Dropped, its indexes are forgotten: a materialized view made again under the name starts without them.
    const again = await rewriteAfter(`${earlier}\nDROP MATERIALIZED VIEW m;\nCREATE MATERIALIZED VIEW m AS SELECT 2 AS x;`, 'DROP MATERIALIZED VIEW m');
    expect(again.rewrites[0]!.down).toEqual([{ kind: 'sql', sql: 'CREATE MATERIALIZED VIEW IF NOT EXISTS m AS SELECT 2 AS x' }]);
  });

  it('tells function overloads apart: dropping g(int) is not undone by creating g(text) below', async () => {
    const { rewrites } = await rewriteAfter(
      '',
      'DROP FUNCTION IF EXISTS g(int);\nDROP FUNCTION IF EXISTS g(text);\nCREATE FUNCTION g(a text) RETURNS text LANGUAGE sql AS $$ SELECT a $$',
    );
    expect(rewrites[0]!.down).toEqual([{ kind: 'note', text: 'function g(integer) is dropped IF EXISTS at test.sql:1, but no file created it: the downgrade does not recreate it' }]);
    expect(rewrites[0]!.findings.map((f) => f.code)).toEqual(['drop-unknown']);
    expect(rewrites[1]!.down).toMatchObject([{ kind: 'note', text: expect.stringContaining('function g(text) is dropped at test.sql:2 to be created again below') }]);
  });

  it('keeps DROP … IF EXISTS, and says what CASCADE takes with it', async () => {
    const { rewrites } = await rewriteAfter('CREATE TABLE t (a int)', 'DROP TABLE IF EXISTS t CASCADE');
    expect(rewrites[0]).toMatchObject({ fate: 'kept', findings: [{ code: 'drop-cascade' }] });
    expect(rewrites[0]!.down.at(-1)).toMatchObject({ kind: 'note' });
  });
});

describe('drop rule and privileges', () => {
  it('a recreated table, view or function gets back the privileges earlier statements granted on it', async () => {
    const { rewrites } = await rewriteAfter(
      'CREATE TABLE s.t (id int);\nGRANT SELECT, INSERT ON s.t TO reader;\nREVOKE INSERT ON s.t FROM reader;\nCREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;\nGRANT EXECUTE ON FUNCTION f(int) TO app',
      'DROP TABLE s.t;\nDROP FUNCTION f(int)',
    );
    expect(rewrites[0]!.down.filter((d) => d.kind === 'sql').map((d) => (d as { sql: string }).sql).at(-1)).toBe('GRANT SELECT ON TABLE s.t TO reader');
    expect(rewrites[1]!.down).toEqual([
      // A LANGUAGE sql body: run with check_function_bodies off (see function-bodies.test.ts).
      { kind: 'sql', sql: 'CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$', checkedBody: true },
      { kind: 'sql', sql: 'GRANT EXECUTE ON FUNCTION f(integer) TO app' },
    ]);
  });
});

describe('DROP OPERATOR', () => {
  it('recreates an operator an earlier file created (postgresql-unit); one it never saw makes the downgrade raise', async () => {
    const { down } = await rewriteAfter("CREATE FUNCTION f(integer, text) RETURNS integer LANGUAGE sql AS 'SELECT 1';\nCREATE OPERATOR === (leftarg = int, rightarg = text, procedure = f)", 'DROP OPERATOR === (integer, text)');
    expect(down[0]).toContain('CREATE OPERATOR === (leftarg = int, rightarg = text, procedure = f)');
    const { rewrites } = await rewriteAfter('', 'DROP OPERATOR !!! (integer, text)');
    expect(rewrites[0]!.down).toEqual([{ kind: 'fail', message: expect.stringContaining('pgmend never saw its definition') }]);
  });
});
