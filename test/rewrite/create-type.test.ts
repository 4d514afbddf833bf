import { describe, expect, it } from 'vitest';
import { Definitions } from '../../src/rewrite/index.js';
import { rewriteScript } from '../helpers/rewrite.js';
import { rewriteTwice } from './rewrite-again.js';

const guard = (name: string, schema: string, body: string) => `DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = ${name} AND n.nspname = ${schema}) THEN
${body};
  END IF;
END
$pgmend$`;

describe('create-type rule', () => {
  it('guards an enum on pg_type in its explicit schema, keeping case and comments', async () => {
    const sql = `CREATE TYPE "Storage"."Blob State" AS ENUM (
  'pending', -- uploaded, not yet referenced
  'live', 'it''s gone'
)`;
    const { rewrites, up, down } = await rewriteTwice(sql);
    expect(up).toEqual([guard(`'Blob State'`, `'Storage'`, sql)]);
    expect(down).toEqual(['DROP TYPE IF EXISTS "Storage"."Blob State"']);
    expect(rewrites[0]!).toMatchObject({ fate: 'idempotent', how: 'guarded on pg_type', findings: [] });
  });

  it('looks in current_schema() for unqualified composite and range types', async () => {
    const composite = 'create type file_ref as (blob_id bigint, "Path" text)';
    const range = 'CREATE TYPE size_range AS RANGE (SUBTYPE = int8)';
    const { up, down } = await rewriteTwice(`${composite};\n${range}`);
    expect(up).toEqual([guard(`'file_ref'`, 'current_schema()', composite), guard(`'size_range'`, 'current_schema()', range)]);
    expect(down).toEqual(['DROP TYPE IF EXISTS size_range', 'DROP TYPE IF EXISTS file_ref']);
  });

  it('picks a dollar tag the statement does not contain', async () => {
    const sql = `CREATE TYPE e AS ENUM ('$pgmend$')`;
    const { up } = await rewriteTwice(sql);
    expect(up[0]!.startsWith('DO $pgmend1$\n')).toBe(true);
    expect(up[0]!.endsWith('\n$pgmend1$')).toBe(true);
    expect(up[0]).toContain(`\n${sql};\n`);
  });

  it('records the CREATE text for a later DROP TYPE to restore', async () => {
    const defs = new Definitions();
    await rewriteScript(`CREATE TYPE s.mood AS ENUM ('a');\nCREATE TYPE mood2 AS (x int)`, 14, defs);
    expect(defs.get('type', 's.mood')).toBe(`CREATE TYPE s.mood AS ENUM ('a')`);
    expect(defs.get('type', 'public.mood2')).toBe('CREATE TYPE mood2 AS (x int)');
  });
});
