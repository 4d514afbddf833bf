/** The mutable picture a repair works on: per file, its id and parents as they will be written. */
import { graphLabels } from '../context.js';
import { buildRevisionGraph, type RevisionGraph } from '../graph.js';
import type { RevisionFile } from '../read/revision-file.js';
import type { Confidence } from '../types.js';

export interface ModelNode {
  file: RevisionFile;
  id: string;
  down: string[];
  deps: string[];
  /** A copy of another revision's file: the repair deletes it (a backup is kept). */
  removed?: boolean;
  /** The file has no down_revision line: the repair writes one after `revision`. */
  addDownRevision?: boolean;
}

/** One change a repair makes, and why; below 'high' it needs --yes or an explicit --map. */
export interface RepairDecision {
  code: string;
  file: string;
  line: number;
  description: string;
  confidence: Confidence;
  evidence: string[];
  /** Set when an explicit --map made the choice (counts as confirmed). */
  mapped?: boolean;
}

export class RepairModel {
  readonly nodes: ModelNode[];
  readonly decisions: RepairDecision[] = [];
  /** Old id → new id for revisions whose identity changed (reconcile rewrites these rows). */
  readonly idMap = new Map<string, string>();

  constructor(files: RevisionFile[]) {
    this.nodes = files.map((file) => ({ file, id: file.revision!, down: [...file.downRevisions], deps: [...file.dependsOn] }));
  }

  /** The revisions that stay (copies a repair deletes are left out). */
  kept(): ModelNode[] {
    return this.nodes.filter((n) => !n.removed);
  }

  ids(): Set<string> {
    return new Set(this.kept().map((n) => n.id));
  }

  node(id: string): ModelNode | undefined {
    for (let i = this.nodes.length - 1; i >= 0; i--) if (this.nodes[i]!.id === id && !this.nodes[i]!.removed) return this.nodes[i];
    return undefined;
  }

  graph(): RevisionGraph {
    return buildRevisionGraph(this.kept().map((n) => ({ id: n.id, downRevisions: n.down, dependsOn: n.deps, branchLabels: graphLabels(n.file) })));
  }

  decide(d: Omit<RepairDecision, 'line' | 'file'> & { line?: number; node: ModelNode }): void {
    const { node, ...rest } = d;
    this.decisions.push({ ...rest, line: d.line ?? node.file.values.revision?.line ?? 1, file: node.file.file });
  }

  /** Re-points every reference `from` → `to` (null drops it) in the given nodes (default all). */
  repoint(from: string, to: string | null, nodes: ModelNode[] = this.nodes): void {
    for (const n of nodes) {
      const swap = (list: string[]) => [...new Set(list.flatMap((r) => (r === from ? (to === null ? [] : [to]) : [r])))];
      n.down = swap(n.down);
      n.deps = swap(n.deps);
    }
  }
}
