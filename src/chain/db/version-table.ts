/** Reads and rewrites Alembic's version table (one row per applied head, version_num VARCHAR(32)). */
import type pg from 'pg';
import { PgmendError } from '../../errors.js';
import { newClient } from '../../introspect/client.js';

export interface DatabaseOptions {
  url: string;
  versionTable?: string;
  versionTableSchema?: string;
}

type TableOptions = { versionTable?: string; versionTableSchema?: string };

/** The table as people write it, for messages: `schema.table`. */
export function tableName(opts: TableOptions): string {
  const table = opts.versionTable ?? 'alembic_version';
  return opts.versionTableSchema ? `${opts.versionTableSchema}.${table}` : table;
}

/** The table as SQL, always quoted (no keyword list needed, any name works). */
export function tableSql(opts: TableOptions): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const table = q(opts.versionTable ?? 'alembic_version');
  return opts.versionTableSchema ? `${q(opts.versionTableSchema)}.${table}` : table;
}

/** Runs `fn` with a connected client; every database failure becomes PgmendError('db-error'). */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = await newClient(url);
  try {
    await client.connect();
    return await fn(client);
  } catch (e) {
    if (e instanceof PgmendError) throw e;
    throw new PgmendError('db-error', `database: ${(e as Error).message}`, undefined, 'check --db and that the server accepts connections', { cause: e });
  } finally {
    await client.end().catch(() => {});
  }
}

/** The stored version_num values, sorted; undefined when the table does not exist (nothing applied). */
export async function readVersionRows(client: pg.Client, opts: Omit<DatabaseOptions, 'url'>): Promise<string[] | undefined> {
  const name = tableSql(opts);
  const { rows: exists } = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [name]);
  if (!exists[0]?.t) return undefined;
  const { rows } = await client.query<{ v: string }>(`SELECT version_num AS v FROM ${name}`);
  return rows.map((r) => r.v).sort();
}
