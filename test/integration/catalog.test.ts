import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogSnapshot } from '../helpers/catalog.js';
import { testDatabase, type TestDatabase } from '../helpers/database.js';

describe.each([18, 13] as const)('catalogSnapshot on Postgres %i', (version) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase('catalog', version);
  });
  afterAll(() => db?.drop());

  it('sees a schema change and nothing else', async () => {
    const before = await catalogSnapshot(db.client);
    expect(await catalogSnapshot(db.client)).toEqual(before);
    await db.client.query(`CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (id int PRIMARY KEY, m mood)`);
    const after = await catalogSnapshot(db.client);
    expect(after).not.toEqual(before);
    expect(after.types).toContainEqual(expect.stringContaining('"labels":"sad,ok"'));
    expect(after.constraints).toContainEqual(expect.stringContaining('"conname":"t_pkey"'));
  });
});
