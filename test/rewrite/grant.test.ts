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
      'GRANT ALL ON SCHEMA s TO PUBLIC',
      'REVOKE SELECT, INSERT ON TABLE s.t FROM app_user',
    ]);
  });

  it('leaves grant options alone with a note', async () => {
    const { rewrites } = await rewriteAfter('', 'GRANT SELECT ON t TO a WITH GRANT OPTION');
    expect(rewrites[0]!.down).toEqual([{ kind: 'note', text: 'privileges changed at test.sql:1 are left as they are' }]);
  });
});
