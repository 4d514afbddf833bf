/**
 * Several heads: `merge` adds a merge revision (what `alembic merge heads` writes); `linear`
 * re-parents everything into one line ordered by Create Date, then file-name date, then graph
 * order. With the database's rows, a linear order that would put a revision the database never
 * applied below one it did is refused: Alembic would treat it as applied and skip it silently.
 */
import path from 'node:path';
import { PgmendError } from '../../errors.js';
import { chronoKey } from '../context.js';
import { ancestorsOf, orderedTopologically, unexplainedHeads, type RevisionGraph } from '../graph.js';
import { freshId } from './ids.js';
import { mergeRevisionFile } from './merge-file.js';
import type { FileChange } from './write.js';
import type { RepairModel } from './model.js';

export type RepairStrategy = 'merge' | 'linear';

/**
 * Heads that need joining: all, when more than --max-heads; else those no branch label explains,
 * when there are two or more (labelled branches stay apart, and so does one main line beside them).
 */
export function headsToJoin(g: RevisionGraph, maxHeads: number | undefined): string[] {
  if (g.heads.length < 2) return [];
  if (maxHeads !== undefined) return g.heads.length > maxHeads ? g.heads : [];
  const unexplained = unexplainedHeads(g);
  return unexplained.length > 1 ? unexplained : [];
}

/**
 * The bases of `heads`, grouped into separate histories: heads that share no base descend from
 * different starting points (often the same schema created twice), and joining them runs both.
 */
function separateHistories(g: RevisionGraph, heads: string[]): string[][] {
  const baseSet = new Set(g.bases);
  const groups: Set<string>[] = [];
  for (const head of heads) {
    const bases = new Set([...ancestorsOf(g, [head])].filter((id) => baseSet.has(id)));
    const joined = groups.filter((grp) => [...bases].some((b) => grp.has(b)));
    const merged = new Set([...bases, ...joined.flatMap((grp) => [...grp])]);
    for (const grp of joined) groups.splice(groups.indexOf(grp), 1);
    groups.push(merged);
  }
  return groups.map((grp) => [...grp].sort());
}

/** Joining separate histories needs a person's yes: high confidence only within one history. */
function joinConfidence(histories: string[][]): { confidence: 'high' | 'medium'; evidence: string[] } {
  if (histories.length < 2) return { confidence: 'high', evidence: [] };
  const listed = histories.map((h) => h.map((b) => `'${b}'`).join(', ')).join(' | ');
  return { confidence: 'medium', evidence: [`joins ${histories.length} histories that start from different bases (${listed}): check that they do not create the same schema twice`] };
}

/** Adds the merge revision (deterministic id, newest Create Date of the heads) beside the first head. */
export function mergeHeads(model: RepairModel, heads: string[], taken: Set<string>, fileTemplate: string): FileChange {
  const id = freshId(`merge\0${heads.join('\0')}`, taken);
  const headFiles = heads.map((h) => model.node(h)!.file);
  const dates = headFiles.map((f) => f.docstring?.createDate?.value).filter((d): d is string => !!d).sort();
  const merge = mergeRevisionFile(id, heads, dates.at(-1), fileTemplate);
  const beside = headFiles[0]!;
  // Written with the line endings the folder's files use (CRLF checkouts stay CRLF).
  const text = beside.text.includes('\r\n') ? merge.text.replace(/\r?\n/g, '\r\n') : merge.text;
  const change = { path: path.join(path.dirname(beside.path), merge.name), file: path.join(path.dirname(beside.file), merge.name), after: text };
  const join = joinConfidence(separateHistories(model.graph(), heads));
  model.decisions.push({ code: 'merge-heads', file: change.file, line: 1, description: `new merge revision '${id}' joins heads ${heads.join(', ')}`, ...join });
  return change;
}

/** Re-parents into one line; `stored` are the version table's rows (empty without --db). */
export function linearise(model: RepairModel, stored: string[]): void {
  const g = model.graph();
  // One line would pull the labelled branches into it: they are meant to stay apart.
  if (g.labels.size && unexplainedHeads(g).length < g.heads.length) {
    throw new PgmendError('chain-invalid', 'the folder has branches named by branch labels, which one linear chain would merge into the others', undefined, 'use --strategy merge: it joins only the heads no label explains');
  }
  // Graph order for ties (and undated files): distance from the base along the longest path.
  const depth = new Map<string, number>();
  for (const id of orderedTopologically(g)) depth.set(id, Math.max(0, ...g.parentsOf.get(id)!.map((e) => depth.get(e.from)! + 1)));
  const key = (id: string) => `${chronoKey(model.node(id)!.file)}\0${String(depth.get(id)).padStart(9, '0')}`;
  const order = orderedTopologically(g, key);
  if (stored.length) {
    const applied = ancestorsOf(g, stored);
    const lastApplied = order.reduce((last, id, i) => (applied.has(id) ? i : last), -1);
    const skipped = order.slice(0, lastApplied + 1).filter((id) => !applied.has(id));
    if (skipped.length) {
      throw new PgmendError(
        'chain-invalid',
        `a linear order puts ${skipped.map((s) => `'${s}'`).join(', ')} (never applied to the database) before revisions it has applied: Alembic would take them as applied and skip them silently`,
        undefined,
        'use --strategy merge, which keeps every pending revision on a branch that upgrade still runs',
      );
    }
  }
  const join = joinConfidence(separateHistories(g, g.heads));
  order.forEach((id, i) => {
    const n = model.node(id)!;
    const want = i === 0 ? [] : [order[i - 1]!];
    if (n.down.length === want.length && n.down.every((d, k) => d === want[k])) return;
    const before = n.down;
    n.down = want;
    // A base given a parent is where separate histories are joined.
    const joinsHistories = before.length === 0 && join.confidence !== 'high';
    model.decide({
      code: 'reparent-linear',
      node: n,
      line: n.file.values.down_revision?.line,
      description: `'${id}' down_revision ${before.length ? before.map((b) => `'${b}'`).join(', ') : 'None'} → ${want.length ? `'${want[0]}'` : 'None'}`,
      confidence: joinsHistories ? join.confidence : 'high',
      evidence: [n.file.docstring?.createDate ? `Create Date ${n.file.docstring.createDate.value}` : 'graph order', ...(joinsHistories ? join.evidence : [])],
    });
  });
}
