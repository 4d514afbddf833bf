import { at } from '../context.js';
import type { Diagnosis } from '../types.js';

/** down_revision (or depends_on) equal to the revision itself: Alembic raises LoopDetected. */
export const selfLoop: Diagnosis = (ctx) => {
  // The graph found none among the files it keeps per id: with one file per id, there is none.
  if (!ctx.graph.selfLoops.length && ctx.filesById.size === ctx.revisions.length) return [];
  return ctx.revisions
    .filter((f) => f.downRevisions.includes(f.revision!) || f.dependsOn.includes(f.revision!))
    .map((f) => {
      const dependency = !f.downRevisions.includes(f.revision!);
      return {
        code: 'self-loop' as const,
        severity: 'error' as const,
        ...at(f, dependency ? 'depends_on' : 'down_revision'),
        revision: f.revision,
        message: `revision '${f.revision}' names itself in ${dependency ? 'depends_on' : 'down_revision'}: Alembic stops with "${dependency ? 'Dependency self-loop' : 'Self-loop'} is detected in revisions (${f.revision})"`,
        hint: `point ${dependency ? 'depends_on' : 'down_revision'} at the real parent (often the docstring's Revises line)`,
      };
    });
};
