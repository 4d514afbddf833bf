import { at } from '../context.js';
import type { Diagnosis } from '../types.js';

/**
 * A revision with no `down_revision` at all: Alembic reads `module.down_revision` for every
 * revision it loads, so the whole folder fails with AttributeError (`None` is what a base says).
 */
export const missingDownRevision: Diagnosis = (ctx) =>
  ctx.revisions
    .filter((f) => f.values.revision && !f.values.down_revision)
    .map((f) => {
      const revises = f.docstring?.revises?.value;
      return {
        code: 'missing-down-revision' as const,
        severity: 'error' as const,
        ...at(f),
        revision: f.revision,
        message: `revision '${f.revision}' has no down_revision variable: Alembic stops loading the folder with "AttributeError: module … has no attribute 'down_revision'"`,
        hint: `add down_revision = None for a base, or its parent's id${revises ? ` (the docstring says Revises: ${revises})` : ''}; pgmend chain repair adds it`,
      };
    });
