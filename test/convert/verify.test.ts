/** convert --verify replays the revisions in PGlite (real Postgres compiled to WebAssembly). */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { convert } from '../../src/index.js';

async function legacy(files: Record<string, string>): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-verify-'));
  await mkdir(path.join(dir, 'db'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, 'db', name), text);
  return Object.keys(files).map((f) => path.join(dir, 'db', f));
}

/** Every revision's upgrade in order (the `--format sql` files), as `alembic upgrade head` runs them. */
async function upgradeHead(db: PGlite, report: Awaited<ReturnType<typeof convert>>): Promise<void> {
  for (const f of report.files) if (f.path.endsWith('.up.sql')) await db.exec(f.contents!);
}

describe('convert --verify', () => {
  it('passes a chain that upgrades, re-runs, downgrades and upgrades', async () => {
    const inputs = await legacy({
      '001_a.sql': "CREATE EXTENSION IF NOT EXISTS pgcrypto;\nCREATE TABLE a (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), v text DEFAULT ':x 100%');\n",
      '002_b.sql': 'CREATE INDEX CONCURRENTLY a_v ON a (v);\nALTER TABLE a ADD COLUMN w int;\n',
    });
    const report = await convert({ inputs, outDir: 'unused', dryRun: true, verify: true });
    expect(report.findings.filter((f) => f.code.startsWith('verify-'))).toEqual([]);
    expect(report.verify).toEqual({ failures: 0, stopped: false });
  });

  it('rolls back an enum label dropped the usual way (rename, new type, move the column, drop the old)', async () => {
    const inputs = await legacy({
      '001_a.sql': "CREATE TYPE mood AS ENUM ('sad', 'ok');\nCREATE TABLE p (m mood NOT NULL DEFAULT 'ok', ms mood[]);\n",
      '002_b.sql': [
        'ALTER TYPE mood RENAME TO mood_old',
        "CREATE TYPE mood AS ENUM ('ok')",
        'ALTER TABLE p ALTER COLUMN m DROP DEFAULT',
        'ALTER TABLE p ALTER COLUMN m TYPE mood USING m::text::mood',
        'ALTER TABLE p ALTER COLUMN ms TYPE mood[] USING ms::text::mood[]',
        "ALTER TABLE p ALTER COLUMN m SET DEFAULT 'ok'",
        'DROP TYPE mood_old;\n',
      ].join(';\n'),
    });
    const report = await convert({ inputs, outDir: 'unused', dryRun: true, verify: true, format: 'sql' });
    expect(report.findings.filter((f) => f.code.startsWith('verify-'))).toEqual([]);
    const down = report.files.find((f) => f.path.startsWith('0002') && f.path.endsWith('.down.sql'))!.contents!;
    expect(down).toContain('ALTER TABLE p ALTER COLUMN ms TYPE mood_old[] USING ms::text::mood_old[]');
  });

  it("creates an operator that an earlier one's COMMUTATOR left as a shell (contrib, PostGIS)", async () => {
    const inputs = await legacy({
      '001_ops.sql': [
        "CREATE FUNCTION f_lt(a int, b int) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT a < b'",
        "CREATE FUNCTION f_gt(a int, b int) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT a > b'",
        'CREATE OPERATOR <<< (LEFTARG = int, RIGHTARG = int, PROCEDURE = f_lt, COMMUTATOR = >>>)',
        'CREATE OPERATOR >>> (LEFTARG = int, RIGHTARG = int, PROCEDURE = f_gt, COMMUTATOR = <<<)',
        'CREATE VIEW v AS SELECT 2 >>> 1 AS x;\n',
      ].join(';\n'),
    });
    const report = await convert({ inputs, outDir: 'unused', dryRun: true, verify: true, format: 'sql' });
    expect(report.findings.filter((f) => f.code.startsWith('verify-'))).toEqual([]);
  });

  it('an INSERT without a column list re-runs after a later statement of the revision drops a column', async () => {
    const inputs = await legacy({
      '001_seed.sql': 'CREATE TABLE src (id int PRIMARY KEY, q int);\nINSERT INTO src VALUES (1, 10);\nCREATE TABLE s2 (id int, q int);\nINSERT INTO s2 VALUES (1, 10);\nALTER TABLE src DROP COLUMN q;\nALTER TABLE s2 DROP COLUMN q;\n',
    });
    const report = await convert({ inputs, outDir: 'unused', dryRun: true, verify: true, format: 'sql' });
    expect(report.findings.filter((f) => f.code.startsWith('verify-'))).toEqual([]);
  });

  it('SET SESSION AUTHORIZATION is put back at the end of the revision (bucardo); CREATE DATABASE runs outside the transaction', async () => {
    const inputs = await legacy({
      '001_role.sql': 'CREATE ROLE app NOLOGIN;\nGRANT CREATE ON SCHEMA public TO app;\nSET SESSION AUTHORIZATION app;\nCREATE TABLE x (id int);\n',
      '002_t.sql': 'CREATE TABLE t (id int);\n',
    });
    const report = await convert({ inputs, outDir: 'unused', dryRun: true, verify: true, format: 'sql' });
    expect(report.findings.filter((f) => f.code.startsWith('verify-'))).toEqual([]);
    const db = await legacy({ '001_db.sql': 'CREATE DATABASE foo;\n' });
    const alembic = await convert({ inputs: db, outDir: 'unused', dryRun: true });
    expect(alembic.files[0]!.contents).toMatch(/autocommit_block\(\):\n.*\n\s+run_sql\("""CREATE DATABASE foo"""\)/);
    expect(alembic.findings.map((f) => f.code)).toContain('create-database');
  });

  it('a view or function a later revision redefines incompatibly is created only while missing, so the chain re-runs at head (periods)', async () => {
    const inputs = await legacy({
      '001_init.sql': "CREATE TABLE t (a int, b int);\nCREATE VIEW v AS SELECT a FROM t;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n",
      '002_widen.sql': "CREATE OR REPLACE VIEW v AS SELECT a, b FROM t;\nDROP FUNCTION f();\nCREATE FUNCTION f() RETURNS text LANGUAGE sql AS 'SELECT 1::text';\n",
    });
    const report = await convert({ inputs, outDir: 'unused', dryRun: true, verify: true, format: 'sql' });
    expect(report.findings.filter((f) => f.code.startsWith('verify-'))).toEqual([]);
    expect(report.findings.filter((f) => f.code === 'redefined-later').map((f) => f.location?.line)).toEqual([2, 3]);
    const db = new PGlite();
    await upgradeHead(db, report);
    await upgradeHead(db, report); // as `alembic stamp base && alembic upgrade head`, or where the SQL was applied by hand
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'v'")).rows[0]!.n).toBe(2);
    await db.close();
  });

  it('the chain runs on a database that already has what later revisions renamed or dropped, and leaves nothing behind', async () => {
    const inputs = await legacy({
      '001_init.sql': 'CREATE TABLE a (id int PRIMARY KEY, x int);\nCREATE INDEX i1 ON a (x);\nCREATE TYPE mood AS ENUM (\'ok\');\nCREATE TABLE t (m mood);\nCREATE VIEW v AS SELECT id FROM a;\nCREATE TABLE moved (id int);\n',
      '002_rename.sql': 'ALTER TABLE a RENAME TO b;\nALTER INDEX i1 RENAME TO i2;\nALTER TYPE mood RENAME TO feeling;\nALTER VIEW v RENAME TO v2;\nCREATE SCHEMA archive;\nALTER TABLE moved SET SCHEMA archive;\n',
    });
    const report = await convert({ inputs, outDir: 'unused', dryRun: true, verify: true, format: 'sql' });
    expect(report.findings.filter((f) => f.code.startsWith('verify-'))).toEqual([]);
    const db = new PGlite();
    await upgradeHead(db, report);
    const catalog = async () => (await db.query<{ o: string }>("SELECT string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text, ',' ORDER BY n.nspname, c.relname) AS o FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'archive')")).rows[0]!.o;
    const head = await catalog();
    await upgradeHead(db, report); // `alembic upgrade head` where the SQL was applied by hand
    expect(await catalog()).toBe(head);
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_type WHERE typname = 'mood'")).rows[0]!.n).toBe(0);
    await db.close();
  });

  it('functions, triggers and policies a later revision renames are not created again under their first name', async () => {
    const inputs = await legacy({
      '001_init.sql': "CREATE TABLE t (id int);\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\nCREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf();\nALTER TABLE t ENABLE ROW LEVEL SECURITY;\nCREATE POLICY p ON t USING (id > 0);\n",
      '002_rename.sql': 'ALTER FUNCTION f() RENAME TO g;\nALTER TRIGGER tr ON t RENAME TO tr2;\nALTER POLICY p ON t RENAME TO p2;\n',
    });
    const report = await convert({ inputs, outDir: 'unused', dryRun: true, verify: true, format: 'sql' });
    expect(report.findings.filter((f) => f.code.startsWith('verify-'))).toEqual([]);
    const db = new PGlite();
    await upgradeHead(db, report);
    await upgradeHead(db, report); // as on a database where the SQL was applied by hand
    const names = async (q: string) => (await db.query<{ n: string }>(q)).rows.map((r) => r.n).sort();
    expect(await names("SELECT proname AS n FROM pg_proc WHERE proname IN ('f', 'g')")).toEqual(['g']);
    expect(await names("SELECT tgname AS n FROM pg_trigger WHERE NOT tgisinternal")).toEqual(['tr2']);
    expect(await names('SELECT polname AS n FROM pg_policy')).toEqual(['p2']);
    await db.close();
  });

  it('reports a statement that cannot run twice, at its source line', async () => {
    const inputs = await legacy({
      '001_a.sql': 'CREATE TABLE a (id int);\nCREATE OPERATOR FAMILY my_family USING btree;\n',
    });
    const report = await convert({ inputs, outDir: 'unused', dryRun: true, verify: true });
    const failed = report.findings.filter((f) => f.code === 'verify-not-idempotent');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.message).toMatch(/re-run of revision .*already exists/);
    expect(failed[0]!.location).toMatchObject({ file: inputs[0], line: 2 });
    expect(report.needsReview).toBe(true);
  });
});
