import { at } from '../context.js';
import type { RevisionFile } from '../read/revision-file.js';
import type { ChainProblem, Diagnosis } from '../types.js';

/**
 * down_revision (or depends_on) equal to the revision itself: Alembic raises LoopDetected. A
 * depends_on naming the revision's own branch label is caught later, as a dependency cycle.
 */
export const selfLoop: Diagnosis = (ctx) => {
  // The graph found none among the files it keeps per id: with one file per id, there is none.
  if (!ctx.graph.selfLoops.length && ctx.graph.count === ctx.revisions.length) return [];
  return ctx.revisions.flatMap((f): ChainProblem[] => {
    if (f.downRevisions.includes(f.revision!) || f.dependsOn.includes(f.revision!)) return [namesItself(f)];
    const label = f.dependsOn.find((d) => f.branchLabels.includes(d));
    if (label === undefined) return [];
    return [
      {
        code: 'self-loop',
        severity: 'error',
        ...at(f, 'depends_on'),
        revision: f.revision,
        message: `revision '${f.revision}' depends on its own branch label '${label}': Alembic stops with "Dependency cycle is detected in revisions (…)", naming every revision`,
        hint: `remove '${label}' from depends_on (a revision needs no dependency on itself)`,
      },
    ];
  });
};

function namesItself(f: RevisionFile): ChainProblem {
  const dependency = !f.downRevisions.includes(f.revision!);
  return {
    code: 'self-loop',
    severity: 'error',
    ...at(f, dependency ? 'depends_on' : 'down_revision'),
    revision: f.revision,
    message: `revision '${f.revision}' names itself in ${dependency ? 'depends_on' : 'down_revision'}: Alembic stops with "${dependency ? 'Dependency self-loop' : 'Self-loop'} is detected in revisions (${f.revision})"`,
    hint: `point ${dependency ? 'depends_on' : 'down_revision'} at the real parent (often the docstring's Revises line)`,
  };
}
