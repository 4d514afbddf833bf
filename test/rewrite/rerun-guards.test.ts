import { describe, expect, it } from 'vitest';
import { andGuard, guardedDo } from '../../src/rewrite/guards.js';
import { Definitions, rewriteStatement } from '../../src/rewrite/index.js';
import { ensureParser } from '../../src/sql/parser.js';
import { splitSql, type SqlStatement } from '../../src/sql/split.js';
import { SourceText } from '../../src/source.js';
import { rewriteScript } from '../helpers/rewrite.js';
import { rewriteTwice } from './rewrite-again.js';
import { rewriteAfter } from './with-definitions.js';

const guard = (condition: string, statement: string) => `DO $pgmend$\nBEGIN\n  IF ${condition} THEN\n${statement};\n  END IF;\nEND\n$pgmend$`;
const column = (table: string, name: string) => `SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"${table}"') AND attname = '${name}' AND NOT attisdropped`;

describe('guards for what later statements of the migration rename or drop', () => {
  it('creates a table renamed later only while none of its names exists, and uses it only while it is there', async () => {
    const { up, rewrites } = await rewriteTwice('CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nALTER TABLE t RENAME TO u');
    expect(up[0]).toBe(guard(`to_regclass('"u"') IS NULL`, 'CREATE TABLE IF NOT EXISTS t (a int)'));
    expect(up[1]).toBe(guard(`to_regclass('"t"') IS NOT NULL`, 'CREATE INDEX IF NOT EXISTS t_a ON t (a)'));
    expect(rewrites[1]!.how).toContain('skipped once relation t is gone');
  });

  it('rewrites every statement on its own, as before, without the migration', async () => {
    await ensureParser();
    const stmts = splitSql(new SourceText('m.sql', 'CREATE TABLE t (a int);\nALTER TABLE t RENAME TO u')).filter((i): i is SqlStatement => i.kind === 'statement');
    const alone = rewriteStatement(stmts[0]!, { pgVersion: 14, defs: new Definitions() });
    expect(alone.up).toEqual([{ sql: 'CREATE TABLE IF NOT EXISTS t (a int)' }]);
  });

  it('guards ADD COLUMN on every name the column takes, and ALTER COLUMN on the column still being there', async () => {
    const { up } = await rewriteAfter(
      'CREATE TABLE s.t (a int, b int)',
      'ALTER TABLE s.t ADD COLUMN c int, ALTER COLUMN a SET NOT NULL;\nALTER TABLE s.t ALTER COLUMN b TYPE bigint;\nALTER TABLE s.t RENAME COLUMN c TO d;\nALTER TABLE s.t DROP COLUMN b;\nALTER TABLE s.t RENAME COLUMN a TO z',
    );
    const col = (name: string) => column('s"."t', name);
    expect(up[0]).toBe(guard(`NOT EXISTS (${col('c')}) AND NOT EXISTS (${col('d')})`, 'ALTER TABLE s.t ADD COLUMN c int'));
    expect(up[1]).toBe(guard(`EXISTS (${col('a')})`, 'ALTER TABLE s.t ALTER COLUMN a SET NOT NULL'));
    expect(up[2]).toBe(guard(`EXISTS (${col('b')})`, 'ALTER TABLE s.t ALTER COLUMN b TYPE bigint'));
  });

  it('guards a subcommand on a column a later subcommand drops once the statement is split into steps', async () => {
    const together = await rewriteTwice('ALTER TABLE t ALTER COLUMN a SET DEFAULT 1, DROP COLUMN a');
    expect(together.up).toEqual(['ALTER TABLE t ALTER COLUMN a SET DEFAULT 1, DROP COLUMN IF EXISTS a']);
    const split = await rewriteTwice('ALTER TABLE t ALTER COLUMN a TYPE bigint, ADD CONSTRAINT k CHECK (b > 0), DROP COLUMN a');
    expect(split.up[0]).toBe(guard(`EXISTS (${column('t', 'a')})`, 'ALTER TABLE t ALTER COLUMN a TYPE bigint'));
    expect(split.up[2]).toBe('ALTER TABLE t DROP COLUMN IF EXISTS a');
  });

  it('guards a constraint renamed later, and one on a column dropped later', async () => {
    const { up } = await rewriteAfter(
      'CREATE TABLE t (a int, b int)',
      'ALTER TABLE t ADD CONSTRAINT k UNIQUE (a);\nALTER TABLE t ADD CONSTRAINT b_pos CHECK (b > 0);\nALTER TABLE t RENAME CONSTRAINT k TO k2;\nALTER TABLE t DROP COLUMN b',
    );
    const con = (name: string) => `SELECT 1 FROM pg_constraint WHERE conname = '${name}' AND conrelid = to_regclass('"t"')`;
    // A UNIQUE constraint's index takes its name in the table's schema: a relation holding it stops the ADD too.
    const rel = `SELECT 1 FROM pg_class WHERE relname = 'k' AND relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = to_regclass('"t"'))`;
    expect(up[0]).toBe(guard(`NOT EXISTS (${con('k')}) AND NOT EXISTS (${con('k2')}) AND NOT EXISTS (${rel})`, 'ALTER TABLE t ADD CONSTRAINT k UNIQUE (a)'));
    expect(up[1]).toBe(guard(`NOT EXISTS (${con('b_pos')}) AND EXISTS (${column('t', 'b')})`, 'ALTER TABLE t ADD CONSTRAINT b_pos CHECK (b > 0)'));
  });

  it('creates an index, type or view renamed later only while none of its names exists', async () => {
    const { up } = await rewriteTwice(
      'CREATE INDEX i ON t (a);\nALTER INDEX i RENAME TO j;\nCREATE TYPE s.mood AS ENUM (\'a\');\nALTER TYPE s.mood RENAME TO feeling;\nCREATE VIEW v AS SELECT 1 AS n;\nALTER VIEW v RENAME TO w',
    );
    expect(up[0]).toBe(guard(`to_regclass('"j"') IS NULL`, 'CREATE INDEX IF NOT EXISTS i ON t (a)'));
    expect(up[2]).toContain(`IF to_regtype('"s"."feeling"') IS NULL AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type`);
    expect(up[4]).toBe(guard(`to_regclass('"w"') IS NULL`, 'CREATE OR REPLACE VIEW v AS SELECT 1 AS n'));
  });

  it('skips an INSERT … SELECT from a table dropped later, and a comment on a column renamed later', async () => {
    const { up } = await rewriteAfter(
      'CREATE TABLE t (id int PRIMARY KEY, a int)',
      `INSERT INTO t (id) SELECT id FROM old;\nCOMMENT ON COLUMN t.a IS 'x';\nDROP TABLE old;\nALTER TABLE t RENAME COLUMN a TO b`,
    );
    expect(up[0]).toBe(guard(`to_regclass('"old"') IS NOT NULL`, 'INSERT INTO t (id) SELECT id FROM old\nON CONFLICT DO NOTHING'));
    expect(up[1]).toBe(guard(`EXISTS (${column('t', 'a')})`, `COMMENT ON COLUMN t.a IS 'x'`));
  });

  it('skips an UPDATE or DELETE reading a column of another table that a later statement drops', async () => {
    const { up, rewrites } = await rewriteAfter(
      'CREATE TABLE doc (id int PRIMARY KEY, doc_id int, n int);\nCREATE TABLE doc_data (id text PRIMARY KEY, doc_id int NOT NULL)',
      [
        'UPDATE doc SET n = 1 FROM doc_data d WHERE doc.id = d.doc_id',
        'DELETE FROM doc WHERE id IN (SELECT doc_id FROM doc_data)',
        'UPDATE doc SET n = 2 FROM doc_data d WHERE doc.doc_id = d.id', // doc's own doc_id stays
        'ALTER TABLE doc_data DROP COLUMN doc_id',
      ].join(';\n'),
    );
    const there = `EXISTS (${column('doc_data', 'doc_id')})`;
    expect(up[0]).toBe(guard(there, 'UPDATE doc SET n = 1 FROM doc_data d WHERE doc.id = d.doc_id'));
    expect(up[1]).toBe(guard(there, 'DELETE FROM doc WHERE id IN (SELECT doc_id FROM doc_data)'));
    expect(up[2]).toBe('UPDATE doc SET n = 2 FROM doc_data d WHERE doc.doc_id = d.id');
    expect(rewrites[0]!.how).toContain('skipped once column doc_data.doc_id is gone');
  });

  it('tells a swap that already ran by the new table’s constraint indexes, and keeps its DROP from taking the replacement', async () => {
    const { up, rewrites } = await rewriteAfter(
      'CREATE TABLE t (id int PRIMARY KEY, b text)',
      'CREATE TABLE t_new (id bigint PRIMARY KEY, b text);\nDROP TABLE t;\nALTER TABLE t_new RENAME TO t;\nALTER TABLE t ADD COLUMN b2 int;\nALTER TABLE t DROP COLUMN b;\nALTER TABLE t RENAME COLUMN b2 TO b',
    );
    expect(up[0]).toBe(guard(`to_regclass('"t_new_pkey"') IS NULL`, 'CREATE TABLE IF NOT EXISTS t_new (id bigint PRIMARY KEY, b text)'));
    expect(up[1]).toBe(guard(`to_regclass('"t_new"') IS NOT NULL`, 'DROP TABLE IF EXISTS t'));
    expect(up[4]).toBe(guard(`EXISTS (${column('t', 'b2')})`, 'ALTER TABLE t DROP COLUMN IF EXISTS b'));
    // Nothing tells that the column swap ran: it runs again, and says so.
    expect(up[3]).toBe('ALTER TABLE t ADD COLUMN IF NOT EXISTS b2 int');
    expect(rewrites[3]!.findings.map((f) => f.code)).toEqual(['rerun-replaces']);
  });

  it('replaces a view only while the columns it reads are there', async () => {
    const { up } = await rewriteTwice('CREATE VIEW v AS SELECT n.id, n.txt FROM notes n;\nALTER TABLE notes RENAME COLUMN txt TO body');
    expect(up[0]).toBe(guard(`EXISTS (${column('notes', 'txt')})`, 'CREATE OR REPLACE VIEW v AS SELECT n.id, n.txt FROM notes n'));
  });

  it('reports what it cannot guard: a concurrent build on a table renamed later', async () => {
    const { rewrites } = await rewriteScript('CREATE INDEX CONCURRENTLY i ON t (a);\nALTER TABLE t RENAME TO u');
    expect(rewrites[0]!.up.every((s) => s.nonTransactional && !s.sql.includes('to_regclass(\'"t"\')'))).toBe(true);
    expect(rewrites[0]!.findings.map((f) => f.code)).toContain('rerun-unguarded');
  });

  it('skips creating a function or trigger once it exists under the name a later statement gives it', async () => {
    const sql = [
      'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
      'CREATE TRIGGER tr BEFORE UPDATE ON s.t FOR EACH ROW EXECUTE FUNCTION touch()',
      'CREATE TRIGGER other BEFORE UPDATE ON s.t FOR EACH ROW EXECUTE FUNCTION touch()',
      'ALTER FUNCTION touch() RENAME TO touch_row',
      'ALTER TRIGGER tr ON s.t RENAME TO t_touch',
    ].join(';\n');
    const { rewrites } = await rewriteTwice(sql);
    expect(rewrites[0]!.up[0]!.sql).toContain(`IF NOT EXISTS (SELECT 1 WHERE to_regprocedure('touch_row()') IS NOT NULL) THEN`);
    expect(rewrites[1]!.up[0]!.sql).toContain(`IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgname = 't_touch' AND tgrelid = to_regclass('"s"."t"')) THEN`);
    expect(rewrites[2]!.up[0]!.sql).not.toContain('DO $pgmend$');
    expect(rewrites[1]!.how).toContain('skipped once it exists under its later name');
  });

  it('guards only the overload a later statement renames', async () => {
    const sql = [
      'CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$',
      'CREATE FUNCTION f(a text) RETURNS text LANGUAGE sql AS $$ SELECT a $$',
      'ALTER FUNCTION f(text) RENAME TO f2',
    ].join(';\n');
    const { rewrites } = await rewriteTwice(sql);
    expect(rewrites[0]!.up[0]!.sql).not.toContain('DO $pgmend$');
    expect(rewrites[1]!.up[0]!.sql).toContain(`IF NOT EXISTS (SELECT 1 WHERE to_regprocedure('f2(text)') IS NOT NULL) THEN`);
  });

  it('takes a condition into a guard pgmend wrote, and wraps anything else', () => {
    expect(andGuard('c2', guardedDo('c1', 'SELECT 1'))).toBe(guardedDo('c2 AND c1', 'SELECT 1'));
    expect(andGuard('c2', 'DO $$ BEGIN END $$')).toBe(guardedDo('c2', 'DO $$ BEGIN END $$'));
    // A condition naming `$pgmend$` makes the merged guard take another dollar tag.
    expect(andGuard(`x = '$pgmend$'`, guardedDo('c1', 'SELECT 1'))).toBe(guardedDo(`x = '$pgmend$' AND c1`, 'SELECT 1'));
    expect(guardedDo(`x = '$pgmend$'`, 'SELECT 1')).toMatch(/^DO \$pgmend1\$/);
  });
});

describe('ALTER TYPE … ADD VALUE used later in the same migration', () => {
  it('runs outside the transaction when a later statement mentions the label, and says why', async () => {
    const { rewrites } = await rewriteScript(`ALTER TYPE mood ADD VALUE 'glad';\nINSERT INTO t (m) VALUES ('glad');\nALTER TYPE mood ADD VALUE 'meh'`);
    expect(rewrites[0]!.up).toEqual([{ sql: `ALTER TYPE mood ADD VALUE IF NOT EXISTS 'glad'`, nonTransactional: true }]);
    expect(rewrites[0]!.findings.map((f) => [f.code, f.severity])).toEqual([['enum-value-committed-first', 'info']]);
    expect(rewrites[2]!.up).toEqual([{ sql: `ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh'` }]);
    const again = await rewriteScript(rewrites.flatMap((r) => r.up.map((s) => `${s.sql};\n`)).join(''));
    expect(again.rewrites[0]!.up[0]!.nonTransactional).toBe(true);
  });

  it('keeps the Postgres 11 behaviour: always outside a transaction, no finding', async () => {
    const { rewrites } = await rewriteScript(`ALTER TYPE mood ADD VALUE 'glad';\nINSERT INTO t (m) VALUES ('glad')`, 11);
    expect(rewrites[0]!.up[0]!.nonTransactional).toBe(true);
    expect(rewrites[0]!.findings).toEqual([]);
  });
});
