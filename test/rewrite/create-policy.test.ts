import { describe, expect, it } from 'vitest';
import { rewriteTwice } from './rewrite-again.js';

describe('create-policy rule', () => {
  it('guards on pg_policy for the table as Postgres resolves it, and drops on down', async () => {
    const sql = `CREATE POLICY "Owner's files" ON "Storage".files
  FOR SELECT -- readers
  USING (owner = current_user)`;
    const { rewrites, up, down } = await rewriteTwice(sql);
    expect(up).toEqual([
      `DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polname = 'Owner''s files' AND polrelid = to_regclass('"Storage"."files"')) THEN
${sql};
  END IF;
END
$pgmend$`,
    ]);
    expect(down).toEqual([`DROP POLICY IF EXISTS "Owner's files" ON "Storage".files`]);
    expect(rewrites[0]!.how).toBe('guarded on pg_policy');
  });

  it('resolves an unqualified table through search_path', async () => {
    const { up, down } = await rewriteTwice('create policy p on files using (true)');
    expect(up[0]).toContain(`polrelid = to_regclass('"files"')`);
    expect(down).toEqual(['DROP POLICY IF EXISTS p ON files']);
  });

  it('ALTER POLICY is kept; without a known definition its downgrade raises naming file:line', async () => {
    const { rewrites } = await rewriteTwice('ALTER POLICY p ON files USING (id > 0)');
    expect(rewrites[0]!).toMatchObject({ fate: 'kept', down: [{ kind: 'fail', message: 'cannot restore policy p on files as it was before test.sql:1: pgmend never saw its definition' }] });
    const known = await rewriteTwice('CREATE POLICY p ON files USING (true);\nALTER POLICY p ON files USING (id > 0)');
    expect(known.rewrites[1]!.down).toEqual([
      { kind: 'sql', sql: 'DROP POLICY IF EXISTS p ON files' },
      { kind: 'sql', sql: 'CREATE POLICY p ON files USING (true)' },
    ]);
  });
});
