import { describe, expect, it } from 'vitest';
import { ancestorsOf, buildRevisionGraph, orderedTopologically, unexplainedHeads, type GraphNode } from '../../src/chain/graph.js';

const n = (id: string, down: string[] = [], extra: Partial<GraphNode> = {}): GraphNode => ({ id, downRevisions: down, ...extra });

describe('revision graph (Alembic RevisionMap semantics, no files)', () => {
  it('a straight line has one head and one base', () => {
    const g = buildRevisionGraph([n('a'), n('b', ['a']), n('c', ['b'])]);
    expect(g.heads).toEqual(['c']);
    expect(g.bases).toEqual(['a']);
    expect(g.branchPoints).toEqual([]);
    expect(g.mergePoints).toEqual([]);
    expect(g.cycles).toEqual([]);
  });

  it('a branch point makes two heads; a tuple down_revision is a merge point', () => {
    const branched = buildRevisionGraph([n('a'), n('b', ['a']), n('c', ['a'])]);
    expect(branched.heads).toEqual(['b', 'c']);
    expect(branched.branchPoints).toEqual(['a']);
    const merged = buildRevisionGraph([n('a'), n('b', ['a']), n('c', ['a']), n('m', ['b', 'c'])]);
    expect(merged.heads).toEqual(['m']);
    expect(merged.mergePoints).toEqual(['m']);
    expect(merged.branchPoints).toEqual(['a']);
  });

  it('depends_on does not remove a head, only a real head (Alembic "effective head")', () => {
    // x depends on b: b is still a head (nothing has it as down_revision) but not a real head.
    const g = buildRevisionGraph([n('a'), n('b', ['a']), n('x', [], { dependsOn: ['b'] })]);
    expect(g.heads).toEqual(['b', 'x']);
    expect(g.realHeads).toEqual(['x']);
    // x has down_revision None, so it is a base, but not a real base (it has a dependency).
    expect(g.bases).toEqual(['a', 'x']);
    expect(g.realBases).toEqual(['a']);
  });

  it('depends_on resolves through branch labels; down_revision does not (Alembic stops on it)', () => {
    const g = buildRevisionGraph([n('a', [], { branchLabels: ['core'] }), n('b', [], { dependsOn: ['core'] }), n('c', ['core'])]);
    expect(g.labels.get('core')).toBe('a');
    expect(g.parentsOf.get('b')).toEqual([{ from: 'a', to: 'b', kind: 'depends' }]);
    expect(g.missing).toEqual([{ from: 'c', ref: 'core', kind: 'down' }]);
  });

  it('a label used twice, or equal to a revision id, is a conflict', () => {
    const g = buildRevisionGraph([n('a', [], { branchLabels: ['x'] }), n('b', ['a'], { branchLabels: ['x', 'a'] })]);
    expect(g.labelConflicts.map((c) => c.label).sort()).toEqual(['a', 'x']);
  });

  it('missing references are recorded, not edges', () => {
    const g = buildRevisionGraph([n('a'), n('b', ['zzz']), n('c', ['a'], { dependsOn: ['nope'] })]);
    expect(g.missing).toEqual([
      { from: 'b', ref: 'zzz', kind: 'down' },
      { from: 'c', ref: 'nope', kind: 'depends' },
    ]);
    expect(g.bases).toEqual(['a']); // b names a parent, so it is not a base even though the parent is missing
  });

  it('a self-loop is reported apart from cycles', () => {
    const g = buildRevisionGraph([n('a'), n('b', ['b'])]);
    expect(g.selfLoops).toEqual(['b']);
    expect(g.cycles).toEqual([]);
  });

  it('cycles name exactly their members; Alembic also names what hangs off them', () => {
    // a (base) → h (head); b ↔ c cycle; d below c.
    const g = buildRevisionGraph([n('a'), n('h', ['a']), n('b', ['c']), n('c', ['b']), n('d', ['c'])]);
    expect(g.cycles).toEqual([['b', 'c']]);
    // Alembic: reachable down from heads {h, d} = {h, a, d, c, b}; up from bases {a} = {a, h}.
    expect(g.alembicCycle).toEqual({ error: 'Cycle', revisions: ['b', 'c', 'd'] });
  });

  it('with no base at all Alembic names every revision', () => {
    const g = buildRevisionGraph([n('a', ['b']), n('b', ['a'])]);
    expect(g.bases).toEqual([]);
    expect(g.alembicCycle).toEqual({ error: 'Cycle', revisions: undefined });
  });

  it('a cycle through depends_on only is the dependency check\'s: Alembic runs it after the down_revision one', () => {
    // base0 → ddd → eee by down_revision; ddd depends on eee.
    const g = buildRevisionGraph([n('base0'), { id: 'ddd', downRevisions: ['base0'], dependsOn: ['eee'] }, n('eee', ['ddd'])]);
    expect(g.cycles).toEqual([['ddd', 'eee']]);
    expect(g.alembicCycle).toEqual({ error: 'Dependency cycle', revisions: undefined }); // no real head: every revision
    const withDown = buildRevisionGraph([...[n('base0'), { id: 'ddd', downRevisions: ['base0'], dependsOn: ['eee'] }, n('eee', ['ddd'])], n('x', ['y']), n('y', ['x'])]);
    expect(withDown.alembicCycle).toEqual({ error: 'Cycle', revisions: ['x', 'y'] });
  });

  it('a duplicate id keeps the later node (Alembic overwrites)', () => {
    const g = buildRevisionGraph([n('a'), n('b', ['a']), n('b', [])]);
    expect(g.ids).toEqual(['a', 'b']);
    expect(g.heads).toEqual(['a', 'b']);
    expect(g.bases).toEqual(['a', 'b']);
    expect(g.positionOf('b')).toBe(2);
    expect(g.parentsOf.get('b')).toEqual([]);
    expect(g.childrenOf.get('a')).toEqual([]);
  });

  it('one edge per pair of revisions, down_revision winning over depends_on; edges in reference order', () => {
    const g = buildRevisionGraph([n('a'), n('b', ['a']), n('c', ['a', 'a'], { dependsOn: ['b', 'a', 'lbl'] }), n('d', ['c'], { branchLabels: ['lbl'] })]);
    expect(g.parentsOf.get('c')).toEqual([
      { from: 'a', to: 'c', kind: 'down' },
      { from: 'b', to: 'c', kind: 'depends' },
      { from: 'd', to: 'c', kind: 'depends' }, // through d's branch label
    ]);
    expect(g.childrenOf.get('a')).toEqual([
      { from: 'a', to: 'b', kind: 'down' },
      { from: 'a', to: 'c', kind: 'down' },
    ]);
    expect(g.childrenOf.get('d')).toEqual([{ from: 'd', to: 'c', kind: 'depends' }]);
    expect(g.heads).toEqual(['b', 'd']); // no one's down_revision
    expect(g.realHeads).toEqual([]); // each is a down_revision or a dependency
    expect(g.cycles).toEqual([['c', 'd']]); // c depends on d (its label), d revises c
    expect(g.has('lbl')).toBe(false);
    expect(g.count).toBe(4);
  });

  it('heads are explained when a branch label leads to each alone', () => {
    const labelled = buildRevisionGraph([n('a'), n('b', ['a'], { branchLabels: ['x'] }), n('c', ['a'], { branchLabels: ['y'] })]);
    expect(unexplainedHeads(labelled)).toEqual([]);
    const halfLabelled = buildRevisionGraph([n('a'), n('b', ['a'], { branchLabels: ['x'] }), n('c', ['a'])]);
    expect(unexplainedHeads(halfLabelled)).toEqual(['c']);
    // A label above the branch point reaches both heads: it explains neither.
    const labelAbove = buildRevisionGraph([n('a', [], { branchLabels: ['x'] }), n('b', ['a']), n('c', ['a'])]);
    expect(unexplainedHeads(labelAbove)).toEqual(['b', 'c']);
  });

  it('ancestors follow down and depends edges', () => {
    const g = buildRevisionGraph([n('a'), n('b', ['a']), n('x'), n('c', ['b'], { dependsOn: ['x'] })]);
    expect([...ancestorsOf(g, ['c'])].sort()).toEqual(['a', 'b', 'c', 'x']);
  });

  it('a chain of 20,000 revisions does not overflow the stack', () => {
    const nodes = Array.from({ length: 20_000 }, (_, i) => n(`r${i}`, i ? [`r${i - 1}`] : []));
    const g = buildRevisionGraph(nodes);
    expect(g.heads).toEqual(['r19999']);
    expect(g.cycles).toEqual([]);
    expect(orderedTopologically(g)).toHaveLength(20_000);
  });

  it('the graphlib view carries the same nodes and edges', () => {
    const g = buildRevisionGraph([n('a'), n('b', ['a']), n('x', [], { dependsOn: ['b'] })]);
    expect(g.graph.nodes().sort()).toEqual(['a', 'b', 'x']);
    expect(g.graph.edge('a', 'b')).toBe('down');
    expect(g.graph.edge('b', 'x')).toBe('depends');
  });

  it('topological order puts parents first, ties by key', () => {
    const g = buildRevisionGraph([n('a'), n('b', ['a']), n('c', ['a']), n('d', ['b', 'c'])]);
    const key = { a: '1', b: '3', c: '2', d: '0' } as Record<string, string>;
    expect(orderedTopologically(g, (id) => key[id]!)).toEqual(['a', 'c', 'b', 'd']);
  });
});
