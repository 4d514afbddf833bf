import { at } from '../context.js';
import type { Diagnosis } from '../types.js';

/** Alembic's verify_rev_id rejects these: they are its own syntax (`label@head`, `-1`, `+2`, `a:b`). */
export const ILLEGAL_REVISION_CHARS = /[@\-+:]/g;

export const illegalRevisionChars: Diagnosis = (ctx) =>
  ctx.revisions.flatMap((f) => {
    const found = f.revision!.match(ILLEGAL_REVISION_CHARS);
    if (!found) return [];
    const bad = [...new Set(found)];
    return [
      {
        code: 'illegal-revision-chars' as const,
        severity: 'error' as const,
        ...at(f),
        revision: f.revision,
        message: `Alembic rejects revision '${f.revision}': "Character(s) '${bad.join(', ')}' not allowed in revision identifier"`,
        hint: 'use letters, digits and underscores (pgmend chain repair assigns a 12-hex id and updates references)',
      },
    ];
  });
