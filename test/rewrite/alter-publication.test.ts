import { describe, expect, it } from 'vitest';
import { rewriteAfter } from './with-definitions.js';

const member = (t: string) =>
  `SELECT 1 FROM pg_catalog.pg_publication_rel r JOIN pg_catalog.pg_publication p ON p.oid = r.prpubid WHERE p.pubname = 'supabase_realtime' AND r.prrelid = to_regclass('${t}')`;
const guarded = (cond: string, sql: string) => `DO $pgmend$\nBEGIN\n  IF ${cond} THEN\n${sql};\n  END IF;\nEND\n$pgmend$`;

describe('alter-publication rule', () => {
  it('ADD TABLE: a guarded statement per table; down drops each, last first', async () => {
    const { up, down, rewrites } = await rewriteAfter('', 'ALTER PUBLICATION supabase_realtime ADD TABLE profiles, ONLY public.todos');
    expect(up).toEqual([
      guarded(`NOT EXISTS (${member('"profiles"')})`, 'ALTER PUBLICATION supabase_realtime ADD TABLE profiles'),
      guarded(`NOT EXISTS (${member('"public"."todos"')})`, 'ALTER PUBLICATION supabase_realtime ADD TABLE ONLY public.todos'),
    ]);
    expect(down).toEqual([
      guarded(`EXISTS (${member('"public"."todos"')})`, 'ALTER PUBLICATION supabase_realtime DROP TABLE ONLY public.todos'),
      guarded(`EXISTS (${member('"profiles"')})`, 'ALTER PUBLICATION supabase_realtime DROP TABLE profiles'),
    ]);
    expect(rewrites[0]).toMatchObject({ fate: 'idempotent', how: 'guarded on pg_publication_rel, a table at a time' });
  });

  it('DROP TABLE is guarded and undone by adding it back; SET runs twice as written; row filters go to review', async () => {
    const drop = await rewriteAfter('', 'ALTER PUBLICATION supabase_realtime DROP TABLE profiles');
    expect(drop.up).toEqual([guarded(`EXISTS (${member('"profiles"')})`, 'ALTER PUBLICATION supabase_realtime DROP TABLE profiles')]);
    expect(drop.down).toEqual([guarded(`NOT EXISTS (${member('"profiles"')})`, 'ALTER PUBLICATION supabase_realtime ADD TABLE profiles')]);
    const set = await rewriteAfter('', "ALTER PUBLICATION p SET (publish = 'insert')");
    expect(set.rewrites[0]!.fate).toBe('kept');
    const filtered = await rewriteAfter('', 'ALTER PUBLICATION p ADD TABLE t WHERE (id > 0)');
    expect(filtered.rewrites[0]!.fate).toBe('review');
  });
});
