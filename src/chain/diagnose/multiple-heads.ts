import { at, listIds } from '../context.js';
import { unexplainedHeads } from '../graph.js';
import type { ChainProblem, Diagnosis } from '../types.js';

/**
 * Several heads make `alembic upgrade head` fail ("Multiple head revisions are present"). Branch
 * labels that name each head make them deliberate; --max-heads turns any excess into an error.
 */
export const multipleHeads: Diagnosis = (ctx) => {
  const heads = ctx.graph.heads;
  const max = ctx.options.maxHeads;
  if (ctx.unreadable) return [];
  if (heads.length < 2 && (max === undefined || heads.length <= max)) return [];
  const unexplained = unexplainedHeads(ctx.graph);
  const severity: ChainProblem['severity'] =
    max !== undefined ? (heads.length > max ? 'error' : unexplained.length ? 'warning' : 'info') : unexplained.length ? 'error' : 'info';
  const where = ctx.fileFor(unexplained[0] ?? heads[0]!)!;
  const why = unexplained.length
    ? `\`alembic upgrade head\` stops with "Multiple head revisions are present"`
    : 'each is named by a branch label, so `label@head` reaches it';
  return [
    {
      code: 'multiple-heads',
      severity,
      ...at(where),
      revisions: heads,
      message: `${heads.length} heads (${listIds(heads)})${max !== undefined ? `, at most ${max} allowed` : ''}: ${why}`,
      hint: unexplained.length || (max !== undefined && heads.length > max)
        ? 'merge them (pgmend chain repair --strategy merge, like `alembic merge heads`) or re-parent them into one line (--strategy linear)'
        : 'nothing to do if the branches are intended',
    },
  ];
};
