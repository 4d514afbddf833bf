import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../helpers/database.js';

describe.each([18, 13] as const)('real Postgres %i test bed', (version) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase('server', version);
  });
  afterAll(() => db?.drop());

  it('is a real server of the expected major version', async () => {
    if (!process.env.PGMEND_TEST_DATABASE_URL) expect(db.serverVersion).toBe(version);
    const { rows } = await db.client.query('SELECT current_database() AS d');
    expect(rows[0].d).toBe(db.name);
  });
});
