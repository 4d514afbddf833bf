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
  // One head without a label is the main line beside labelled branches: `head` is ambiguous, but
  // `heads` and `label@head` reach every one, as intended. Two or more are branches by mistake.
  const unexplained = unexplainedHeads(ctx.graph);
  const mistaken = unexplained.length > 1;
  const severity: ChainProblem['severity'] =
    max !== undefined ? (heads.length > max ? 'error' : mistaken ? 'warning' : 'info') : mistaken ? 'error' : 'info';
  const where = ctx.fileFor((mistaken ? unexplained[0] : undefined) ?? heads[0]!)!;
  const why = mistaken
    ? `\`alembic upgrade head\` stops with "Multiple head revisions are present"`
    : unexplained.length
      ? 'the labelled branches are reached with `label@head`, the main line beside them with `alembic upgrade heads`'
      : 'each is named by a branch label, so `label@head` reaches it';
  return [
    {
      code: 'multiple-heads',
      severity,
      ...at(where),
      revisions: heads,
      message: `${heads.length} head${heads.length === 1 ? '' : 's'} (${listIds(heads)})${max !== undefined ? `, at most ${max} allowed` : ''}: ${why}`,
      hint: mistaken || (max !== undefined && heads.length > max)
        ? 'merge them (pgmend chain repair --strategy merge, like `alembic merge heads`) or re-parent them into one line (--strategy linear)'
        : 'nothing to do if the branches are intended',
    },
  ];
};
