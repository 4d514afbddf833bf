import { describe, expect, it } from 'vitest';
import { rewriteAfter } from './with-definitions.js';

describe('create-table-as rule', () => {
  it('adds IF NOT EXISTS to CREATE TABLE AS, so the query does not run again', async () => {
    const { up, down } = await rewriteAfter('', 'CREATE TABLE report AS -- one\n  SELECT 1 AS n');
    expect(up).toEqual(['CREATE TABLE IF NOT EXISTS report AS -- one\n  SELECT 1 AS n']);
    expect(down).toEqual(['DROP TABLE IF EXISTS report']);
  });

  it('adds IF NOT EXISTS to CREATE MATERIALIZED VIEW and drops the view on the way down', async () => {
    const { up, down, defs } = await rewriteAfter('', 'create materialized view s.mv as select 1 with no data');
    expect(up).toEqual(['create materialized view IF NOT EXISTS s.mv as select 1 with no data']);
    expect(down).toEqual(['DROP MATERIALIZED VIEW IF EXISTS s.mv']);
    expect(defs.get('materialized-view', 's.mv')).toBe(up[0]);
  });

  it('keeps what already has IF NOT EXISTS', async () => {
    const { rewrites } = await rewriteAfter('', 'CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT 1');
    expect(rewrites[0]).toMatchObject({ fate: 'kept', how: 'already IF NOT EXISTS' });
  });
});
