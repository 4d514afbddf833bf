import { at, listIds } from '../context.js';
import type { Diagnosis } from '../types.js';

/** Revisions that descend from themselves: Alembic raises CycleDetected and loads nothing. */
export const cycle: Diagnosis = (ctx) => {
  const g = ctx.graph;
  if (!g.cycles.length) return [];
  // Alembic raises one error for the whole folder: the first of its two checks that fails.
  const raised = g.alembicCycle;
  const quoted = raised ? `Alembic stops with "${raised.error} is detected in revisions (${raised.revisions?.join(', ') ?? '…every revision, in the order it loads them…'})"` : 'Alembic cannot order these revisions';
  return g.cycles.map((members) => {
    const inCycle = new Set(members);
    // A cycle closed by a depends_on edge is fixed on that line.
    const viaDependency = members.find((m) => g.parentsOf.get(m)!.some((e) => e.kind === 'depends' && inCycle.has(e.from)));
    const variable = viaDependency ? 'depends_on' : 'down_revision';
    const first = viaDependency ?? members[0]!;
    return {
      code: 'cycle' as const,
      severity: 'error' as const,
      ...at(ctx.fileFor(first)!, variable),
      revision: first,
      revisions: members,
      message: `revisions ${listIds(members)} form a cycle${viaDependency ? ' through depends_on' : ''}: ${quoted}`,
      hint: viaDependency
        ? `remove from the depends_on of '${first}' the revision that descends from it`
        : "point the down_revision that was changed back at its real parent: the one whose docstring's Revises names a revision outside the cycle, else the oldest of them (pgmend chain repair proposes it)",
    };
  });
};
