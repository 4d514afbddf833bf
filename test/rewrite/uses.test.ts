import { describe, expect, it } from 'vitest';
import type { ParsedStatement } from '../../src/rewrite/types.js';
import { usedObjects } from '../../src/rewrite/uses.js';
import { ensureParser } from '../../src/sql/parser.js';
import { splitSql, type SqlStatement } from '../../src/sql/split.js';
import { SourceText } from '../../src/source.js';

async function uses(sql: string) {
  await ensureParser();
  const [stmt] = splitSql(new SourceText('m.sql', sql)).filter((i): i is SqlStatement => i.kind === 'statement');
  return usedObjects(stmt as ParsedStatement);
}

describe('what a statement uses', () => {
  it('names the tables, user types and columns an INSERT uses', async () => {
    expect(await uses(`INSERT INTO s.t (a, "B") SELECT x::mood FROM u`)).toEqual([
      { kind: 'relation', name: { schema: 's', name: 't' } },
      { kind: 'type', name: { name: 'mood' } },
      { kind: 'relation', name: { name: 'u' } },
      { kind: 'column', table: { schema: 's', name: 't' }, name: 'a' },
      { kind: 'column', table: { schema: 's', name: 't' }, name: 'B' },
    ]);
  });

  it('leaves out what a CREATE creates, and reads an index’s columns from its expressions too', async () => {
    expect(await uses('CREATE TABLE t (a mood REFERENCES u)')).toEqual([
      { kind: 'type', name: { name: 'mood' } },
      { kind: 'relation', name: { name: 'u' } },
    ]);
    const index = await uses('CREATE INDEX ON t (a, lower(b)) WHERE c > 0');
    expect(index?.filter((r) => r.kind === 'column').map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });

  it('checks every column a view reads in every table it reads', async () => {
    const view = await uses('CREATE VIEW v AS SELECT t.a FROM t JOIN u USING (id)');
    expect(view?.filter((r) => r.kind === 'column').map((r) => ('table' in r ? `${r.table.name}.${r.name}` : ''))).toEqual(['t.a', 'u.a']);
  });

  it('has nothing for statements a DO block cannot hold', async () => {
    expect(await uses('SELECT * FROM t')).toBeUndefined();
    expect(await uses('INSERT INTO t (a) VALUES (1) RETURNING id')).toBeUndefined();
    expect(await uses('COPY t FROM STDIN')).toBeUndefined();
  });
});
