import { describe, expect, it } from 'vitest';
import { Definitions } from '../../src/rewrite/index.js';
import { rewriteScript } from '../helpers/rewrite.js';
import { rewriteTwice } from './rewrite-again.js';

describe('alter-enum rule', () => {
  it('adds IF NOT EXISTS to ADD VALUE, in the statement’s letter case, never in a DO block', async () => {
    const { rewrites, up } = await rewriteTwice(
      `ALTER TYPE "Storage"."Blob State" ADD VALUE 'archived' AFTER 'live';\nalter type add /* c */ add value 'x'`,
    );
    expect(up).toEqual([
      `ALTER TYPE "Storage"."Blob State" ADD VALUE IF NOT EXISTS 'archived' AFTER 'live'`,
      `alter type add /* c */ add value if not exists 'x'`,
    ]);
    expect(rewrites[0]!.up[0]!.nonTransactional).toBeUndefined();
    expect(rewrites[0]!.fate).toBe('idempotent');
  });

  it('leaves the label in place on down, with a note, so the rest of the rollback runs', async () => {
    const { rewrites, down } = await rewriteTwice(`ALTER TYPE mood ADD VALUE 'meh'`);
    expect(down).toEqual([]);
    expect(rewrites[0]!.down).toEqual([
      { kind: 'note', text: `Postgres cannot drop enum label 'meh' from mood; it stays (an extra label is harmless)` },
    ]);
  });

  it('marks ADD VALUE non-transactional below Postgres 12', async () => {
    const { rewrites } = await rewriteTwice(`ALTER TYPE mood ADD VALUE 'meh'`, 11);
    expect(rewrites[0]!.up).toEqual([{ sql: `ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh'`, nonTransactional: true }]);
  });

  it('keeps ADD VALUE IF NOT EXISTS', async () => {
    const { rewrites } = await rewriteTwice(`ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'ok'`);
    expect(rewrites[0]!.fate).toBe('kept');
  });

  it('guards RENAME VALUE on pg_enum and renames back on down', async () => {
    const sql = `ALTER TYPE "Storage".mood RENAME VALUE 'sad' TO 'blue'`;
    const { up, down } = await rewriteTwice(sql);
    const label = (l: string) =>
      `SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = to_regtype('"Storage"."mood"') AND enumlabel = '${l}'`;
    const guarded = (from: string, to: string, body: string) => `DO $pgmend$
BEGIN
  IF EXISTS (${label(from)}) AND NOT EXISTS (${label(to)}) THEN
${body};
  END IF;
END
$pgmend$`;
    expect(up).toEqual([guarded('sad', 'blue', sql)]);
    expect(down).toEqual([guarded('blue', 'sad', `ALTER TYPE "Storage".mood RENAME VALUE 'blue' TO 'sad'`)]);
  });

  it('keeps the recorded CREATE TYPE in step, for a later DROP TYPE to recreate', async () => {
    const defs = new Definitions();
    await rewriteScript(
      `CREATE TYPE s.mood AS ENUM ('sad', /* mid */ 'ok');
       ALTER TYPE s.mood ADD VALUE 'it''s' BEFORE 'ok';
       ALTER TYPE s.mood ADD VALUE 'happy';
       ALTER TYPE s.mood ADD VALUE 'meh' AFTER 'sad';
       ALTER TYPE s.mood RENAME VALUE 'sad' TO 'blue'`,
      14,
      defs,
    );
    expect(defs.get('type', 's.mood')).toBe(`CREATE TYPE s.mood AS ENUM ('blue', 'meh', 'it''s', 'ok', 'happy')`);
  });
});
