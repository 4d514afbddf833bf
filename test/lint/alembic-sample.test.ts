import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { alembicProject } from '../helpers/alembic.js';
import { testDatabase, type TestDatabase } from '../helpers/database.js';

const SAMPLE = path.resolve('samples/two-schemas-readonly');

/**
 * Real Alembic runs the sample against the database lint was told about, and does what lint
 * predicted: the unqualified ALTER lands in crm, the CONCURRENTLY revision fails.
 */
describe('real Alembic on samples/two-schemas-readonly', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase('lint-alembic', 18);
    await db.client.query(await readFile(path.join(SAMPLE, 'schema.sql'), 'utf8'));
    await db.client.query(`ALTER DATABASE "${db.name}" SET search_path = app, crm`);
  });
  afterAll(() => db?.drop());

  it('writes to crm where lint --db said it would, and fails where lint said it would', async () => {
    const report = await lint({ paths: [SAMPLE], protectSchemas: ['crm'], db: db.url, cwd: SAMPLE });
    const concurrently = report.findings.filter((f) => f.code === 'concurrently-in-transaction');
    expect(concurrently.map((f) => f.file)).toEqual(['migrations/versions/9d03b6e8f2a1_index_orders_by_customer.py']);

    const project = await alembicProject(path.join(SAMPLE, 'migrations/versions'), db.url);
    await expect(project.alembic('upgrade', 'head')).rejects.toThrow(/CREATE INDEX CONCURRENTLY cannot run inside a transaction block/);

    const columns = await db.client.query<{ where: string }>(
      `SELECT table_schema || '.' || table_name || '.' || column_name AS where FROM information_schema.columns
        WHERE column_name IN ('segment', 'tier') ORDER BY 1`,
    );
    expect(columns.rows.map((r) => r.where)).toEqual(['crm.accounts.tier', 'crm.contacts.segment']);
    const seeded = await db.client.query('SELECT code FROM crm.lead_sources ORDER BY code');
    expect(seeded.rows.map((r) => r.code)).toEqual(['partner', 'webshop']);
  });
});
