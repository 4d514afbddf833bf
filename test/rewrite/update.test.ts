import { describe, expect, it } from 'vitest';
import { rewriteAfter } from './with-definitions.js';

describe('update rule', () => {
  it('keeps an UPDATE whose new values do not depend on what it sets: a second run writes the same', async () => {
    const sql = `UPDATE posts SET slug = lower(regexp_replace(title, '[^a-z]+', '-', 'g')) || '-' || id, kind = 'post' WHERE slug IS NULL OR kind IS NULL`;
    const { up, down, rewrites } = await rewriteAfter('', sql);
    expect(up).toEqual([sql]);
    expect(rewrites[0]).toMatchObject({ fate: 'kept', how: 'UPDATE that can run twice: new values do not depend on the columns it sets', findings: [] });
    expect(down).toEqual([]); // a note only
    expect(rewrites[0]!.down).toEqual([{ kind: 'note', text: 'UPDATE at test.sql:1 changed data; not undone' }]);
  });

  it('keeps an UPDATE whose WHERE skips the rows it already changed', async () => {
    const { rewrites } = await rewriteAfter('', 'UPDATE users SET created_at = now(), note = note || \'!\' WHERE created_at IS NULL AND active');
    expect(rewrites[0]).toMatchObject({ fate: 'kept', how: 'UPDATE that can run twice: its WHERE skips the rows it already changed' });
  });

  it('sends the others for review: counters, swaps, subqueries reading what it sets, other tables, the clock without a guard, DEFAULT', async () => {
    for (const sql of [
      'UPDATE t SET n = n + 1',
      'UPDATE t SET a = b, b = a',
      'UPDATE t SET total = (SELECT sum(x) FROM u WHERE u.t_id = t.id AND u.x < t.total)',
      'UPDATE t SET a = u.a FROM u WHERE u.id = t.id',
      'UPDATE t SET touched_at = now()',
      'UPDATE t SET a = DEFAULT',
      'UPDATE t SET a = now() WHERE a IS NULL OR b = 1',
      'UPDATE t SET tags[1] = 1',
    ]) {
      const { rewrites } = await rewriteAfter('', sql);
      expect([sql, rewrites[0]!.fate, rewrites[0]!.findings[0]?.code]).toEqual([sql, 'review', 'data-change']);
    }
  });
});
