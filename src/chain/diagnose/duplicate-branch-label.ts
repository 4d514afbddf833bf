import { at } from '../context.js';
import type { Diagnosis } from '../types.js';

/** Alembic raises "Branch name 'x' in revision A already used by revision B". */
export const duplicateBranchLabel: Diagnosis = (ctx) =>
  ctx.graph.labelConflicts.map((c) => ({
    code: 'duplicate-branch-label' as const,
    severity: 'error' as const,
    ...at(ctx.fileFor(c.revision)!, 'branch_labels'),
    revision: c.revision,
    message: `branch label '${c.label}' of revision '${c.revision}' is already used by revision '${c.owner}': Alembic stops loading the chain`,
    hint: 'rename one of the labels (labels share one namespace with revision ids)',
  }));
