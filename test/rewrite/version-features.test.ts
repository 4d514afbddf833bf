import { describe, expect, it } from 'vitest';
import { rewriteScript } from '../helpers/rewrite.js';

/** `needs-newer-postgres` for the source's own syntax, by target version. */
const flagged = async (sql: string, pgVersion: number) =>
  (await rewriteScript(sql, pgVersion)).rewrites[0]!.findings.filter((f) => f.code === 'needs-newer-postgres').map((f) => f.message);

describe('syntax newer than --pg-version', () => {
  it.each([
    ['CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql RETURN x + 1', 14, 'an SQL-standard function body'],
    ['CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END', 14, 'an SQL-standard function body'],
    ['CREATE UNIQUE INDEX i ON t (a) NULLS NOT DISTINCT', 15, 'NULLS NOT DISTINCT'],
    ['CREATE TABLE t (a int UNIQUE NULLS NOT DISTINCT)', 15, 'NULLS NOT DISTINCT'],
    ['CREATE TABLE t (a int, UNIQUE NULLS NOT DISTINCT (a))', 15, 'NULLS NOT DISTINCT'],
    ['ALTER TABLE t ADD CONSTRAINT u UNIQUE NULLS NOT DISTINCT (a)', 15, 'NULLS NOT DISTINCT'],
    ['CREATE TABLE t (b text COMPRESSION lz4)', 14, 'COMPRESSION'],
    ['ALTER TABLE t ALTER COLUMN b SET COMPRESSION lz4', 14, 'COMPRESSION'],
    ['MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE', 15, 'MERGE'],
  ])('%s needs %i', async (sql, since, feature) => {
    const older = await flagged(sql, since - 1);
    expect(older).toHaveLength(1);
    expect(older[0]).toContain(feature);
    expect(older[0]).toContain(`needs Postgres ${since}; the target is ${since - 1}`);
    expect(await flagged(sql, since)).toEqual([]);
  });

  it('leaves statements without such syntax alone', async () => {
    expect(await flagged("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$", 12)).toEqual([]);
    expect(await flagged('CREATE UNIQUE INDEX i ON t (a)', 12)).toEqual([]);
    expect((await rewriteScript('CREATE UNIQUE INDEX i ON t (a) NULLS NOT DISTINCT', 14)).rewrites[0]!.fate).toBe('review');
  });
});
