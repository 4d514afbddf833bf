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

  it('treats an unqualified name as the default schema’s, for every kind of object', async () => {
    const { down } = await rewriteAfter(
      `COMMENT ON TABLE t IS 'a';\nCOMMENT ON COLUMN t.c IS 'b';\nCOMMENT ON TYPE mood IS 'c';\nCOMMENT ON FUNCTION f(int) IS 'd'`,
      `COMMENT ON TABLE public.t IS 'z';\nCOMMENT ON COLUMN public.t.c IS 'z';\nCOMMENT ON TYPE public.mood IS 'z';\nCOMMENT ON FUNCTION public.f(integer) IS 'z';\nCOMMENT ON TABLE other.t IS 'z'`,
    );
    expect(down).toEqual([
      'COMMENT ON TABLE other.t IS NULL',
      `COMMENT ON FUNCTION public.f(integer) IS 'd'`,
      `COMMENT ON TYPE public.mood IS 'c'`,
      `COMMENT ON COLUMN public.t.c IS 'b'`,
      `COMMENT ON TABLE public.t IS 'a'`,
    ]);
  });
});
