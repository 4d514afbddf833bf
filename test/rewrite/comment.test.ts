import { describe, expect, it } from 'vitest';
import { rewriteAfter } from './with-definitions.js';

describe('comment rule', () => {
  it('keeps COMMENT ON; down restores the earlier comment, or removes it', async () => {
    const { up, down, rewrites } = await rewriteAfter(
      `COMMENT ON COLUMN s.t.a IS 'first'`,
      `COMMENT ON COLUMN s.t.a IS 'it''s second';\nCOMMENT ON TABLE s.t IS 'table'`,
    );
    expect(up).toEqual([`COMMENT ON COLUMN s.t.a IS 'it''s second'`, `COMMENT ON TABLE s.t IS 'table'`]);
    expect(down).toEqual(['COMMENT ON TABLE s.t IS NULL', `COMMENT ON COLUMN s.t.a IS 'first'`]);
    expect(rewrites.map((r) => r.fate)).toEqual(['kept', 'kept']);
  });
});
