import type { Diagnosis } from '../types.js';

/** Python reads source as UTF-8 unless the file declares another encoding; Alembic then cannot import it. */
export const undecodableFile: Diagnosis = (ctx) =>
  ctx.folder.undecodable.map((file) => ({
    code: 'undecodable-file' as const,
    severity: 'error' as const,
    file,
    line: 1,
    message: 'not valid UTF-8 and no coding declaration: Python refuses to import it (a SyntaxError about its encoding), so Alembic stops loading the folder',
    hint: 'save the file as UTF-8, or declare its encoding on the first line (# -*- coding: latin-1 -*-)',
  }));
