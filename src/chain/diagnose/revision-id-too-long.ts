import { at } from '../context.js';
import type { Diagnosis } from '../types.js';

/** alembic_version.version_num is VARCHAR(32). */
export const MAX_REVISION_ID_LENGTH = 32;

export const revisionIdTooLong: Diagnosis = (ctx) =>
  ctx.revisions
    .filter((f) => f.revision!.length > MAX_REVISION_ID_LENGTH)
    .map((f) => ({
      code: 'revision-id-too-long' as const,
      severity: 'error' as const,
      ...at(f),
      revision: f.revision,
      message: `revision id '${f.revision}' is ${f.revision!.length} characters: alembic_version.version_num holds ${MAX_REVISION_ID_LENGTH}, so \`upgrade\` fails storing it ("value too long")`,
      hint: 'use an id of at most 32 characters (pgmend chain repair assigns a 12-hex id and updates references)',
    }));
