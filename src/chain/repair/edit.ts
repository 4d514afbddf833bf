/**
 * Minimal text edits: only the value of a changed variable and the docstring's Revision ID /
 * Revises values are replaced; every other byte of the file stays as it was.
 */
import { PgmendError } from '../../errors.js';
import { parseRevises } from '../read/docstring.js';
import type { PyAssignment } from '../read/python-values.js';
import type { ModelNode } from './model.js';

interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export function editedText(n: ModelNode): string {
  const f = n.file;
  const edits: TextEdit[] = [];
  const q = f.values.revision?.quote ?? f.values.down_revision?.quote ?? "'";
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (n.id !== f.revision && f.values.revision) edits.push(replace(f.values.revision, pyString(n.id, q)));
  if (!same(n.down, f.downRevisions) && f.values.down_revision) edits.push(replace(f.values.down_revision, pyIds(n.down, q)));
  if (n.addDownRevision && f.values.revision) edits.push(lineAfter(f.text, f.values.revision.end, `down_revision = ${pyIds(n.down, q)}`));
  if (!same(n.deps, f.dependsOn) && f.values.depends_on) edits.push(replace(f.values.depends_on, pyIds(n.deps, q)));
  const doc = f.docstring;
  if (doc?.revisionId && doc.revisionId.value !== n.id) edits.push({ ...doc.revisionId, text: n.id });
  if (doc?.revises && !same([...parseRevises(doc.revises.value)].sort(), [...n.down].sort())) edits.push({ ...doc.revises, text: n.down.join(', ') });
  let out = f.text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function replace(a: PyAssignment, text: string): TextEdit {
  // `branch_labels = depends_on = None`: the value is both names', so it cannot change for one.
  if (a.shared) throw new PgmendError('chain-invalid', `cannot change ${a.name} on line ${a.line}: a chained assignment gives its value to other names too`, undefined, `write ${a.name} = … on a line of its own, then repair again`);
  return { start: a.start, end: a.end, text };
}

/** `line` inserted after the line holding `offset`, in the file's own line ending. */
function lineAfter(text: string, offset: number, line: string): TextEdit {
  const eol = text.indexOf('\n', offset);
  const ending = text[eol - 1] === '\r' ? '\r\n' : '\n';
  return eol < 0 ? { start: text.length, end: text.length, text: `${ending}${line}` } : { start: eol + 1, end: eol + 1, text: `${line}${ending}` };
}

export function pyString(s: string, quote: string): string {
  const q = quote.length === 3 ? quote[0]! : quote;
  return `${q}${s.replaceAll('\\', '\\\\').replaceAll(q, `\\${q}`)}${q}`;
}

/** None, 'a', or ('a', 'b'): what Alembic's template writes for down_revision. */
export function pyIds(ids: string[], quote: string): string {
  if (!ids.length) return 'None';
  if (ids.length === 1) return pyString(ids[0]!, quote);
  return `(${ids.map((i) => pyString(i, quote)).join(', ')})`;
}
