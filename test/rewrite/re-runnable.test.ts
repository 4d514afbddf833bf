import { describe, expect, it } from 'vitest';
import { rewriteScript } from '../helpers/rewrite.js';

/** Each rewrite's fate, and whether it runs outside the revision's transaction. */
const fateAndPlace = (rewrites: Awaited<ReturnType<typeof rewriteScript>>['rewrites']) => rewrites.map((r) => [r.fate, r.up[0]!.nonTransactional ?? false]);
/** Kept, alternately outside and inside the transaction (each test's statements pair up so). */
const KEPT_OUTSIDE_INSIDE = [0, 1, 2].flatMap(() => [['kept', true], ['kept', false]]);

describe('re-runnable statements, sequences and statistics', () => {
  it('keeps maintenance, running VACUUM and REINDEX CONCURRENTLY outside a transaction', async () => {
    const { rewrites } = await rewriteScript('VACUUM t;\nANALYZE t;\nREINDEX INDEX CONCURRENTLY i;\nREINDEX INDEX i;\nALTER SYSTEM SET work_mem = 1;\nLOCK TABLE t');
    expect(fateAndPlace(rewrites)).toEqual(KEPT_OUTSIDE_INSIDE);
    expect(rewrites[0]!.down).toEqual([{ kind: 'note', text: 'VACUUM at test.sql:1 changes no schema; nothing to undo' }]);
  });

  it('runs REINDEX SCHEMA, CLUSTER without a table and DISCARD ALL outside the transaction, as Postgres requires', async () => {
    const { rewrites } = await rewriteScript('REINDEX SCHEMA public;\nREINDEX TABLE t;\nCLUSTER;\nCLUSTER t;\nDISCARD ALL;\nDISCARD PLANS');
    expect(fateAndPlace(rewrites)).toEqual(KEPT_OUTSIDE_INSIDE);
  });

  it("keeps ALTER OPERATOR … SET and LOAD (isn, ltree, PostGIS): they set a state or load a library", async () => {
    const { rewrites } = await rewriteScript("ALTER OPERATOR = (isn, isn) SET (RESTRICT = eqsel);\nLOAD '$libdir/postgis-3'");
    expect(rewrites.map((r) => [r.fate, r.down])).toEqual([
      ['kept', [{ kind: 'note', text: 'ALTER OPERATOR at test.sql:1 is left as it is' }]],
      ['kept', [{ kind: 'note', text: 'LOAD at test.sql:2 changes no schema; nothing to undo' }]],
    ]);
  });

  it('ALTER FUNCTION … SECURITY DEFINER is undone by the definition an earlier statement recorded (periods)', async () => {
    const { rewrites } = await rewriteScript("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\nALTER FUNCTION f() SECURITY DEFINER;\nALTER FUNCTION g(int) STABLE");
    expect(rewrites[1]).toMatchObject({ fate: 'kept', down: [{ kind: 'sql', sql: "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'" }] });
    expect(rewrites[2]!.down).toEqual([{ kind: 'note', text: 'ALTER FUNCTION at test.sql:3 is left as it is' }]);
  });

  it('keeps ALTER SEQUENCE but sends RESTART for review; OWNED BY goes back to NONE', async () => {
    const { rewrites } = await rewriteScript('ALTER SEQUENCE s OWNED BY t.id;\nALTER SEQUENCE s RESTART WITH 10');
    expect(rewrites[0]).toMatchObject({ fate: 'kept', down: [{ kind: 'sql', sql: 'ALTER SEQUENCE IF EXISTS s OWNED BY NONE' }] });
    expect(rewrites[1]).toMatchObject({ fate: 'review', findings: [{ code: 'sequence-restart' }] });
  });

  it('guards named statistics and sends unnamed ones for review', async () => {
    const { rewrites, up, down } = await rewriteScript('CREATE STATISTICS s.st ON a, b FROM t;\nCREATE STATISTICS ON a, b FROM t');
    expect(up[0]).toBe('CREATE STATISTICS IF NOT EXISTS s.st ON a, b FROM t');
    expect(down).toEqual(['DROP STATISTICS IF EXISTS s.st']);
    expect(rewrites[1]!.fate).toBe('review');
  });

  it('treats SET and set_config as session settings and TRUNCATE as a data change', async () => {
    const { rewrites } = await rewriteScript("SET search_path = app;\nSELECT set_config('a.b', 'x', false);\nSELECT set_config('a.b', 'x', false) FROM t;\nTRUNCATE t");
    expect(rewrites.map((r) => r.fate)).toEqual(['kept', 'kept', 'review', 'review']);
    expect(rewrites[0]!.down).toEqual([]);
  });
});
