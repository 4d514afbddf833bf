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
  readonly message: string;
  readonly line: number;
  readonly revisionId?: DocField;
  readonly revises?: DocField;
  readonly createDate?: DocField;
}

const LABELS = ['Revision ID:', 'Revises:', 'Create Date:'] as const;
const FIELD_START = /^(Revision ID|Revises|Create Date):/;

/**
 * `line` is the 1-based line the docstring token starts on. A field whose value is one of
 * `known` (the file's revision and down_revision) keeps that string: one copy, not two.
 */
export function readDocstring(token: PyToken, text: string, line: number, known: readonly unknown[] = []): RevisionDocstring {
  const q = token.quote ?? '"""';
  const bodyStart = token.text.indexOf(q) + q.length + token.start;
  const body = text.slice(bodyStart, token.end - q.length);
  // Each field's first line, found with indexOf: no regex match arrays, three per file.
  const field = (label: string): DocField | undefined => {
    const at = fieldAt(body, label);
    if (at < 0) return undefined;
    let start = at + label.length;
    while (isBlank(body.charCodeAt(start))) start++;
    // The end of the line by native searches: a loop over characters is slow while code is cold.
    let end = endOfLine(body, start);
    while (end > start && isBlank(body.charCodeAt(end - 1))) end--;
    let lineNo = line;
    for (let i = body.indexOf('\n'); i >= 0 && i < at; i = body.indexOf('\n', i + 1)) lineNo++;
    const value = body.slice(start, end);
    const shared = known.indexOf(value);
    return { value: shared < 0 ? ownString(value) : (known[shared] as string), line: lineNo, start: bodyStart + start, end: bodyStart + end };
  };
  return new FlatDocstring(message(body), line, field(LABELS[0]), field(LABELS[1]), field(LABELS[2]));
}

/** The first non-empty line that is not a field (Alembic's template puts the message first). */
function message(body: string): string {
  for (let from = 0, n = 0; from < body.length && n < 8; n++) {
    const nl = body.indexOf('\n', from);
    const t = body.slice(from, nl < 0 ? body.length : nl).trim();
    if (t && !FIELD_START.test(t)) return ownString(t);
    if (nl < 0) break;
    from = nl + 1;
  }
  return '';
}

/**
 * The three fields held flat, in one object per file instead of four (10,000 files keep one
 * each: fewer objects for the collector to copy); a field is built when asked.
 */
class FlatDocstring implements RevisionDocstring {
  private idValue: string | undefined;
  private idLine: number;
  private idStart: number;
  private idEnd: number;
  private revisesValue: string | undefined;
  private revisesLine: number;
  private revisesStart: number;
  private revisesEnd: number;
  private dateValue: string | undefined;
  private dateLine: number;
  private dateStart: number;
  private dateEnd: number;

  constructor(
    readonly message: string,
    readonly line: number,
    id: DocField | undefined,
    revises: DocField | undefined,
    date: DocField | undefined,
  ) {
    this.idValue = id?.value;
    this.idLine = id?.line ?? 0;
    this.idStart = id?.start ?? 0;
    this.idEnd = id?.end ?? 0;
    this.revisesValue = revises?.value;
    this.revisesLine = revises?.line ?? 0;
    this.revisesStart = revises?.start ?? 0;
    this.revisesEnd = revises?.end ?? 0;
    this.dateValue = date?.value;
    this.dateLine = date?.line ?? 0;
    this.dateStart = date?.start ?? 0;
    this.dateEnd = date?.end ?? 0;
  }

  get revisionId(): DocField | undefined {
    return this.idValue === undefined ? undefined : { value: this.idValue, line: this.idLine, start: this.idStart, end: this.idEnd };
  }

  get revises(): DocField | undefined {
    return this.revisesValue === undefined ? undefined : { value: this.revisesValue, line: this.revisesLine, start: this.revisesStart, end: this.revisesEnd };
  }

  get createDate(): DocField | undefined {
    return this.dateValue === undefined ? undefined : { value: this.dateValue, line: this.dateLine, start: this.dateStart, end: this.dateEnd };
  }
}

const isBlank = (c: number) => c === 32 || c === 9; // space, tab

/** Where the line holding `from` ends: at LF, at CR, or at the end of the text. */
function endOfLine(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  const end = lf < 0 ? text.length : lf;
  return cr >= 0 && cr < end ? cr : end;
}

/** Where `label` first starts a line (after spaces or tabs; a lone CR ends a line too), or -1. */
function fieldAt(body: string, label: string): number {
  for (let at = body.indexOf(label); at >= 0; at = body.indexOf(label, at + 1)) {
    let k = at;
    while (k > 0 && isBlank(body.charCodeAt(k - 1))) k--;
    if (k === 0 || body.charCodeAt(k - 1) === 10 || body.charCodeAt(k - 1) === 13) return at;
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
