import { REVISION_VARIABLES, isNonLiteral } from '../read/revision-file.js';
import type { Diagnosis } from '../types.js';

/**
 * A chain variable pgmend cannot read without running Python: reported, never guessed. A
 * `revision` or `down_revision` breaks the chain there (an error: heads and bases are not
 * checked); `branch_labels` (a constant, as OpenStack projects write them) or `depends_on` only
 * hides labels or dependencies from the checks (a warning: Alembic itself loads it fine).
 */
export const nonLiteralValue: Diagnosis = (ctx) => {
  if (!ctx.nonLiteral) return []; // exactly "some file has one": no second walk otherwise
  return ctx.folder.files.flatMap((f) =>
    REVISION_VARIABLES.filter((v) => isNonLiteral(f.values[v])).map((v) => {
      const breaks = v === 'revision' || v === 'down_revision';
      const what = breaks
        ? `pgmend cannot follow the chain through this file${v === 'revision' ? ' and leaves it out of the graph' : ''}, so heads and bases are not checked`
        : v === 'branch_labels'
          ? 'pgmend takes the revision as labelled but cannot read all its labels (to check clashes and resolve references)'
          : 'pgmend cannot check these dependencies';
      return {
        code: 'non-literal-value' as const,
        severity: breaks ? ('error' as const) : ('warning' as const),
        file: f.file,
        line: f.values[v]!.line,
        revision: f.revision,
        message: `${v} = ${f.values[v]!.source.split('\n')[0]} is not a literal: ${what}`,
        hint: `write ${v} as a string${v === 'revision' ? '' : ', a tuple of strings or None'}`,
      };
    }),
  );
};
