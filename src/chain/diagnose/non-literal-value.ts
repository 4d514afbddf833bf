import { REVISION_VARIABLES, isNonLiteral } from '../read/revision-file.js';
import type { Diagnosis } from '../types.js';

/** A chain variable pgmend cannot read without running Python: reported, never guessed. */
export const nonLiteralValue: Diagnosis = (ctx) => {
  if (!ctx.unreadable) return []; // `unreadable` is exactly "some file has one": no second walk
  return ctx.folder.files.flatMap((f) =>
    REVISION_VARIABLES.filter((v) => isNonLiteral(f.values[v])).map((v) => ({
      code: 'non-literal-value' as const,
      severity: 'error' as const,
      file: f.file,
      line: f.values[v]!.line,
      revision: f.revision,
      message: `${v} = ${f.values[v]!.source.split('\n')[0]} is not a literal: pgmend cannot follow the chain through this file${v === 'revision' ? ' and leaves it out of the graph' : ''}, so heads and bases are not checked`,
      hint: `write ${v} as a string${v === 'revision' ? '' : ', a tuple of strings or None'}`,
    })),
  );
};
