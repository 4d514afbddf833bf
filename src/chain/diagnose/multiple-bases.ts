import { at, listIds } from '../context.js';
import type { Diagnosis } from '../types.js';

/** Several revisions with down_revision None: several independent histories, often one set to None by mistake. */
export const multipleBases: Diagnosis = (ctx) => {
  const bases = ctx.graph.bases;
  if (ctx.unreadable) return [];
  if (bases.length < 2) return [];
  return [
    {
      code: 'multiple-bases',
      severity: ctx.graph.labels.size ? 'info' : 'warning',
      ...at(ctx.fileFor(bases[1]!)!, 'down_revision'),
      revisions: bases,
      message: `${bases.length} bases (${listIds(bases)}): each starts its own history, and \`alembic downgrade base\` walks them all`,
      hint: ctx.graph.labels.size
        ? 'nothing to do if the independent branches are intended'
        : ctx.graph.heads.length > 1
          ? 'set the down_revision of the revision that was meant to follow another (pgmend chain repair joins the separate heads)'
          : 'they meet at a merge revision, so Alembic runs them all; if one was meant to follow another, set its down_revision to that id',
    },
  ];
};
