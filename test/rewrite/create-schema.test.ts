import { describe, expect, it } from 'vitest';
import { rewriteAfter } from './with-definitions.js';

describe('create-schema rule', () => {
  it('adds IF NOT EXISTS, also when the schema is named after its owner', async () => {
    const { up, down } = await rewriteAfter('', 'CREATE SCHEMA billing;\nCREATE SCHEMA AUTHORIZATION "Joe"');
    expect(up).toEqual(['CREATE SCHEMA IF NOT EXISTS billing', 'CREATE SCHEMA IF NOT EXISTS AUTHORIZATION "Joe"']);
    expect(down).toEqual(['DROP SCHEMA IF EXISTS "Joe"', 'DROP SCHEMA IF EXISTS billing']);
  });

  it('guards a schema with elements on pg_namespace and says so', async () => {
    const sql = 'CREATE SCHEMA s CREATE TABLE t (a int)';
    const { up, down, rewrites } = await rewriteAfter('', sql);
    expect(up).toEqual([`DO $pgmend$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 's') THEN\n${sql};\n  END IF;\nEND\n$pgmend$`]);
    expect(down).toEqual(['DROP SCHEMA IF EXISTS s CASCADE']);
    expect(rewrites[0]!.findings.map((f) => [f.code, f.location?.line])).toEqual([['schema-elements', 1]]);
  });
});
