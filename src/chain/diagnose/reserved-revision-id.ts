import { at } from '../context.js';
import type { Diagnosis } from '../types.js';

/**
 * `base`, `head` and `heads` are Alembic's own words in every revision argument (`alembic
 * downgrade base`, `upgrade head`): a revision with one of them as its id cannot be named
 * (`alembic history` even fails on `base`). Alembic loads it, so this is a warning. An empty id
 * is worse: Alembic lists it as a head, but every command reads '' as the base, so `upgrade
 * head` never runs it (Alembic 1.8 drops the version table instead): an error.
 */
const RESERVED = new Set(['base', 'head', 'heads', '']);

export const reservedRevisionId: Diagnosis = (ctx) =>
  ctx.revisions
    .filter((f) => RESERVED.has(f.revision!))
    .map((f) =>
      f.revision
        ? {
            code: 'reserved-revision-id' as const,
            severity: 'warning' as const,
            ...at(f),
            revision: f.revision,
            message: `revision '${f.revision}' has a name Alembic gives its own meaning in every revision argument: commands cannot name this revision (\`alembic history\` fails on 'base')`,
            hint: 'give it another id, and update the down_revision values that name it',
          }
        : {
            code: 'reserved-revision-id' as const,
            severity: 'error' as const,
            ...at(f),
            revision: f.revision,
            message: "revision = '' is an empty id: Alembic lists it as a head but reads '' as the base in every command, so `alembic upgrade head` never runs this revision",
            hint: 'give it an id (pgmend chain repair gives it a fresh 12-hex id), and update the down_revision values that name it',
          },
    );
