import { describe, expect, it } from 'vitest';
import { rewriteAfter } from './with-definitions.js';

describe('delete rule', () => {
  it('keeps a DELETE … WHERE over its own table: a second run finds nothing left to delete', async () => {
    const sql = "DELETE FROM settings WHERE key = 'legacy' AND value IS NULL";
    const { up, rewrites } = await rewriteAfter('', sql);
    expect(up).toEqual([sql]);
    expect(rewrites[0]).toMatchObject({ fate: 'kept', how: 'DELETE that can run twice: a second run finds nothing left to delete', findings: [] });
    expect(rewrites[0]!.down).toEqual([{ kind: 'note', text: 'DELETE at test.sql:1 changed data; not undone' }]);
  });

  it('sends every-row deletes, USING, subqueries and the clock for review', async () => {
    for (const sql of [
      'DELETE FROM t',
      'DELETE FROM t USING u WHERE t.id = u.id',
      'DELETE FROM t WHERE id IN (SELECT id FROM u)',
      "DELETE FROM t WHERE created < now() - interval '30 days'",
    ]) {
      const { rewrites } = await rewriteAfter('', sql);
      expect([sql, rewrites[0]!.fate, rewrites[0]!.findings[0]?.code]).toEqual([sql, 'review', 'data-change']);
    }
  });
});
