import { describe, expect, it } from 'vitest';
import { Definitions } from '../../src/rewrite/index.js';
import { anyLaterChange, later, mentionedLater, namedKind, successor, type ObjectRef } from '../../src/rewrite/lookahead.js';
import type { RewriteContext } from '../../src/rewrite/types.js';
import { ensureParser } from '../../src/sql/parser.js';
import { splitSql, type SqlStatement } from '../../src/sql/split.js';
import { SourceText } from '../../src/source.js';

/** The context statement `index` of `sql` is rewritten in. */
async function at(sql: string, index: number): Promise<RewriteContext> {
  await ensureParser();
  const statements = splitSql(new SourceText('m.sql', sql)).filter((i): i is SqlStatement => i.kind === 'statement');
  return { pgVersion: 14, defs: new Definitions(), migration: { statements, index } };
}

const relation = (name: string, schema?: string): ObjectRef => ({ kind: 'relation', name: schema ? { schema, name } : { name } });

describe('lookahead', () => {
  it('follows a relation through its renames, whichever kind of ALTER renames it', async () => {
    const ctx = await at('CREATE TABLE t (a int);\nALTER TABLE t RENAME TO u;\nALTER TABLE public.u SET SCHEMA app;\nALTER TABLE app.u RENAME TO v', 0);
    expect(later(ctx, relation('t'))).toEqual({ names: [{ name: 'u' }, { schema: 'app', name: 'u' }, { schema: 'app', name: 'v' }], replacing: [], dropped: false });
    // `t` and `public.t` are one table.
    expect(later(ctx, relation('t', 'public'))?.names).toHaveLength(3);
    expect(later(ctx, relation('t', 'app'))).toBeUndefined();
  });

  it('sees drops, after renames too, and only in later statements', async () => {
    const sql = 'SELECT 1;\nALTER INDEX i RENAME TO j;\nCREATE INDEX i ON t (a);\nDROP INDEX j;\nDROP TABLE t, s.x';
    expect(later(await at(sql, 0), relation('i'))).toEqual({ names: [{ name: 'j' }], replacing: [], dropped: true });
    expect(later(await at(sql, 2), relation('i'))).toBeUndefined();
    expect(later(await at(sql, 2), relation('x', 's'))).toEqual({ names: [], replacing: [], dropped: true });
  });

  it('follows a column through its own renames and its table’s, and drops with either', async () => {
    const sql = 'ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t RENAME TO u;\nALTER TABLE u RENAME COLUMN a TO b;\nALTER TABLE u DROP COLUMN b, DROP CONSTRAINT c';
    const ctx = await at(sql, 0);
    expect(later(ctx, { kind: 'column', table: { name: 't' }, name: 'a' })).toEqual({ names: [{ name: 'b' }], replacing: [], dropped: true });
    expect(later(ctx, { kind: 'constraint', table: { name: 't' }, name: 'c' })).toEqual({ names: [], replacing: [], dropped: true });
    expect(later(ctx, { kind: 'column', table: { name: 't' }, name: 'z' })).toBeUndefined();
    const dropped = await at('ALTER TABLE t ADD COLUMN a int;\nDROP TABLE t', 0);
    expect(later(dropped, { kind: 'column', table: { name: 't' }, name: 'a' })).toEqual({ names: [], replacing: [], dropped: true });
  });

  it('sees ADD CONSTRAINT … USING INDEX under another name as a rename of the index', async () => {
    const ctx = await at('CREATE UNIQUE INDEX i ON s.t (a);\nALTER TABLE s.t ADD CONSTRAINT c UNIQUE USING INDEX i, ADD CONSTRAINT j UNIQUE USING INDEX j', 0);
    expect(later(ctx, relation('i', 's'))).toEqual({ names: [{ schema: 's', name: 'c' }], replacing: [], dropped: false });
    expect(later(ctx, relation('j', 's'))).toBeUndefined();
  });

  it('follows constraint and type renames', async () => {
    const sql = 'SELECT 1;\nALTER TABLE t RENAME CONSTRAINT c1 TO c2;\nALTER TYPE s.mood RENAME TO feeling;\nALTER DOMAIN s.feeling SET SCHEMA u;\nDROP TYPE u.feeling';
    const ctx = await at(sql, 0);
    expect(later(ctx, { kind: 'constraint', table: { schema: 'public', name: 't' }, name: 'c1' })?.names).toEqual([{ name: 'c2' }]);
    expect(later(ctx, { kind: 'type', name: { schema: 's', name: 'mood' } })).toEqual({
      names: [
        { schema: 's', name: 'feeling' },
        { schema: 'u', name: 'feeling' },
      ],
      replacing: [],
      dropped: true,
    });
  });

  it('sees nothing without the migration, after the last change, or inside pgmend’s own guards', async () => {
    const ctx = await at('CREATE TABLE t (a int);\nDO $pgmend$ BEGIN ALTER TABLE t RENAME TO u; END $pgmend$;\nALTER TABLE t RENAME TO u', 2);
    expect(anyLaterChange(ctx)).toBe(false);
    expect(anyLaterChange({ ...ctx, migration: { ...ctx.migration!, index: 1 } })).toBe(true);
    expect(later({ ...ctx, migration: undefined }, relation('t'))).toBeUndefined();
    expect(later({ ...ctx, migration: { ...ctx.migration!, index: 0 } }, relation('t'))?.names).toEqual([{ name: 'u' }]);
  });

  it('tells a swap: the new object takes a name the migration frees first, and the drop knows what replaces it', async () => {
    const sql = 'CREATE TABLE t_new (id int PRIMARY KEY);\nDROP TABLE t;\nALTER TABLE t_new RENAME TO t;\nALTER TABLE t ADD COLUMN b2 int;\nALTER TABLE t DROP COLUMN b;\nALTER TABLE t RENAME COLUMN b2 TO b';
    expect(later(await at(sql, 0), relation('t_new'))).toEqual({ names: [{ name: 't' }], replacing: [{ name: 't' }], dropped: false });
    expect(successor(await at(sql, 0), relation('t'))).toEqual(relation('t_new'));
    expect(later(await at(sql, 3), { kind: 'column', table: { name: 't' }, name: 'b2' })?.replacing).toEqual([{ name: 'b' }]);
    expect(successor(await at(sql, 3), { kind: 'column', table: { name: 't' }, name: 'b' })).toEqual({ kind: 'column', table: { name: 't' }, name: 'b2' });
    expect(successor(await at(sql, 3), relation('t'))).toBeUndefined();
    expect([namedKind('OBJECT_MATVIEW'), namedKind('OBJECT_DOMAIN'), namedKind('OBJECT_FUNCTION')]).toEqual(['relation', 'type', undefined]);
  });

  it('finds a text in later statements only', async () => {
    const ctx = await at(`INSERT INTO t VALUES ('early');\nALTER TYPE s ADD VALUE 'late';\nUPDATE t SET s = 'late'`, 1);
    expect(mentionedLater(ctx, `'late'`)).toBe(true);
    expect(mentionedLater(ctx, `'early'`)).toBe(false);
    expect(mentionedLater({ ...ctx, migration: undefined }, `'late'`)).toBe(false);
  });
});
