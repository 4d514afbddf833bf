/**
 * The revision graph: ids and edges only (no files), with Alembic's RevisionMap semantics.
 * Edges run parent → child; `down` edges come from down_revision, `depends` from depends_on.
 * depends_on references resolve through branch labels, as Alembic's map does.
 *
 * The algorithms walk plain adjacency lists (flat arrays while the graph is built, see
 * graph-links.ts): graphlib's setEdge costs tens of microseconds and its recursive alg.tarjan
 * overflows the stack on chains of thousands of revisions. The graphlib Graph (for callers that
 * want its algorithms) is built on first use.
 */
import { createRequire } from 'node:module';
import type { Graph } from '@dagrejs/graphlib';
import { DOWN, edgeMaps, isAcyclic, linkParents } from './graph-links.js';

// Loaded on first use of `.graph`: checking a chain needs none of it.
const require = createRequire(import.meta.url);

export interface GraphNode {
  id: string;
  downRevisions: readonly string[];
  dependsOn?: readonly string[];
  branchLabels?: readonly string[];
}

export type EdgeKind = 'down' | 'depends';

export interface MissingReference {
  from: string;
  ref: string;
  kind: EdgeKind;
}

export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
}

export interface RevisionGraph {
  /** The same graph as a graphlib Graph (edge label = kind), built on first access. */
  readonly graph: Graph;
  /** Every revision id, sorted. */
  readonly ids: string[];
  /** How many ids (without sorting them). */
  count: number;
  /** Whether a revision holds this id. */
  has(id: string): boolean;
  /** Where the node holding `id` was in the list the graph was built from (the later of duplicates). */
  positionOf(id: string): number | undefined;
  /** Incoming edges per id (parents), outgoing edges per id (children); built on first access. */
  readonly parentsOf: ReadonlyMap<string, readonly Edge[]>;
  readonly childrenOf: ReadonlyMap<string, readonly Edge[]>;
  /** Alembic's `heads`: nothing has it as a down_revision. */
  heads: string[];
  /** Alembic's `_real_heads`: nothing has it as a down_revision or a dependency. */
  realHeads: string[];
  /** Alembic's `bases`: down_revision is None. */
  bases: string[];
  /** `_real_bases`: also no depends_on. */
  realBases: string[];
  branchPoints: string[];
  mergePoints: string[];
  /** Label → the revision that declares it. */
  labels: Map<string, string>;
  /** Labels declared twice, or equal to a revision id (Alembic raises on both). */
  labelConflicts: { label: string; revision: string; owner: string }[];
  missing: MissingReference[];
  selfLoops: string[];
  /** Strongly connected components with more than one member: exactly the revisions on a cycle. */
  cycles: string[][];
  /** The error Alembic's _detect_cycles raises on this graph, if any (computed on first use). */
  readonly alembicCycle: AlembicCycle | undefined;
}

/**
 * Alembic checks down_revision edges first (CycleDetected), then all edges, depends_on included
 * (DependencyCycleDetected). `revisions` undefined: it names every revision, in the order it
 * loaded them (the file system's), so no fixed list can be quoted.
 */
export interface AlembicCycle {
  error: 'Cycle' | 'Dependency cycle';
  revisions?: string[];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Built once per check, in code the JIT has not optimised yet: positions in `nodes` and flat
 * arrays, one Map, and loops that count (a for-of allocates an iterator result per step while
 * code is cold).
 */
export function buildRevisionGraph(nodes: GraphNode[]): RevisionGraph {
  // id → position of the node that holds it: a duplicate id, the later one wins, as in Alembic.
  // The Map keeps each id where it first came (the order every list below starts from).
  const slot = new Map<string, number>();
  for (let p = 0; p < nodes.length; p++) slot.set(nodes[p]!.id, p);
  const live = [...slot.values()];
  const labels = new Map<string, string>();
  const labelConflicts: RevisionGraph['labelConflicts'] = [];
  for (let k = 0; k < live.length; k++) {
    const n = nodes[live[k]!]!;
    if (!n.branchLabels?.length) continue;
    for (const label of n.branchLabels) {
      const owner = labels.get(label) ?? (slot.has(label) ? label : undefined);
      if (owner !== undefined) labelConflicts.push({ label, revision: n.id, owner });
      else labels.set(label, n.id);
    }
  }
  const links = linkParents(nodes, live, slot, labels);
  const { childStart, children } = links;
  // Heads, bases, branch and merge points in one pass, each list sorted after.
  const heads: string[] = [];
  const realHeads: string[] = [];
  const bases: string[] = [];
  const realBases: string[] = [];
  const branchPoints: string[] = [];
  const mergePoints: string[] = [];
  for (let k = 0; k < live.length; k++) {
    const p = live[k]!;
    const n = nodes[p]!;
    let downChildren = 0;
    for (let c = childStart[p]!; c < childStart[p + 1]!; c++) if (links.kind[children[c]!] === DOWN) downChildren++;
    if (downChildren === 0) heads.push(n.id);
    if (childStart[p] === childStart[p + 1]) realHeads.push(n.id);
    if (downChildren > 1) branchPoints.push(n.id);
    if (n.downRevisions.length > 1) mergePoints.push(n.id);
    if (n.downRevisions.length === 0) {
      bases.push(n.id);
      if (!n.dependsOn?.length) realBases.push(n.id);
    }
  }
  // The default sort is byId's code-unit order, without a callback per comparison.
  for (const list of [heads, realHeads, bases, realBases, branchPoints, mergePoints]) list.sort();
  // Sorted when first asked (check needs only the count): 10,000 ids take a while to sort cold.
  let ids: string[] | undefined;
  const sortedIds = () => (ids ??= [...slot.keys()].sort());
  let adjacency: Adjacency | undefined;
  const maps = () => (adjacency ??= edgeMaps(nodes, live, links));
  // Almost every real chain is acyclic: a cheap topological count proves it and skips Tarjan.
  const cycles = (isAcyclic(live, links) ? [] : stronglyConnected(sortedIds(), maps().childrenOf))
    .filter((c) => c.length > 1)
    .map((c) => [...c].sort(byId))
    .sort((a, b) => byId(a[0]!, b[0]!));
  let graph: Graph | undefined;
  let alembicCycle: AlembicCycle | undefined | null = null;
  return {
    get graph() {
      return (graph ??= toGraphlib(sortedIds(), maps().childrenOf));
    },
    get ids() {
      return sortedIds();
    },
    count: slot.size,
    has: (id) => slot.has(id),
    positionOf: (id) => slot.get(id),
    get parentsOf() {
      return maps().parentsOf;
    },
    get childrenOf() {
      return maps().childrenOf;
    },
    heads,
    realHeads,
    bases,
    realBases,
    branchPoints,
    mergePoints,
    labels,
    labelConflicts,
    missing: links.missing,
    selfLoops: [...new Set(links.selfLoops)].sort(byId),
    cycles,
    // Only a cycle's message quotes it: computed when asked.
    get alembicCycle() {
      if (alembicCycle === null) alembicCycle = detectCycles(maps(), sortedIds(), { heads, bases, realHeads, realBases });
      return alembicCycle;
    },
  };
}

function toGraphlib(ids: string[], childrenOf: ReadonlyMap<string, readonly Edge[]>): Graph {
  const graphlib = require('@dagrejs/graphlib') as typeof import('@dagrejs/graphlib');
  const g = new graphlib.Graph({ directed: true, multigraph: false });
  for (const id of ids) g.setNode(id);
  for (const id of ids) for (const e of childrenOf.get(id)!) g.setEdge(e.from, e.to, e.kind);
  return g;
}

/**
 * Tarjan's strongly connected components, iterative: graphlib's alg.tarjan recurses once per
 * revision and overflows the stack on a long chain (thousands of revisions is normal).
 */
function stronglyConnected(ids: string[], childrenOf: ReadonlyMap<string, readonly Edge[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { v: string; next: string[]; i: number }[] = [];
    const open = (v: string) => {
      index.set(v, counter);
      low.set(v, counter++);
      stack.push(v);
      onStack.add(v);
      work.push({ v, next: childrenOf.get(v)!.map((e) => e.to), i: 0 });
    };
    open(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      if (frame.i < frame.next.length) {
        const w = frame.next[frame.i++]!;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(frame.v, Math.min(low.get(frame.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(frame.v)!));
      if (low.get(frame.v) === index.get(frame.v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.v);
        out.push(component);
      }
    }
  }
  return out;
}

export type Adjacency = Pick<RevisionGraph, 'parentsOf' | 'childrenOf'>;

const downOnly = (edges: readonly Edge[] | undefined) => (edges ?? []).filter((e) => e.kind === 'down');

/** Alembic's _detect_cycles: what is not both below a head and above a base is on (or hangs off) a cycle. */
function detectCycles(g: Adjacency, ids: string[], ends: Pick<RevisionGraph, 'heads' | 'bases' | 'realHeads' | 'realBases'>): AlembicCycle | undefined {
  if (!ids.length) return undefined;
  const outside = (heads: string[], bases: string[], edges: (list: readonly Edge[] | undefined) => readonly Edge[]): string[] | undefined => {
    if (!heads.length || !bases.length) return undefined; // every revision
    const down = reach(heads, (v) => edges(g.parentsOf.get(v)).map((e) => e.from));
    const up = reach(bases, (v) => edges(g.childrenOf.get(v)).map((e) => e.to));
    return ids.filter((id) => !(down.has(id) && up.has(id)));
  };
  const versioned = outside(ends.heads, ends.bases, downOnly);
  if (!versioned || versioned.length) return { error: 'Cycle', revisions: versioned };
  const all = outside(ends.realHeads, ends.realBases, (edges) => edges ?? []);
  if (!all || all.length) return { error: 'Dependency cycle', revisions: all };
  return undefined;
}

function reach(start: string[], next: (v: string) => string[]): Set<string> {
  const seen = new Set<string>(start);
  const stack = [...start];
  while (stack.length) for (const w of next(stack.pop()!)) if (!seen.has(w)) (seen.add(w), stack.push(w));
  return seen;
}

/** Every ancestor of `ids` (through down and depends edges), the ids included. */
export function ancestorsOf(g: RevisionGraph, ids: string[]): Set<string> {
  return reach(ids.filter((id) => g.parentsOf.has(id)), (v) => g.parentsOf.get(v)!.map((e) => e.from));
}

/**
 * Every descendant of `id`, the id included: through down edges only, or also through depends_on
 * (what Alembic follows when it checks stored revisions for overlaps).
 */
export function descendantsOf(g: RevisionGraph, id: string, throughDependencies = false): Set<string> {
  return reach([id], (v) => (throughDependencies ? g.childrenOf.get(v)! : downOnly(g.childrenOf.get(v))).map((e) => e.to));
}

/**
 * Heads that `label@head` cannot single out: a head is explained when some branch label declared
 * at or below it (its ancestry) leads to it alone.
 */
export function unexplainedHeads(g: RevisionGraph): string[] {
  if (g.heads.length < 2) return [];
  const headSet = new Set(g.heads);
  const explained = new Set<string>();
  for (const owner of g.labels.values()) {
    const headsBelow = [...descendantsOf(g, owner)].filter((id) => headSet.has(id));
    if (headsBelow.length === 1) explained.add(headsBelow[0]!);
  }
  return g.heads.filter((h) => !explained.has(h));
}

/** A topological order of the ids (parents first), ties broken by `key` then id. */
export function orderedTopologically(g: RevisionGraph, key: (id: string) => string = (id) => id): string[] {
  const indegree = new Map(g.ids.map((id) => [id, g.parentsOf.get(id)!.length]));
  const ready = g.ids.filter((id) => indegree.get(id) === 0);
  const cmp = (a: string, b: string) => byId(key(a), key(b)) || byId(a, b);
  const out: string[] = [];
  while (ready.length) {
    ready.sort(cmp);
    const v = ready.shift()!;
    out.push(v);
    for (const { to: w } of g.childrenOf.get(v)!) {
      indegree.set(w, indegree.get(w)! - 1);
      if (indegree.get(w) === 0) ready.push(w);
    }
  }
  return out;
}
