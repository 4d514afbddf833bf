/**
 * A fresh database per test file on the run's real Postgres server (see servers.ts).
 *
 *   const db = await testDatabase('convert-idempotency', 13);
 *   await db.client.query('select 1');
 *   afterAll(() => db.drop());
 */
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import type { ServerVersion } from './servers.js';

export interface TestDatabase {
  /** Connection URL of the fresh database. */
  url: string;
  name: string;
  /** A connected client on it. */
  client: pg.Client;
  /** Postgres major version of the server. */
  serverVersion: number;
  drop(): Promise<void>;
}

let counter = 0;

export async function testDatabase(label: string, version: ServerVersion = 18): Promise<TestDatabase> {
  const serverUrl = inject('pgUrls')[version];
  if (!serverUrl) throw new Error(`no Postgres ${version} server was started for this run`);
  const name = `t_${label.replace(/\W+/g, '_').toLowerCase()}_${process.pid}_${counter++}`.slice(0, 63);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
  return {
    url,
    name,
    client,
    serverVersion: Math.floor(Number(rows[0]!.v) / 10000),
    drop: async () => {
      await client.end();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => a.query(`DROP DATABASE IF EXISTS "${name}"`));
      } finally {
        await a.end();
      }
    },
  };
}

/**
 * Fresh databases for one test file, all dropped when it ends:
 *   const database = fileDatabases();
 *   const db = await database('label');
 */
export function fileDatabases(version: ServerVersion = 18): (label: string) => Promise<TestDatabase> {
  const made: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of made) await db.drop();
  });
  return async (label) => {
    const db = await testDatabase(label, version);
    made.push(db);
    return db;
  };
}

/** The psql the tests run raw SQL with, as a project applies it by hand. */
export const PSQL = process.env.PGMEND_TEST_PSQL ?? '/usr/bin/psql';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
