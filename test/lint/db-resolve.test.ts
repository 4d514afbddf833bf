import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { testDatabase, type TestDatabase } from '../helpers/database.js';

const SAMPLE = path.resolve('samples/two-schemas-readonly');
const INCIDENT = 'migrations/versions/8b7e4d2c1a09_add_contact_segment.py';

describe.each([18, 13] as const)('lint --db resolves unqualified names on Postgres %i', (version) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase('lint-resolve', version);
    await db.client.query(await readFile(path.join(SAMPLE, 'schema.sql'), 'utf8'));
    // New connections (lint's) see the database's search_path, as the service's role does.
    await db.client.query(`ALTER DATABASE "${db.name}" SET search_path = app, crm`);
  });
  afterAll(() => db?.drop());

  const incidentWrites = async (useDb: boolean) => {
    const report = await lint({ paths: [SAMPLE], protectSchemas: ['crm'], cwd: SAMPLE, ...(useDb ? { db: db.url } : {}) });
    return { report, writes: report.findings.filter((f) => f.file === INCIDENT && f.code === 'protected-schema-write') };
  };

  it('flags the unqualified ALTER TABLE contacts as a write to crm.contacts', async () => {
    const { report, writes } = await incidentWrites(true);
    expect(report.searchPath).toEqual({ schemas: ['app', 'crm'], from: 'db' });
    // upgrade: ALTER TABLE and UPDATE; downgrade: ALTER TABLE … DROP COLUMN
    expect(writes.map((f) => [f.line, f.column])).toEqual([
      [25, 10],
      [29, 18],
      [34, 17],
    ]);
    expect(writes[0]!.message).toContain('crm.contacts');
    expect(writes[0]!.message).toContain('found in crm through search_path app, crm, read from the database');
    expect(report.findings.some((f) => f.code === 'unqualified-name')).toBe(false);
  });

  it('does not flag it as crm without --db (it assumes public, and says so)', async () => {
    const { report, writes } = await incidentWrites(false);
    expect(writes).toEqual([]);
    expect(report.findings.filter((f) => f.file === INCIDENT && f.code === 'unqualified-name')).toHaveLength(1);
  });

  it('resolves to the app table once app has one by that name, as Postgres would', async () => {
    await db.client.query('CREATE TABLE app.contacts (id bigint PRIMARY KEY)');
    try {
      expect((await incidentWrites(true)).writes).toEqual([]);
    } finally {
      await db.client.query('DROP TABLE app.contacts');
    }
  });
});
