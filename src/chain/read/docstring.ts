/**
 * The docstring Alembic's template writes: a message, then `Revision ID:`, `Revises:` and
 * `Create Date:` lines. Alembic never reads it back (display only), so it drifts from the
 * variables; pgmend reads it as evidence and keeps it in step when it repairs.
 */
import { ownString } from './own-string.js';
import type { PyToken } from './python-tokens.js';

export interface DocField {
  value: string;
  line: number;
  /** Offsets of the value in the file text (what a repair replaces). */
  start: number;
  end: number;
}

export interface RevisionDocstring {
  message: string;
  line: number;
  revisionId?: DocField;
  revises?: DocField;
  createDate?: DocField;
}

const LABELS = ['Revision ID:', 'Revises:', 'Create Date:'] as const;
const KEYS = ['revisionId', 'revises', 'createDate'] as const;
const FIELD_START = /^(Revision ID|Revises|Create Date):/;

/** `line` is the 1-based line the docstring token starts on. */
export function readDocstring(token: PyToken, text: string, line: number): RevisionDocstring {
  const q = token.quote ?? '"""';
  const bodyStart = token.text.indexOf(q) + q.length + token.start;
  const body = text.slice(bodyStart, token.end - q.length);
  // Every field in the literal: added later, they would each cost the object a separate store.
  const doc: RevisionDocstring = { message: '', line, revisionId: undefined, revises: undefined, createDate: undefined };
  // Each field's first line, found with indexOf: no regex match arrays, three per file (and no
  // for-of, whose iterator allocates per step while the code is cold).
  for (let k = 0; k < LABELS.length; k++) {
    const label = LABELS[k]!;
    const at = fieldAt(body, label);
    if (at < 0) continue;
    let start = at + label.length;
    while (body[start] === ' ' || body[start] === '\t') start++;
    let end = start;
    while (end < body.length && body[end] !== '\n' && body[end] !== '\r') end++;
    while (end > start && (body[end - 1] === ' ' || body[end - 1] === '\t')) end--;
    let lineNo = line;
    for (let i = body.indexOf('\n'); i >= 0 && i < at; i = body.indexOf('\n', i + 1)) lineNo++;
    doc[KEYS[k]!] = { value: ownString(body.slice(start, end)), line: lineNo, start: bodyStart + start, end: bodyStart + end };
  }
  // The message: the first non-empty line that is not a field (Alembic's template puts it first).
  for (let from = 0, n = 0; from < body.length && n < 8; n++) {
    const nl = body.indexOf('\n', from);
    const t = body.slice(from, nl < 0 ? body.length : nl).trim();
    if (t && !FIELD_START.test(t)) {
      doc.message = ownString(t);
      break;
    }
    if (nl < 0) break;
    from = nl + 1;
  }
  return doc;
}

/** Where `label` first starts a line (after spaces or tabs; a lone CR ends a line too), or -1. */
function fieldAt(body: string, label: string): number {
  for (let at = body.indexOf(label); at >= 0; at = body.indexOf(label, at + 1)) {
    let k = at;
    while (k > 0 && (body[k - 1] === ' ' || body[k - 1] === '\t')) k--;
    if (k === 0 || body[k - 1] === '\n' || body[k - 1] === '\r') return at;
  }
  return -1;
}

/** `Revises:` as ids: comma or space separated; empty, `None` and `(none)` mean a base. */
export function parseRevises(value: string | undefined): string[] {
  if (value === undefined) return [];
  return (value.match(REVISES_ID) ?? []).filter((s) => s.length !== 4 || s.toLowerCase() !== 'none'); // `None`, `(none)`
}

/** What lies between separators (a native match, where split runs in the slower runtime). */
const REVISES_ID = /[^\s,()'"]+/g;

/** A Create Date as a sortable key, or undefined when it does not parse. */
export function dateKey(value: string | undefined): string | undefined {
  const m = value && /(\d{4})-(\d{2})-(\d{2})[ T]?(\d{2})?:?(\d{2})?:?(\d{2})?(\.\d+)?/.exec(value);
  if (!m) return undefined;
  return `${m[1]}${m[2]}${m[3]}${m[4] ?? '00'}${m[5] ?? '00'}${m[6] ?? '00'}${(m[7] ?? '.0').slice(1).padEnd(6, '0')}`;
}
