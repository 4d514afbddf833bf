import { describe, expect, it } from 'vitest';
import { Definitions } from '../../src/rewrite/index.js';
import { rewriteScript } from '../helpers/rewrite.js';
import { rewriteTwice } from './rewrite-again.js';

describe('create-domain rule', () => {
  it('guards on pg_type and drops the domain on down', async () => {
    const sql = `CREATE DOMAIN "Storage".byte_count AS bigint
  /* never negative */ CHECK (VALUE >= 0)`;
    const defs = new Definitions();
    const { rewrites, up, down } = await rewriteScript(sql, 14, defs);
    expect(up).toEqual([
      `DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'byte_count' AND n.nspname = 'Storage') THEN
${sql};
  END IF;
END
$pgmend$`,
    ]);
    expect(down).toEqual(['DROP DOMAIN IF EXISTS "Storage".byte_count']);
    expect(rewrites[0]!.fate).toBe('idempotent');
    expect(defs.get('domain', 'Storage.byte_count')).toBe(sql);
  });

  it('does not change its own output', async () => {
    const { up } = await rewriteTwice(`create domain email as text check (value ~ '@'); create domain "Odd;Name" int`);
    expect(up[1]).toContain(`n.nspname = current_schema()`);
    expect(up[1]).toContain(`t.typname = 'Odd;Name'`);
  });
});
