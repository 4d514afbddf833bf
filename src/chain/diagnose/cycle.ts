import { at, listIds } from '../context.js';
import type { Diagnosis } from '../types.js';

/** Revisions that descend from themselves: Alembic raises CycleDetected and loads nothing. */
export const cycle: Diagnosis = (ctx) =>
  ctx.graph.cycles.map((members) => {
    const alembicSet = ctx.graph.alembicCycleSet;
    return {
      code: 'cycle' as const,
      severity: 'error' as const,
      ...at(ctx.fileFor(members[0]!)!, 'down_revision'),
      revision: members[0],
      revisions: members,
      message: `revisions ${listIds(members)} form a cycle: Alembic stops with "Cycle is detected in revisions (${alembicSet.join(', ')})"`,
      hint: 'point the down_revision of the oldest of them at its real parent (pgmend chain repair proposes one)',
    };
  });
