import { at } from '../context.js';
import type { Diagnosis } from '../types.js';

/** Alembic's verify_rev_id rejects these: they are its own syntax (`label@head`, `-1`, `+2`, `a:b`). */
export const ILLEGAL_REVISION_CHARS = /[@\-+:]/g;

export const illegalRevisionChars: Diagnosis = (ctx) =>
  ctx.revisions
    .filter((f) => ANY_ILLEGAL.test(f.revision!))
    .map((f) => {
      const bad = [...new Set(f.revision!.match(ILLEGAL_REVISION_CHARS))];
      return {
        code: 'illegal-revision-chars' as const,
        severity: 'error' as const,
        ...at(f),
        revision: f.revision,
        message: `Alembic rejects revision '${f.revision}': "Character(s) '${bad.join(', ')}' not allowed in revision identifier"`,
        hint: 'use letters, digits and underscores (pgmend chain repair assigns a 12-hex id and updates references)',
      };
    });

/** The same characters, without the global flag's state: a test per revision, no match array. */
const ANY_ILLEGAL = new RegExp(ILLEGAL_REVISION_CHARS.source);
