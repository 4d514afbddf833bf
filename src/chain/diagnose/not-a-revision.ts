import type { Diagnosis } from '../types.js';

/**
 * Alembic imports every .py file of a version location; one without a `revision` variable (and
 * no hex file name) stops it: "Could not determine revision id from filename".
 */
export const notARevision: Diagnosis = (ctx) => [
  ...ctx.folder.files
    .filter((f) => f.notRevision)
    .map((f) => ({
      code: 'not-a-revision' as const,
      severity: 'error' as const,
      file: f.file,
      line: 1,
      message: `not a revision (${f.notRevision}): Alembic imports every .py file here and stops with "Could not determine revision id from filename ${f.stem}.py"`,
      hint: 'move it out of the version location, or rename it to start with __init__ if it must stay',
    })),
  // Alembic loads them (sourceless = true): the chain pgmend sees lacks them, its heads may be wrong.
  ...ctx.folder.skipped.map((s) => ({
    code: 'not-a-revision' as const,
    severity: 'warning' as const,
    file: s.file,
    line: 1,
    message: `skipped: ${s.reason}; Alembic loads it, so the heads and bases shown may not be Alembic's`,
    hint: 'keep the source file beside it, or remove the stale compiled file',
  })),
];
