import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/input/index.js';
import { tree } from './tree.js';

describe('properties of readMigrations', () => {
  it('orders any plain folder by numeric version, whatever the zero padding', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.nat(100_000), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(6), { minLength: 12, maxLength: 12 }), async (versions, pads) => {
        const files: Record<string, string> = {};
        versions.forEach((v, i) => (files[`${'0'.repeat(pads[i]!)}${v}_m${v}.sql`] = `SELECT ${v};`));
        const folder = await tree(files);
        const { migrations } = await readMigrations([folder]);
        expect(migrations.map((m) => Number(m.version))).toEqual([...versions].sort((a, b) => a - b));
      }),
      { numRuns: 25 },
    );
  });

  it('never drops a statement or a psql command silently', async () => {
    const item = fc.oneof(
      fc.nat(999).map((n) => ({ kind: 'stmt' as const, text: `SELECT ${n}` })),
      fc.constantFrom('\\echo hi', '\\set x 1', '\\timing on').map((text) => ({ kind: 'meta' as const, text })),
      fc.constantFrom('-- note', '/* block ; comment */').map((text) => ({ kind: 'comment' as const, text })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 15 }), fc.boolean(), async (items, wrap) => {
        const body = items.map((i) => (i.kind === 'stmt' ? `${i.text};` : i.text));
        const text = (wrap ? ['BEGIN;', ...body, 'COMMIT;'] : body).join('\n');
        const dir = await tree({ '1_a.sql': text });
        const { migrations, findings } = await readMigrations(['1_a.sql'], { cwd: dir });
        const stmts = items.filter((i) => i.kind === 'stmt').map((i) => i.text);
        expect(migrations[0]!.up.map((s) => s.text)).toEqual(stmts);
        expect(findings.filter((f) => f.code === 'psql-meta-command')).toHaveLength(items.filter((i) => i.kind === 'meta').length);
        expect(findings.filter((f) => f.code === 'transaction-dropped')).toHaveLength(wrap ? 2 : 0);
        expect(findings.some((f) => f.code === 'empty-migration')).toBe(stmts.length === 0);
      }),
      { numRuns: 40 },
    );
  });
});
