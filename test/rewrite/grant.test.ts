import { describe, expect, it } from 'vitest';
import { rewriteAfter } from './with-definitions.js';

describe('grant rule', () => {
  it('keeps GRANT and REVOKE; down is the inverse statement', async () => {
    const { up, down, rewrites } = await rewriteAfter(
      '',
      `GRANT SELECT, INSERT ON TABLE s.t TO app_user;
REVOKE ALL ON SCHEMA s FROM PUBLIC;
GRANT reader TO app_user;
ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO reader`,
    );
    expect(up).toHaveLength(4);
    expect(rewrites.every((r) => r.fate === 'kept')).toBe(true);
    expect(down).toEqual([
      'ALTER DEFAULT PRIVILEGES IN SCHEMA s REVOKE SELECT ON TABLES FROM reader',
      'REVOKE reader FROM app_user',
      'REVOKE SELECT, INSERT ON TABLE s.t FROM app_user',
    ]);
    // PUBLIC never held anything on s: nothing to grant back.
    expect(rewrites[1]!.down).toEqual([{ kind: 'note', text: 'privileges changed at test.sql:2 were not granted by any earlier statement pgmend read: the downgrade grants nothing back' }]);
  });

  it('a REVOKE grants back only what an earlier statement (or Postgres by default) granted', async () => {
    const { rewrites } = await rewriteAfter(
      'GRANT SELECT ON t TO reader',
      `REVOKE ALL ON t FROM reader;
REVOKE ALL ON t FROM stranger;
REVOKE EXECUTE ON FUNCTION f(int) FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM app_user;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC`,
    );
    expect(rewrites.map((r) => r.down.map((d) => (d.kind === 'sql' ? d.sql : d.kind)))).toEqual([
      ['GRANT SELECT ON TABLE t TO reader'],
      ['note'],
      ['GRANT EXECUTE ON FUNCTION f(int) TO PUBLIC'],
      ['GRANT USAGE ON SCHEMA public TO PUBLIC'],
      ['note'],
      ['ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC'],
    ]);
  });

  it('a GRANT revokes only what was not granted before it', async () => {
    const { rewrites } = await rewriteAfter('GRANT SELECT ON t TO reader', 'GRANT SELECT, INSERT ON t TO reader;\nGRANT SELECT ON t TO reader');
    expect(rewrites.map((r) => r.down.map((d) => (d.kind === 'sql' ? d.sql : d.kind === 'note' ? d.text : d.message)))).toEqual([
      ['REVOKE INSERT ON TABLE t FROM reader'],
      ['privileges changed at test.sql:2 were all granted already (at test.sql:1): the downgrade keeps them'],
    ]);
  });

  it('leaves grant options alone with a note', async () => {
    const { rewrites } = await rewriteAfter('', 'GRANT SELECT ON t TO a WITH GRANT OPTION');
    expect(rewrites[0]!.down).toEqual([{ kind: 'note', text: 'privileges changed at test.sql:1 are left as they are' }]);
  });
});
