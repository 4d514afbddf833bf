/** --db against a real database: reading the version table, refusing unsafe linearisation, reconcile. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkChain, reconcileVersionTable, repairChain } from '../../src/chain/index.js';
import { PgmendError } from '../../src/errors.js';
import { testDatabase, type TestDatabase } from '../helpers/database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase('chain-db');
});
afterAll(() => db?.drop());
beforeEach(async () => {
  await db.client.query('DROP SCHEMA IF EXISTS meta CASCADE; DROP TABLE IF EXISTS alembic_version');
});

async function stamp(rows: string[], table = 'alembic_version'): Promise<void> {
  await db.client.query(`CREATE TABLE ${table} (version_num varchar(32) NOT NULL PRIMARY KEY)`);
  for (const r of rows) await db.client.query(`INSERT INTO ${table} VALUES ($1)`, [r]);
}

async function rows(table = 'alembic_version'): Promise<string[]> {
  return (await db.client.query(`SELECT version_num FROM ${table} ORDER BY 1`)).rows.map((r) => r.version_num);
}

/** a → b (newer), a → c (older): two heads; a linear order by date puts c before b. */
function forkedFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-chain-db-'));
  const rev = (id: string, down: string | null, date: string) =>
    `"""${id}\n\nRevision ID: ${id}\nRevises: ${down ?? ''}\nCreate Date: ${date}\n\n"""\nrevision = '${id}'\ndown_revision = ${down ? `'${down}'` : 'None'}\nbranch_labels = None\ndepends_on = None\n`;
  writeFileSync(path.join(dir, 'aaaa00000001_a.py'), rev('aaaa00000001', null, '2024-01-01 00:00:00'));
  writeFileSync(path.join(dir, 'bbbb00000002_b.py'), rev('bbbb00000002', 'aaaa00000001', '2024-03-01 00:00:00'));
  writeFileSync(path.join(dir, 'cccc00000003_c.py'), rev('cccc00000003', 'aaaa00000001', '2024-02-01 00:00:00'));
  return dir;
}

describe('chain check --db', () => {
  it('lists applied and pending revisions', async () => {
    await stamp(['bbbb00000002']);
    const r = await checkChain(forkedFolder(), { db: { url: db.url } });
    expect(r.database).toMatchObject({ stored: ['bbbb00000002'], applied: ['aaaa00000001', 'bbbb00000002'], pending: ['cccc00000003'] });
  });

  it('reports a stored revision the folder does not declare, with the one it probably became', async () => {
    await stamp(['3c4d5e6f7081']); // the file name id of the mismatched revision in broken-chain
    const r = await checkChain('samples/broken-chain', { db: { url: db.url } });
    const p = r.problems.find((x) => x.code === 'db-unknown-revision')!;
    expect(p.message).toContain("Can't locate revision identified by '3c4d5e6f7081'");
    expect(p.suggestion).toBe('3c4d5e6f7018');
  });

  it('reports an ancestor stored beside its descendant (Alembic "overlaps")', async () => {
    await stamp(['aaaa00000001', 'bbbb00000002']);
    const r = await checkChain(forkedFolder(), { db: { url: db.url } });
    expect(r.problems.map((p) => p.code)).toContain('db-overlapping-revisions');
  });

  it('an ancestor through depends_on overlaps too; reconcile keeps only the row above it', async () => {
    // e1 → e2 (expand branch); c1 (contract branch) depends on e2: stored e1 and c1 overlap.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pgmend-chain-db-'));
    const rev = (id: string, down: string | null, deps: string | null, labels: string) =>
      `revision = '${id}'\ndown_revision = ${down ? `'${down}'` : 'None'}\nbranch_labels = ${labels}\ndepends_on = ${deps ? `'${deps}'` : 'None'}\n`;
    writeFileSync(path.join(dir, 'e1.py'), rev('e1', null, null, "('expand',)"));
    writeFileSync(path.join(dir, 'e2.py'), rev('e2', 'e1', null, 'None'));
    writeFileSync(path.join(dir, 'c1.py'), rev('c1', null, 'e2', "('contract',)"));
    await stamp(['c1', 'e1']);
    const r = await checkChain(dir, { db: { url: db.url } });
    expect(r.problems.find((p) => p.code === 'db-overlapping-revisions')).toMatchObject({ revision: 'e1', revisions: ['c1'] });
    const plan = await reconcileVersionTable(dir, { url: db.url, dryRun: true });
    expect(plan.after).toEqual(['c1']);
  });

  it('reads a version table with another name in another schema', async () => {
    await db.client.query('CREATE SCHEMA meta');
    await stamp(['cccc00000003'], 'meta.my_versions');
    const r = await checkChain(forkedFolder(), { db: { url: db.url, versionTable: 'my_versions', versionTableSchema: 'meta' } });
    expect(r.database?.pending).toEqual(['bbbb00000002']);
    expect(r.database?.table).toBe('meta.my_versions');
  });

  it('a database it cannot reach is a db-error', async () => {
    const bad = new URL(db.url);
    bad.port = '1';
    await expect(checkChain(forkedFolder(), { db: { url: bad.toString() } })).rejects.toMatchObject({ code: 'db-error' });
  });
});

describe('chain repair --db', () => {
  it('refuses a linear order that would put a pending revision below an applied one, and names it', async () => {
    await stamp(['bbbb00000002']);
    const err = await repairChain(forkedFolder(), { strategy: 'linear', db: { url: db.url }, dryRun: true }).catch((e) => e);
    expect(err).toBeInstanceOf(PgmendError);
    expect(err.code).toBe('chain-invalid');
    expect(err.message).toContain("'cccc00000003'");
    expect(err.hint).toContain('--strategy merge');
  });

  it('allows the linear order when the pending revision comes after everything applied', async () => {
    await stamp(['cccc00000003']);
    const r = await repairChain(forkedFolder(), { strategy: 'linear', db: { url: db.url }, dryRun: true });
    expect(r.diff).toContain("+down_revision = 'cccc00000003'");
  });

  it('merge is always safe', async () => {
    await stamp(['bbbb00000002']);
    const r = await repairChain(forkedFolder(), { strategy: 'merge', db: { url: db.url }, dryRun: true });
    expect(r.changes.map((c) => c.before === undefined)).toEqual([true]);
  });
});

describe('chain reconcile', () => {
  function repairedBrokenChain(): string {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'pgmend-chain-rec-')), 'broken-chain');
    mkdirSync(dir);
    cpSync('samples/broken-chain', dir, { recursive: true });
    return dir;
  }

  it('rewrites rows to the ids repair gave, in one transaction; --dry-run changes nothing', async () => {
    const dir = repairedBrokenChain();
    await repairChain(dir, { yes: true });
    await stamp(['3c4d5e6f7018']); // what Alembic stored before the repair renamed the variable
    const dry = await reconcileVersionTable(dir, { url: db.url, dryRun: true });
    expect(dry.statements).toEqual([`UPDATE "alembic_version" SET version_num = '3c4d5e6f7081' WHERE version_num = '3c4d5e6f7018';`]);
    expect(await rows()).toEqual(['3c4d5e6f7018']);
    const done = await reconcileVersionTable(dir, { url: db.url });
    expect(done.applied).toBe(true);
    expect(await rows()).toEqual(['3c4d5e6f7081']);
    const again = await reconcileVersionTable(dir, { url: db.url });
    expect(again.statements).toEqual([]);
  });

  it('follows --map and drops a row that became an ancestor of another', async () => {
    await stamp(['aaaa00000001', 'zzzz_unknown']);
    const r = await reconcileVersionTable(forkedFolder(), { url: db.url, map: ['zzzz_unknown=bbbb00000002'] });
    expect(r.after).toEqual(['bbbb00000002']);
    expect(await rows()).toEqual(['bbbb00000002']);
  });

  it('leaves a row it cannot place and says so', async () => {
    await stamp(['ffffffffffff']);
    const r = await reconcileVersionTable(forkedFolder(), { url: db.url });
    expect(r.unresolved).toEqual(['ffffffffffff']);
    expect(await rows()).toEqual(['ffffffffffff']);
  });
});

describe('chain reconcile, version-table edge cases', () => {
  it('a revision stored twice is an error for check and is kept once by reconcile', async () => {
    await db.client.query('CREATE TABLE alembic_version (version_num varchar(32) NOT NULL)'); // no primary key
    await db.client.query(`INSERT INTO alembic_version VALUES ('bbbb00000002'), ('bbbb00000002')`);
    const r = await checkChain(forkedFolder(), { db: { url: db.url } });
    expect(r.problems.find((p) => p.code === 'db-overlapping-revisions')?.message).toContain("holds 'bbbb00000002' more than once");
    const dry = await reconcileVersionTable(forkedFolder(), { url: db.url, dryRun: true });
    expect(dry.statements.slice(0, 2)).toEqual([
      `DELETE FROM "alembic_version" WHERE version_num = 'bbbb00000002';`,
      `INSERT INTO "alembic_version" (version_num) VALUES ('bbbb00000002');`,
    ]);
    expect(await rows()).toEqual(['bbbb00000002', 'bbbb00000002']);
    await reconcileVersionTable(forkedFolder(), { url: db.url });
    expect(await rows()).toEqual(['bbbb00000002']);
  });

  it('a version table that does not exist is a usage error, not "nothing to change"', async () => {
    const err = await reconcileVersionTable(forkedFolder(), { url: db.url, versionTable: 'nosuch' }).catch((e) => e);
    expect(err).toBeInstanceOf(PgmendError);
    expect(err.code).toBe('usage');
    expect(err.message).toContain('does not exist');
  });
});
