import { listIds } from '../context.js';
import { parseRevises } from '../read/docstring.js';
import type { RevisionFile } from '../read/revision-file.js';
import type { Diagnosis } from '../types.js';

/** The docstring's Revises line disagrees with down_revision: Alembic follows the variable; readers follow the docstring. */
export const docstringRevisesMismatch: Diagnosis = (ctx) =>
  ctx.revisions.filter(revisesDiffers).map((f) => {
    const revises = f.docstring!.revises!;
    return {
      code: 'docstring-revises-mismatch' as const,
      severity: 'warning' as const,
      file: f.file,
      line: revises.line,
      revision: f.revision,
      message: `the docstring says Revises: ${revises.value || '(nothing)'} but down_revision is ${f.downRevisions.length ? listIds(f.downRevisions) : 'None'}: Alembic follows down_revision, so the docstring misleads whoever reads it`,
      hint: 'update the Revises line to match down_revision (pgmend chain repair does), or fix down_revision if the docstring is right',
    };
  });

function revisesDiffers(f: RevisionFile): boolean {
  const revises = f.docstring?.revises;
  if (!revises || !f.values.down_revision?.literal) return false;
  // The usual line names the one parent exactly: nothing to split.
  if (f.downRevisions.length === 1 && revises.value === f.downRevisions[0]) return false;
  const doc = parseRevises(revises.value);
  return doc.length !== f.downRevisions.length || !doc.every((d) => f.downRevisions.includes(d));
}
