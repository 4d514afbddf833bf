import { at, chronoKey } from '../context.js';
import type { RevisionFile } from '../read/revision-file.js';
import type { Diagnosis } from '../types.js';

/** Files of one id, oldest first: by Create Date, then file-name date, then path. */
export function oldestFirst(files: RevisionFile[]): RevisionFile[] {
  return [...files].sort((a, b) => (chronoKey(a) < chronoKey(b) ? -1 : chronoKey(a) > chronoKey(b) ? 1 : namedByItsMessage(b) - namedByItsMessage(a) || (a.path < b.path ? -1 : 1)));
}

/**
 * 1 when the file name's slug is its docstring's message, as `alembic revision -m` wrote it:
 * with equal dates, a copy saved under another name (`…_dup_extra.py`) is the later file.
 */
export function namedByItsMessage(f: RevisionFile): number {
  const message = f.docstring?.message.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return message && f.stem.toLowerCase().includes(message.slice(0, 40)) ? 1 : 0;
}

/** Alembic warns "Revision X is present more than once" and keeps one file, silently dropping the other. */
export const duplicateRevision: Diagnosis = (ctx) => {
  if (ctx.graph.count === ctx.revisions.length) return []; // one file per id: nothing to walk
  return [...ctx.filesById].flatMap(([id, files]) => {
    if (files.length < 2) return [];
    const [first, ...later] = oldestFirst(files);
    return later.map((f) => ({
      code: 'duplicate-revision' as const,
      severity: 'error' as const,
      ...at(f),
      revision: id,
      revisions: files.map((x) => x.file).sort(),
      message: `revision '${id}' is also declared in ${first!.file}: Alembic keeps only one of the two files and never runs the other's migration`,
      hint: 'give the later file a new id and point its children at it (pgmend chain repair does; a later file with the same code and Create Date is a copy, and repair deletes it)',
    }));
  });
};
