import { describe, expect, it } from 'vitest';
import { rewriteTwice } from './rewrite-again.js';

const STATEMENTS = [
  `CREATE ROLE "App Reader" WITH LOGIN PASSWORD 'x''y'`,
  `create user "App Reader" in role readers`,
  `CREATE GROUP "App Reader"`,
];

describe('create-role rule', () => {
  it.each(STATEMENTS)('guards %s on pg_roles and warns that roles are cluster-global', async (sql) => {
    const { rewrites, up, down } = await rewriteTwice(sql);
    expect(up).toEqual([
      `DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'App Reader') THEN
${sql};
  END IF;
END
$pgmend$`,
    ]);
    expect(down).toEqual(['DROP ROLE IF EXISTS "App Reader"']);
    expect(rewrites[0]!.findings.map((f) => [f.code, f.severity, f.location?.line])).toEqual([['role-cluster-global', 'warning', 1]]);
  });
});
