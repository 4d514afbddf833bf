import { describe, expect, it } from 'vitest';
import { rewriteScript } from '../helpers/rewrite.js';
import { rewriteTwice } from './rewrite-again.js';

const TRIGGER = `CREATE TRIGGER "Count refs"
  AFTER INSERT OR DELETE ON "Storage".files -- keep me
  FOR EACH ROW EXECUTE FUNCTION "Storage".adjust_refcount()`;

const guard = (table: string, body: string) => `DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgname = 'Count refs' AND tgrelid = to_regclass('${table}') AND NOT tgisinternal) THEN
${body};
  END IF;
END
$pgmend$`;

describe('create-trigger rule', () => {
  it('uses CREATE OR REPLACE TRIGGER on Postgres 14 and later', async () => {
    for (const v of [14, 18]) {
      const { up, down } = await rewriteTwice(TRIGGER, v);
      expect(up).toEqual([TRIGGER.replace('CREATE TRIGGER', 'CREATE OR REPLACE TRIGGER')]);
      expect(down).toEqual(['DROP TRIGGER IF EXISTS "Count refs" ON "Storage".files']);
    }
  });

  it('guards on pg_trigger with a schema-qualified table before 14', async () => {
    const { rewrites, up } = await rewriteTwice(TRIGGER, 12);
    expect(up).toEqual([guard('"Storage"."files"', TRIGGER)]);
    expect(rewrites[0]!.how).toBe('guarded on pg_trigger');
  });

  it('always guards constraint triggers, which OR REPLACE does not support', async () => {
    const sql = `CREATE CONSTRAINT TRIGGER "Count refs" AFTER INSERT ON files DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE PROCEDURE check_refs()`;
    const { up, down } = await rewriteTwice(sql, 18);
    expect(up).toEqual([guard('"files"', sql)]);
    expect(down).toEqual(['DROP TRIGGER IF EXISTS "Count refs" ON files']);
  });

  it('keeps CREATE OR REPLACE TRIGGER, and flags it when the target Postgres is older than 14', async () => {
    const sql = 'CREATE OR REPLACE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION f()';
    const { rewrites } = await rewriteTwice(sql, 18);
    expect(rewrites[0]!).toMatchObject({ fate: 'kept', findings: [] });
    const old = (await rewriteScript(sql, 13)).rewrites[0]!;
    expect(old.up).toEqual([{ sql }]);
    expect(old.fate).toBe('review');
    expect(old.findings.map((f) => [f.code, f.severity])).toEqual([['needs-newer-postgres', 'error']]);
  });

  it('restores an earlier definition of the same trigger on down', async () => {
    const v1 = 'CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION f()';
    const v2 = 'CREATE OR REPLACE TRIGGER t BEFORE INSERT ON public.x FOR EACH ROW EXECUTE FUNCTION f()';
    const { rewrites } = await rewriteScript(`${v1};\n${v2}`, 16);
    expect(rewrites[1]!.down).toEqual([
      { kind: 'sql', sql: 'DROP TRIGGER IF EXISTS t ON public.x' },
      { kind: 'sql', sql: v1 },
    ]);
  });
});
