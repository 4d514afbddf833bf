/**
 * The revision graph's edges as flat arrays over positions in the node list: what checking a
 * folder of 10,000 revisions needs, built in code the JIT has not optimised yet. The Maps of Edge
 * objects the rest of pgmend reads are made from these only when asked (edgeMaps).
 */
import type { Adjacency, Edge, GraphNode, MissingReference } from './graph.js';

export const DOWN = 0;
const DEPENDS = 1;

/**
 * The edges as flat arrays over positions in `nodes`. Edge e runs from `parent[e]` to `child[e]`
 * with `kind[e]` (DOWN or DEPENDS); a node's incoming edges are consecutive (`parentStart[p]` up
 * to `parentEnd[p]`, in the order of its references), and `children[childStart[p]]` up to
 * `children[childStart[p + 1]]` are its outgoing ones.
 */
export interface Links {
  parent: Int32Array;
  child: Int32Array;
  kind: Uint8Array;
  parentStart: Int32Array;
  parentEnd: Int32Array;
  childStart: Int32Array;
  children: Int32Array;
  missing: MissingReference[];
  selfLoops: string[];
}

/**
 * Resolves every reference: depends_on may name a branch label; a down_revision must be an id
 * (Alembic 1.8 stops with KeyError on a label there, walking its map without labels for cycles).
 * One edge per pair of revisions; a down_revision wins over a depends_on to the same parent.
 */
export function linkParents(nodes: GraphNode[], live: number[], slot: Map<string, number>, labels: Map<string, string>): Links {
  let references = 0;
  for (let k = 0; k < live.length; k++) references += nodes[live[k]!]!.downRevisions.length + (nodes[live[k]!]!.dependsOn?.length ?? 0);
  const parent = new Int32Array(references);
  const child = new Int32Array(references);
  const kind = new Uint8Array(references);
  const parentStart = new Int32Array(nodes.length);
  const parentEnd = new Int32Array(nodes.length);
  const childStart = new Int32Array(nodes.length + 1);
  const missing: MissingReference[] = [];
  const selfLoops: string[] = [];
  let edges = 0;
  const resolve = (ref: string, k: number) => {
    const owner = k === DEPENDS && !slot.has(ref) ? labels.get(ref) : ref;
    return owner === undefined ? undefined : slot.get(owner);
  };
  const link = (p: number, ref: string, k: number) => {
    const q = resolve(ref, k);
    if (q === undefined) missing.push({ from: nodes[p]!.id, ref, kind: k === DOWN ? 'down' : 'depends' });
    else if (q === p) selfLoops.push(nodes[p]!.id);
    else {
      for (let e = parentStart[p]!; e < edges; e++) {
        if (parent[e] !== q) continue;
        if (k === DOWN) kind[e] = DOWN;
        return;
      }
      parent[edges] = q;
      child[edges] = p;
      kind[edges++] = k;
      childStart[q + 1]!++;
    }
  };
  for (let k = 0; k < live.length; k++) {
    const p = live[k]!;
    const n = nodes[p]!;
    parentStart[p] = edges;
    const down = n.downRevisions;
    const q = down.length === 1 && !n.dependsOn?.length ? slot.get(down[0]!) : undefined;
    if (q !== undefined && q !== p) {
      // Most revisions: one parent that exists, nothing to resolve or merge (inline: cold code).
      parent[edges] = q;
      child[edges] = p;
      kind[edges++] = DOWN;
      childStart[q + 1]!++;
    } else {
      for (const d of down) link(p, d, DOWN);
      if (n.dependsOn) for (const d of n.dependsOn) link(p, d, DEPENDS);
    }
    parentEnd[p] = edges;
  }
  // Children per node: counted above, placed by a prefix sum, filled in edge order.
  for (let p = 0; p < nodes.length; p++) childStart[p + 1]! += childStart[p]!;
  const children = new Int32Array(edges);
  const filled = childStart.slice(0, nodes.length);
  for (let e = 0; e < edges; e++) children[filled[parent[e]!]!++] = e;
  return { parent, child, kind, parentStart, parentEnd, childStart, children, missing, selfLoops };
}

/** Kahn's algorithm: true when every node can be ordered parents-first (no cycle). */
export function isAcyclic(live: number[], links: Links): boolean {
  const { parentStart, parentEnd, childStart, children, child } = links;
  const waiting = new Int32Array(parentStart.length);
  // A typed stack: an array that is pushed and popped in turn reallocates while code is cold.
  const ready = new Int32Array(live.length);
  let top = 0;
  for (let k = 0; k < live.length; k++) {
    const p = live[k]!;
    if ((waiting[p] = parentEnd[p]! - parentStart[p]!) === 0) ready[top++] = p;
  }
  let ordered = 0;
  while (top > 0) {
    ordered++;
    const p = ready[--top]!;
    for (let c = childStart[p]!; c < childStart[p + 1]!; c++) {
      const q = child[children[c]!]!;
      if (--waiting[q]! === 0) ready[top++] = q;
    }
  }
  return ordered === live.length;
}

/** Each revision's incoming and outgoing edges as Edge lists by id (one shared object per edge). */
export function edgeMaps(nodes: GraphNode[], live: number[], links: Links): Adjacency {
  const { parent, child, kind, parentStart, parentEnd } = links;
  const edges = Array.from(parent, (q, e): Edge => ({ from: nodes[q]!.id, to: nodes[child[e]!]!.id, kind: kind[e] === DOWN ? 'down' : 'depends' }));
  const parentsOf = new Map<string, readonly Edge[]>();
  const childrenOf = new Map<string, readonly Edge[]>();
  for (const p of live) {
    parentsOf.set(nodes[p]!.id, edges.slice(parentStart[p], parentEnd[p]));
    const out: Edge[] = [];
    for (let c = links.childStart[p]!; c < links.childStart[p + 1]!; c++) out.push(edges[links.children[c]!]!);
    childrenOf.set(nodes[p]!.id, out);
  }
  return { parentsOf, childrenOf };
}
