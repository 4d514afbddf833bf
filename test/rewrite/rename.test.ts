import { describe, expect, it } from 'vitest';
import { rewriteAfter } from './with-definitions.js';

const guard = (condition: string, statement: string) => `DO $pgmend$\nBEGIN\n  IF ${condition} THEN\n${statement};\n  END IF;\nEND\n$pgmend$`;
const column = (name: string) => `EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"s"."t"') AND attname = '${name}' AND NOT attisdropped)`;

describe('rename rule', () => {
  it('guards a column rename on "old exists and new does not", and reverses it on the way down', async () => {
    const sql = 'ALTER TABLE s.t RENAME COLUMN a TO "B"';
    const { up, down, defs } = await rewriteAfter('CREATE TABLE s.t (a int DEFAULT 1, c int)', sql);
    expect(up).toEqual([guard(`${column('a')} AND NOT ${column('B')}`, sql)]);
    expect(down).toEqual([guard(`${column('B')} AND NOT ${column('a')}`, 'ALTER TABLE s.t RENAME COLUMN "B" TO a')]);
    expect(defs.names('column', 's.t.')).toEqual(['s.t.B', 's.t.c']);
    expect(defs.get('column', 's.t.B')).toBe('"B" int DEFAULT 1');
    expect(defs.get('column-default', 's.t.B')).toBe('1');
  });

  it('checks a table rename in the table schema and moves what is recorded about it', async () => {
    const sql = 'ALTER TABLE s.t RENAME TO u';
    const { up, down, defs } = await rewriteAfter('CREATE TABLE s.t (a int);\nCREATE INDEX ON s.t (a)', sql);
    const rel = (name: string) => `EXISTS (SELECT 1 FROM pg_class WHERE relname = '${name}' AND relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = 's'))`;
    expect(up).toEqual([guard(`${rel('t')} AND NOT ${rel('u')}`, sql)]);
    expect(down).toEqual([guard(`${rel('u')} AND NOT ${rel('t')}`, 'ALTER TABLE s.u RENAME TO t')]);
    expect(defs.get('table', 's.u')).toBe('CREATE TABLE IF NOT EXISTS s.u (a int)');
    expect(defs.names('column', 's.u.')).toEqual(['s.u.a']);
    expect(defs.get('index', 's.t_a_idx')).toBe('CREATE INDEX IF NOT EXISTS t_a_idx ON s.u (a)');
  });

  it('a relation renamed and then moved or renamed again below is also looked for where the revision leaves it', async () => {
    const sql = 'ALTER TABLE route.t RENAME TO t_1;\nALTER TABLE route.t_1 SET SCHEMA deleted;\nCREATE TABLE route.t (id int, a text)';
    const { up } = await rewriteAfter('CREATE TABLE route.t (id int)', sql);
    const rel = (schema: string, name: string) => `EXISTS (SELECT 1 FROM pg_class WHERE relname = '${name}' AND relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = '${schema}'))`;
    // Run again, route.t is the new table: deleted.t_1 says the rename happened already.
    expect(up[0]).toBe(guard(`${rel('route', 't')} AND NOT ${rel('route', 't_1')} AND NOT ${rel('deleted', 't_1')}`, 'ALTER TABLE route.t RENAME TO t_1'));
  });

  it('a table renamed away, made again and the old one dropped needs review; an enum swapped that way does not', async () => {
    const table = await rewriteAfter('CREATE TABLE totp (id int PRIMARY KEY)', 'ALTER TABLE totp RENAME TO _bkp_totp;\nCREATE TABLE totp (id bigint PRIMARY KEY);\nINSERT INTO totp SELECT id FROM _bkp_totp;\nDROP TABLE _bkp_totp');
    expect(table.rewrites[0]).toMatchObject({ fate: 'review', findings: [{ code: 'needs-review' }] });
    const type = await rewriteAfter("CREATE TYPE status AS ENUM ('a')", "ALTER TYPE status RENAME TO status_old;\nCREATE TYPE status AS ENUM ('a', 'b');\nDROP TYPE status_old");
    expect(type.rewrites[0]!.fate).toBe('idempotent');
  });

  it('after a column rename, a restored constraint or index names the column by its new name', async () => {
    const earlier = 'CREATE TABLE t (id int, nickname text);\nALTER TABLE t ADD CONSTRAINT t_len CHECK (length(nickname) < 50);\nCREATE INDEX t_nick ON t (lower(nickname));\nALTER TABLE t RENAME COLUMN nickname TO display_name';
    const { down } = await rewriteAfter(earlier, 'ALTER TABLE t DROP CONSTRAINT t_len;\nDROP INDEX t_nick');
    expect(down[0]).toBe('CREATE INDEX IF NOT EXISTS t_nick ON t (lower(display_name))');
    expect(down[1]).toContain('ALTER TABLE t ADD CONSTRAINT t_len CHECK (length(display_name) < 50)');
  });

  it('what a later statement drops after a rename comes back under the name it had when dropped', async () => {
    const earlier = [
      'CREATE TABLE t (id int, n int)',
      'CREATE POLICY p_old ON t USING (true)',
      'CREATE INDEX i_old ON t (n)',
      'CREATE VIEW v_old AS SELECT id FROM t',
      'CREATE FUNCTION f_old() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
      'CREATE TRIGGER tr_old BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f_old()',
      'ALTER POLICY p_old ON t RENAME TO p_new',
      'ALTER INDEX i_old RENAME TO i_new',
      'ALTER VIEW v_old RENAME TO v_new',
      'ALTER FUNCTION f_old() RENAME TO f_new',
      'ALTER TRIGGER tr_old ON t RENAME TO tr_new',
    ].join(';\n');
    const { down } = await rewriteAfter(earlier, 'DROP POLICY p_new ON t;\nDROP INDEX i_new;\nDROP VIEW v_new;\nDROP TRIGGER tr_new ON t');
    expect(down).toEqual([
      'CREATE TRIGGER tr_new BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f_old()',
      'CREATE OR REPLACE VIEW v_new AS SELECT id FROM t',
      'CREATE INDEX IF NOT EXISTS i_new ON t (n)',
      'CREATE POLICY p_new ON t USING (true)',
    ]);
    const fn = await rewriteAfter(earlier, 'DROP FUNCTION f_new()');
    expect(fn.down[0]).toMatch(/^CREATE OR REPLACE FUNCTION f_new\(\)/);
  });

  it('guards constraint, index, schema and type renames', async () => {
    const { up, down } = await rewriteAfter(
      '',
      'ALTER TABLE s.t RENAME CONSTRAINT c1 TO c2;\nALTER INDEX i1 RENAME TO i2;\nALTER SCHEMA a RENAME TO b;\nALTER TYPE s.mood RENAME TO feeling',
    );
    expect(up[0]).toContain(`conname = 'c1' AND conrelid = to_regclass('"s"."t"')`);
    expect(up[1]).toContain(`relnamespace = coalesce((SELECT relnamespace FROM pg_class WHERE oid = to_regclass('"i1"')), current_schema()::regnamespace)`);
    expect(up[2]).toContain(`EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'a') AND NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'b')`);
    const namespace = (n: string) => `(SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"s"."${n}"'))`;
    expect(up[3]).toContain(`typname = 'mood' AND typnamespace = coalesce(${namespace('mood')}, ${namespace('feeling')})`);
    expect(down.map((d) => d.split('\n')[3])).toEqual([
      'ALTER TYPE s.feeling RENAME TO mood;',
      'ALTER SCHEMA b RENAME TO a;',
      'ALTER INDEX i2 RENAME TO i1;',
      'ALTER TABLE s.t RENAME CONSTRAINT c2 TO c1;',
    ]);
  });

  it('a column renamed away and added again under its name: the rename runs only while the column has not got the new type', async () => {
    const sql = 'ALTER TABLE s.t RENAME COLUMN kind TO kind_old;\nALTER TABLE s.t ADD COLUMN kind s.kind_enum;\nUPDATE s.t SET kind = kind_old::text::s.kind_enum;\nALTER TABLE s.t ALTER COLUMN kind SET NOT NULL;\nALTER TABLE s.t DROP COLUMN kind_old';
    const { up, rewrites } = await rewriteAfter("CREATE TABLE s.t (id int, kind varchar(10) NOT NULL);\nALTER TABLE s.t ALTER COLUMN kind SET DEFAULT 'a'", sql);
    const isNew = `NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"s"."t"') AND attname = 'kind' AND NOT attisdropped AND atttypid = to_regtype('s.kind_enum') AND atttypid IS DISTINCT FROM to_regtype('character varying'))`;
    expect(up[0]).toBe(guard(`${column('kind')} AND NOT ${column('kind_old')} AND ${isNew}`, 'ALTER TABLE s.t RENAME COLUMN kind TO kind_old'));
    expect(rewrites.map((r) => r.fate)).toEqual(['idempotent', 'idempotent', 'idempotent', 'kept', 'idempotent']);
    expect(up[2]).toContain(column('kind_old')); // the copy reads kind_old: gone once the revision ran
  });

  it('a statement about the column before it is renamed away and added again skips the new one', async () => {
    const { up } = await rewriteAfter('CREATE TABLE s.t (id int, kind text)', "ALTER TABLE s.t ALTER COLUMN kind SET DEFAULT 'a';\nALTER TABLE s.t RENAME COLUMN kind TO kind_old;\nALTER TABLE s.t ADD COLUMN kind integer");
    expect(up[0]).toContain(`AND NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"s"."t"') AND attname = 'kind' AND NOT attisdropped AND atttypid = to_regtype('integer') AND atttypid IS DISTINCT FROM to_regtype('text'))`);
  });

  it('a column added again with the type it had, or one whose type pgmend never saw, needs review', async () => {
    const same = await rewriteAfter('CREATE TABLE s.t (id int, kind int4)', 'ALTER TABLE s.t RENAME COLUMN kind TO kind_old;\nALTER TABLE s.t ADD COLUMN kind integer');
    expect(same.rewrites[0]).toMatchObject({ fate: 'review', findings: [{ code: 'needs-review', message: expect.stringContaining('has the type the old one had (both are integer)') }] });
    expect(same.up[0]).toBe(guard(`${column('kind')} AND NOT ${column('kind_old')}`, 'ALTER TABLE s.t RENAME COLUMN kind TO kind_old'));
    const unseen = await rewriteAfter('', 'ALTER TABLE s.t RENAME COLUMN kind TO kind_old;\nALTER TABLE s.t ADD COLUMN kind integer');
    expect(unseen.rewrites[0]).toMatchObject({ fate: 'review', findings: [{ message: expect.stringContaining('never saw the type of kind') }] });
  });
});
