import { describe, expect, it } from 'vitest';
import { chooseIndexName, makeObjectName } from '../../src/rewrite/naming.js';
import { rewriteAfter } from './with-definitions.js';

describe('create-index rule', () => {
  it('adds IF NOT EXISTS to a named index, after CONCURRENTLY when present', async () => {
    const { up, down } = await rewriteAfter('', 'CREATE UNIQUE INDEX users_email_idx ON s.users (lower(email)) WHERE active');
    expect(up).toEqual(['CREATE UNIQUE INDEX IF NOT EXISTS users_email_idx ON s.users (lower(email)) WHERE active']);
    expect(down).toEqual(['DROP INDEX IF EXISTS s.users_email_idx']);
  });

  it('names an unnamed index the way Postgres does, numbering after names it has seen', async () => {
    const { up, rewrites } = await rewriteAfter(
      'CREATE TABLE t (a int, b text)',
      'create index on t (a, lower(b)) -- by a\n;\nCREATE INDEX ON t (a, lower(b))',
    );
    expect(up).toEqual(['create index IF NOT EXISTS t_a_lower_idx on t (a, lower(b))', 'CREATE INDEX IF NOT EXISTS t_a_lower_idx1 ON t (a, lower(b))']);
    expect(rewrites.map((r) => r.findings.map((f) => f.code))).toEqual([['index-named'], ['index-named']]);
    expect(rewrites[1]!.findings[0]!.message).toContain('numbered');
  });

  it('runs CONCURRENTLY outside a transaction, after dropping an INVALID leftover', async () => {
    const { rewrites, down, defs } = await rewriteAfter('', 'CREATE INDEX CONCURRENTLY idx ON app.t (a)');
    expect(rewrites[0]!.up).toEqual([
      {
        sql: `DO $pgmend$\nBEGIN\n  IF EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass('"app"."idx"') AND NOT indisvalid) THEN\nDROP INDEX app.idx;\n  END IF;\nEND\n$pgmend$`,
        nonTransactional: true,
      },
      { sql: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON app.t (a)', nonTransactional: true },
    ]);
    expect(rewrites[0]!.down).toEqual([{ kind: 'sql', sql: 'DROP INDEX CONCURRENTLY IF EXISTS app.idx', nonTransactional: true }]);
    expect(down).toHaveLength(1);
    expect(defs.get('index', 'app.idx')).toBe('CREATE INDEX IF NOT EXISTS idx ON app.t (a)');
  });

  it('checks for an INVALID leftover before a concurrent build that already has IF NOT EXISTS, once', async () => {
    const first = await rewriteAfter('', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON app.t (a)');
    expect(first.up).toHaveLength(2);
    expect(first.up[0]).toContain('NOT indisvalid');
    expect(first.rewrites[0]!.fate).toBe('kept');
    // pgmend's own output, converted again: the check is already there, nothing is added.
    const again = await rewriteAfter('', `${first.up.join(';\n')};`);
    expect(again.up).toEqual(first.up);
    expect(again.rewrites[1]!.fate).toBe('kept');
  });

  it('keeps an index that already has IF NOT EXISTS', async () => {
    const { rewrites } = await rewriteAfter('', 'CREATE INDEX IF NOT EXISTS i ON t (a)');
    expect(rewrites[0]).toMatchObject({ fate: 'kept', findings: [] });
  });
});

describe('Postgres index and constraint naming', () => {
  it('truncates the longer part first to fit 63 bytes', () => {
    const name = makeObjectName('t'.repeat(40), 'c'.repeat(40), 'idx');
    expect(name).toBe(`${'t'.repeat(29)}_${'c'.repeat(29)}_idx`);
    expect(Buffer.byteLength(name)).toBe(63);
  });

  it('never splits a multibyte character', () => {
    const name = makeObjectName('é'.repeat(40), undefined, 'pkey');
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    expect(name).toBe(`${'é'.repeat(29)}_pkey`);
  });

  it('numbers the label on a clash: pkey1, key2', () => {
    const taken = new Set(['t_pkey', 't_a_key', 't_a_key1']);
    expect(chooseIndexName('t', [], 'pkey', (n) => taken.has(n)).name).toBe('t_pkey1');
    expect(chooseIndexName('t', ['a'], 'key', (n) => taken.has(n)).name).toBe('t_a_key2');
  });
});
