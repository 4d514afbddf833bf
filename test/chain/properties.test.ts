import { alg } from '@dagrejs/graphlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainContext } from '../../src/chain/context.js';
import { ancestorsOf, buildRevisionGraph } from '../../src/chain/graph.js';
import type { VersionsFolder } from '../../src/chain/read/folder.js';
import { parseRevisionFile } from '../../src/chain/read/revision-file.js';
import { linearise } from '../../src/chain/repair/heads.js';
import { RepairModel } from '../../src/chain/repair/model.js';

/** A random DAG: node i may name any earlier nodes as parents; each has a random Create Date. */
const dag = fc.integer({ min: 1, max: 25 }).chain((n) =>
  fc.tuple(
    fc.array(fc.uniqueArray(fc.nat({ max: n - 1 }), { maxLength: 3 }), { minLength: n, maxLength: n }),
    fc.array(fc.date({ min: new Date('2020-01-01'), max: new Date('2025-01-01'), noInvalidDate: true }), { minLength: n, maxLength: n }),
  ).map(([parents, dates]) => parents.map((ps, i) => ({ id: `r${String(i).padStart(3, '0')}`, parents: ps.filter((p) => p < i).map((p) => `r${String(p).padStart(3, '0')}`), date: dates[i]! }))),
);

function revisionText(r: { id: string; parents: string[]; date: Date }): string {
  const down = r.parents.length === 0 ? 'None' : r.parents.length === 1 ? `'${r.parents[0]}'` : `(${r.parents.map((p) => `'${p}'`).join(', ')})`;
  const created = r.date.toISOString().replace('T', ' ').replace('Z', '');
  return `"""m\n\nRevision ID: ${r.id}\nRevises: ${r.parents.join(', ')}\nCreate Date: ${created}\n\n"""\nrevision = '${r.id}'\ndown_revision = ${down}\n`;
}

function folderOf(revs: { id: string; parents: string[]; date: Date }[]): VersionsFolder {
  const files = revs.map((r) => parseRevisionFile(revisionText(r), { path: `/v/${r.id}.py`, file: `v/${r.id}.py`, relPath: `${r.id}.py`, location: '/v' }));
  return { input: 'v', locations: ['/v'], recursive: false, sourceless: false, fileTemplate: '%(rev)s_%(slug)s', files, skipped: [], unreadSubfolders: [], undecodable: [] };
}

describe('properties on random graphs', () => {
  it('linear repair keeps every revision exactly once, in one line, with every parent before its child', () => {
    fc.assert(
      fc.property(dag, (revs) => {
        const ctx = chainContext(folderOf(revs));
        const model = new RepairModel(ctx.revisions);
        linearise(model, []);
        const g = model.graph();
        expect(g.heads).toHaveLength(1);
        expect(g.bases).toHaveLength(1);
        // Walk the line from the head down.
        const line: string[] = [];
        for (let id: string | undefined = g.heads[0]; id; id = model.node(id)!.down[0]) line.unshift(id);
        expect([...line].sort()).toEqual(revs.map((r) => r.id).sort());
        const position = new Map(line.map((id, i) => [id, i]));
        for (const r of revs) for (const p of r.parents) expect(position.get(p)!).toBeLessThan(position.get(r.id)!);
      }),
      { numRuns: 200 },
    );
  });

  it('cycle detection names exactly the revisions that lie on a cycle', () => {
    const anyGraph = fc.integer({ min: 1, max: 14 }).chain((n) =>
      fc.array(fc.uniqueArray(fc.nat({ max: n - 1 }), { maxLength: 3 }), { minLength: n, maxLength: n }).map((ps) =>
        ps.map((parents, i) => ({ id: `n${i}`, downRevisions: parents.filter((p) => p !== i).map((p) => `n${p}`) })),
      ),
    );
    fc.assert(
      fc.property(anyGraph, (nodes) => {
        const g = buildRevisionGraph(nodes);
        // Brute force: v is on a cycle when v is a proper ancestor of itself.
        const onCycle = nodes
          .map((n) => n.id)
          .filter((id) => {
            const parents = nodes.find((n) => n.id === id)!.downRevisions;
            return parents.some((p) => ancestorsOf(g, [p]).has(id));
          })
          .sort();
        expect(g.cycles.flat().sort()).toEqual(onCycle);
        // The same components as graphlib's own (recursive) Tarjan, on graphs small enough for it.
        const viaGraphlib = alg.tarjan(g.graph).filter((c) => c.length > 1).map((c) => [...c].sort()).sort();
        expect([...g.cycles].sort()).toEqual(viaGraphlib);
        // Every reported cycle is one strongly connected group: each member reaches every other.
        for (const c of g.cycles) for (const a of c) for (const b of c) expect(ancestorsOf(g, [a]).has(b)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
