/** The one place pgmend creates a `pg` client for a user's --db URL. */
import type pg from 'pg';
import { PgmendError } from '../errors.js';

/** An unconnected client for `url`. pg is imported on first use: commands without --db start without it. */
export async function newClient(url: string): Promise<pg.Client> {
  checkUrl(url);
  const { default: driver } = await import('pg');
  return new driver.Client({ connectionString: url });
}

/** A URL that does not parse is the user's typo: a usage error, never with its password. */
function checkUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const port = parsed?.port ? Number(parsed.port) : 5432;
  if (!parsed || !/^postgres(ql)?:$/.test(parsed.protocol) || !(port > 0 && port < 65536)) {
    const shown = url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
    throw new PgmendError('usage', `${shown} is not a PostgreSQL URL`, undefined, 'write it as postgres://user:password@host:5432/database');
  }
}
