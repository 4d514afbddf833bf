/** What every picture draws: one node per revision file, edges to the kept file of each parent. */
import type { ChainReport } from '../check.js';

export interface DrawNode {
  key: string;
  id: string;
  file: string;
  message: string;
  head: boolean;
  base: boolean;
  labels: readonly string[];
  /** Codes of errors and warnings about this file. */
  problems: string[];
}

export interface DrawEdge {
  from: string;
  to: string;
  kind: 'down' | 'depends' | 'missing';
}

export interface Drawing {
  nodes: DrawNode[];
  edges: DrawEdge[];
  /** Keys of placeholder nodes for references that name nothing. */
  missing: { key: string; ref: string }[];
}

/** Findings about the whole chain: the picture shows them as head/base marks, not on one node. */
const CHAIN_WIDE = new Set(['multiple-heads', 'multiple-bases']);

export function drawing(report: ChainReport): Drawing {
  const ctx = report.context;
  const files = ctx.revisions;
  const keyOf = new Map(files.map((f, i) => [f, `r${i}`]));
  const heads = new Set(report.heads);
  const bases = new Set(report.bases);
  const nodes: DrawNode[] = files.map((f) => {
    const kept = ctx.fileFor(f.revision!) === f;
    return {
      key: keyOf.get(f)!,
      id: f.revision!,
      file: f.file,
      message: f.docstring?.message ?? '',
      head: kept && heads.has(f.revision!),
      base: kept && bases.has(f.revision!),
      labels: f.branchLabels,
      problems: [...new Set(report.problems.filter((p) => p.file === f.file && p.severity !== 'info' && !CHAIN_WIDE.has(p.code)).map((p) => p.code))].sort(),
    };
  });
  const edges: DrawEdge[] = [];
  const missing: Drawing['missing'] = [];
  for (const f of files) {
    for (const [refs, kind] of [[f.downRevisions, 'down'], [f.dependsOn, 'depends']] as const) {
      for (const ref of refs) {
        const target = ctx.graph.has(ref) ? ref : ctx.graph.labels.get(ref);
        const parent = target !== undefined ? ctx.fileFor(target) : undefined;
        if (parent) edges.push({ from: keyOf.get(parent)!, to: keyOf.get(f)!, kind });
        else {
          let m = missing.find((x) => x.ref === ref);
          if (!m) missing.push((m = { key: `m${missing.length}`, ref }));
          edges.push({ from: m.key, to: keyOf.get(f)!, kind: 'missing' });
        }
      }
    }
  }
  return { nodes, edges, missing };
}

export function nodeTitle(n: DrawNode): string {
  const tags = [n.head ? 'head' : '', n.base ? 'base' : '', ...n.labels.map((l) => `@${l}`), ...n.problems].filter(Boolean);
  return `${n.id}${n.message ? `\n${n.message}` : ''}${tags.length ? `\n(${tags.join(', ')})` : ''}`;
}
