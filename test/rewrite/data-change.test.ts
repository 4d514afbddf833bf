import { describe, expect, it } from 'vitest';
import { rewriteAfter } from './with-definitions.js';

describe('data-change rule', () => {
  it('keeps UPDATE, DELETE, DO and SELECT verbatim (DO under its own code), for review, with a note as downgrade', async () => {
    const sql = `UPDATE t /* all */ SET a = a + 1;\nDELETE FROM t;\nDO $$ BEGIN PERFORM 1; END $$;\nSELECT nextval('s')`;
    const { up, rewrites } = await rewriteAfter('', sql);
    expect(up).toEqual(['UPDATE t /* all */ SET a = a + 1', 'DELETE FROM t', 'DO $$ BEGIN PERFORM 1; END $$', `SELECT nextval('s')`]);
    expect(rewrites.map((r) => [r.fate, r.how, r.findings[0]?.code, r.findings[0]?.location?.line])).toEqual([
      ['review', 'data change, review', 'data-change', 1],
      ['review', 'data change, review', 'data-change', 2],
      ['review', 'DO block, review', 'do-block', 3],
      ['review', 'data change, review', 'data-change', 4],
    ]);
    expect(rewrites[1]!.down).toEqual([{ kind: 'note', text: 'DELETE at test.sql:2 changed data; not undone' }]);
    expect(rewrites[2]!.down).toEqual([{ kind: 'note', text: 'DO block at test.sql:3 is not undone: pgmend cannot see what it does' }]);
  });

  it('recognises the DO blocks pgmend writes and keeps them', async () => {
    const { rewrites } = await rewriteAfter('', 'DO $pgmend1$ BEGIN NULL; END $pgmend1$;\nDO LANGUAGE plpgsql $pgmend$ BEGIN NULL; END $pgmend$');
    expect(rewrites.map((r) => [r.fate, r.findings.length, r.down.length])).toEqual([
      ['kept', 0, 0],
      ['kept', 0, 0],
    ]);
  });
});
