/**
 * SQL-language function bodies against a schema later revisions changed, on real Postgres: the
 * whole chain run again where it already ran (the SQL applied by hand, then `alembic upgrade
 * head` from an empty version table), and downgrades that put an earlier body back while the
 * revision's own renames are not undone yet. Each output format, run the way its tool runs it;
 * check_function_bodies must be back as it was afterwards.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { convert, type ConvertReport } from '../../src/index.js';
import { alembicProject } from '../helpers/alembic.js';
import { convertedProject, schemaSnapshot } from '../helpers/converted.js';
import { fileDatabases, PSQL, type TestDatabase } from '../helpers/database.js';

const run = promisify(execFile);

const database = fileDatabases();

async function legacy(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-bodies-'));
  await mkdir(path.join(dir, 'db'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, 'db', name), text);
  return path.join(dir, 'db');
}

const snapshot = schemaSnapshot;

/** Revision 1 reads column c in a LANGUAGE sql body; revision 2 renames c to d and replaces the body. */
const RENAMED = {
  '001_init.sql': `CREATE TABLE t (id int PRIMARY KEY, c int);
CREATE FUNCTION total() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT sum(c) FROM t $$;
CREATE PROCEDURE bump() LANGUAGE sql AS 'UPDATE t SET c = c + 1';
`,
  '002_rename.sql': `ALTER TABLE t RENAME COLUMN c TO d;
CREATE OR REPLACE FUNCTION total() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT sum(d) FROM t $$;
DROP PROCEDURE bump();
`,
};

/** Upgrade, then the whole chain again at head (as if the SQL had been applied by hand): the same catalog. */
async function chainTwice(files: Record<string, string>, label: string, squash = false) {
  const project = await convertedProject(files, database, label, { squash });
  await project.alembic.alembic('upgrade', 'head');
  const head = await snapshot(project.db);
  await project.alembic.alembic('stamp', 'base');
  await project.alembic.alembic('upgrade', 'head');
  expect(await snapshot(project.db)).toEqual(head);
  return { ...project, head };
}

/** Upgrade; the whole chain again at head; downgrade to base; upgrade: the same catalog, and total() works. */
async function alembicAtHead(files: Record<string, string>, label: string, squash = false): Promise<ConvertReport> {
  const { db, alembic, report, head } = await chainTwice(files, label, squash);
  await alembic.alembic('downgrade', 'base');
  await alembic.alembic('upgrade', 'head');
  expect(await snapshot(db)).toEqual(head);
  await db.client.query('INSERT INTO t VALUES (1, 5)');
  expect((await db.client.query('SELECT total() AS n')).rows).toEqual([{ n: '5' }]);
  return report;
}

/** pg_dump's way: the check turned off for the session first (the revision puts it back at its end). */
const DUMPED = {
  '001_init.sql': `SET check_function_bodies = false;\n${RENAMED['001_init.sql']}`,
  '002_rename.sql': RENAMED['002_rename.sql'],
};

describe('LANGUAGE sql bodies naming what a later revision renames (real Alembic)', () => {
  it('runs the whole chain again at head; the downgrade puts the earlier body and the dropped procedure back before undoing the rename', async () => {
    await alembicAtHead(RENAMED, 'bodies-alembic');
  });

  it('in a migration its tool runs outside a transaction (autocommit block): the session setting, saved and put back', async () => {
    const files = { '001_init.up.sql': `-- no-transaction\n${RENAMED['001_init.sql']}`, '002_rename.up.sql': RENAMED['002_rename.sql'] };
    await alembicAtHead(files, 'bodies-autocommit');
  });

  it('adds nothing where the migration turned the check off itself, as pg_dump does; squashed, that holds only for its own migration', async () => {
    const report = await alembicAtHead(DUMPED, 'bodies-dumped');
    const first = await readFile(path.join(report.outDir, report.revisions[0]!.files[0]!), 'utf8');
    expect(first).not.toContain('check_function_bodies = off');
    // Squashed, the settings of 001 are restored before 002 runs: its function needs the check off again.
    const squashed = await alembicAtHead({ ...DUMPED, '002_rename.sql': `CREATE FUNCTION later() RETURNS int LANGUAGE sql AS 'SELECT c FROM t';\n${RENAMED['002_rename.sql']}` }, 'bodies-squashed', true);
    const text = await readFile(path.join(squashed.outDir, squashed.revisions[0]!.files[0]!), 'utf8');
    const upgrade = text.slice(0, text.indexOf('def downgrade'));
    expect(upgrade.match(/SET LOCAL check_function_bodies = off/g)).toHaveLength(2); // later(), then total() in 002
  });

  it('SQL-standard bodies (BEGIN ATOMIC, RETURN), bound at creation whatever the setting, run only while the columns they read are there', async () => {
    const files = {
      '001_init.sql': `CREATE TABLE t (id int PRIMARY KEY, c int);
CREATE FUNCTION total(lim int) RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(c) FROM t WHERE id < lim; END;
CREATE FUNCTION first_c() RETURNS int RETURN (SELECT t.c FROM t ORDER BY id LIMIT 1);
`,
      '002_rename.sql': `ALTER TABLE t RENAME COLUMN c TO d;
CREATE OR REPLACE FUNCTION total(lim int) RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(d) FROM t WHERE id < lim; END;
`,
    };
    const { db } = await chainTwice(files, 'bodies-atomic');
    await db.client.query('INSERT INTO t VALUES (1, 5)');
    expect((await db.client.query('SELECT total(10) AS n, first_c() AS f')).rows).toEqual([{ n: '5', f: 5 }]);
  });
});

/** The files of one format, in revision order. */
async function converted(files: Record<string, string>, format: 'sql' | 'node-pg-migrate'): Promise<ConvertReport> {
  return convert({ inputs: [await legacy(files)], outDir: 'unused', format, dryRun: true });
}

describe('the other formats, run as their tools run them', () => {
  it('--format sql through psql, statement by statement outside a transaction: up twice at head, down, up; the setting back as it was', async () => {
    const report = await converted(RENAMED, 'sql');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-bodies-sql-'));
    for (const f of report.files) await writeFile(path.join(dir, f.path), f.contents!);
    const ups = report.files.filter((f) => f.path.endsWith('.up.sql')).map((f) => f.path);
    const downs = report.files.filter((f) => f.path.endsWith('.down.sql')).map((f) => f.path).reverse();
    const db = await database('bodies-sql');
    const psql = async (files: string[], first = 'SET check_function_bodies = on') => {
      const args = files.flatMap((f) => ['-f', f]);
      const { stdout } = await run(PSQL, ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db.url, '-c', first, ...args, '-c', 'SHOW check_function_bodies'], { cwd: dir });
      return stdout.trim().split('\n').at(-1);
    };
    expect(await psql([...ups, ...ups, ...downs, ...ups])).toBe('on');
    // A session that had the check off keeps it off.
    expect(await psql(ups, 'SET check_function_bodies = off')).toBe('off');
    await db.client.query('INSERT INTO t VALUES (1, 5)');
    expect((await db.client.query('SELECT total() AS n')).rows).toEqual([{ n: '5' }]);
  });

  it('node-pg-migrate, a revision with pgm.noTransaction() (a concurrent index) and one in a transaction', async () => {
    const files = { ...RENAMED, '001_init.sql': `${RENAMED['001_init.sql']}CREATE INDEX CONCURRENTLY t_id ON t (id);\n` };
    const report = await converted(files, 'node-pg-migrate');
    const migrations = report.files.map((f) => {
      const exported: Record<string, (pgm: unknown) => void> = {};
      new Function('exports', f.contents!)(exported);
      return exported;
    });
    const db = await database('bodies-npm');
    /** node-pg-migrate's way: one transaction per migration, unless it called pgm.noTransaction(). */
    const apply = async (direction: 'up' | 'down', m: Record<string, (pgm: unknown) => void>) => {
      const statements: string[] = [];
      let transaction = true;
      m[direction]!({ sql: (s: string) => statements.push(s), noTransaction: () => (transaction = false) });
      if (transaction) await db.client.query('BEGIN');
      for (const s of statements) await db.client.query(s);
      // Back as it was before the transaction ends: later migrations may share it.
      expect((await db.client.query('SHOW check_function_bodies')).rows).toEqual([{ check_function_bodies: 'on' }]);
      if (transaction) await db.client.query('COMMIT');
      return transaction;
    };
    expect(migrations).toHaveLength(2);
    const modes: boolean[] = [];
    for (const m of [...migrations, ...migrations]) modes.push(await apply('up', m));
    expect(modes).toEqual([false, true, false, true]);
    for (const m of [...migrations].reverse()) await apply('down', m);
    for (const m of migrations) await apply('up', m);
    expect((await db.client.query('SHOW check_function_bodies')).rows).toEqual([{ check_function_bodies: 'on' }]);
    await db.client.query('INSERT INTO t VALUES (1, 5)');
    expect((await db.client.query('SELECT total() AS n')).rows).toEqual([{ n: '5' }]);
  });
});
