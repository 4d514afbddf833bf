/** The one place pgmend creates a `pg` client for a user's --db URL. */
import type pg from 'pg';

/** An unconnected client for `url`. pg is imported on first use: commands without --db start without it. */
export async function newClient(url: string): Promise<pg.Client> {
  const { default: driver } = await import('pg');
  return new driver.Client({ connectionString: url });
}
