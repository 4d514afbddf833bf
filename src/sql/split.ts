import { byteToCharMapper, type SourceLocation, type SourceText } from '../source.js';
import { findMetaLines, QUERY_TERMINATORS } from './meta-commands.js';
import { COMMENT, type Lexed } from './lexer.js';
import { nodeType, parseSql, type Node } from './parser.js';
import { lexedSpan, lexTokens, type LexedSpan } from './tokens.js';

/** One SQL statement exactly as the user wrote it (without its terminating `;`). */
export interface SqlStatement {
  kind: 'statement';
  source: SourceText;
  /** Character offsets of the statement in `source.text`. */
  start: number;
  end: number;
  text: string;
  location: SourceLocation;
  /** Comments between the previous statement and this one, verbatim. */
  leadingComment?: string;
  /** Its tokens within its file's (so rules need not lex it again). */
  lexed?: LexedSpan;
  /** The parsed statement, e.g. `{ CreateStmt: {...} }`; absent when Postgres rejects it. */
  node?: Node;
  nodeType?: string;
  error?: { message: string; location: SourceLocation };
}

/** A psql meta-command line such as `\i other.sql` or `\set ON_ERROR_STOP on`. */
export interface MetaCommand {
  kind: 'meta';
  source: SourceText;
  start: number;
  end: number;
  text: string;
  /** The command without its backslash: `i`, `ir`, `set`, `connect`, … */
  name: string;
  args: string;
  location: SourceLocation;
}

export type SqlItem = SqlStatement | MetaCommand;

/**
 * Splits `source.text[from, to)` into statements and psql meta-commands, in source order.
 * The Postgres parser finds the statement boundaries (so `;` inside dollar quotes,
 * comments, identifiers and BEGIN ATOMIC bodies is handled as Postgres handles it); when a
 * statement does not parse, the scanner's `;` tokens bound it so its neighbours still parse.
 * `blank` spans (absolute offsets) are read as spaces. Requires `ensureParser()`.
 */
export function splitSql(source: SourceText, from = 0, to = source.text.length, blank: Array<[number, number]> = []): SqlItem[] {
  const metas = findMetaLines(source.text, from, to);
  const items: SqlItem[] = metas.map((m) => metaCommand(source, m.start, m.end));
  let segment = source.text.slice(from, to);
  // Blanked, not cut: every offset (and so every file:line:col) stays as in the file. A command
  // that sends the query (`\gexec`) ends its statement: it becomes `;`.
  const ends = new Set(items.filter((m) => m.kind === 'meta' && QUERY_TERMINATORS.has(m.name)).map((m) => m.start));
  for (const [start, end] of [...metas.map((m): [number, number] => [m.start, m.end]), ...blank]) {
    const a = Math.max(start, from) - from;
    const b = Math.min(end, to) - from;
    if (b > a) segment = segment.slice(0, a) + (ends.has(start) ? ';' : ' ') + ' '.repeat(b - a - 1) + segment.slice(b);
  }
  for (const item of splitStatements(source, segment, from)) items.push(item); // no spread: 100,000+ statements overflow the stack
  return items.sort((a, b) => a.start - b.start);
}

function metaCommand(source: SourceText, start: number, end: number): MetaCommand {
  const text = source.text.slice(start, end).trimEnd();
  const m = /^\\(\S*)\s*(.*)$/s.exec(text)!;
  return { kind: 'meta', source, start, end, text, name: m[1]!, args: m[2]!.trim(), location: source.locate(start) };
}

interface Span {
  start: number; // char offsets within the segment
  end: number;
  node?: Node;
  error?: { message: string; at: number };
}

function splitStatements(source: SourceText, segment: string, offset: number): SqlStatement[] {
  let tokens: Lexed;
  try {
    tokens = lexTokens(segment);
  } catch (e) {
    // Unterminated quote, dollar quote or comment: nothing after it can be bounded.
    return unscannable(source, segment, offset, e);
  }
  const { count, data } = tokens;
  let spans: Span[];
  try {
    const toChar = byteToCharMapper(segment);
    spans = (parseSql(segment).stmts ?? []).map((s) => {
      const start = toChar(s.stmt_location ?? 0);
      const end = s.stmt_len ? toChar((s.stmt_location ?? 0) + s.stmt_len) : segment.length;
      return { start, end, node: s.stmt };
    });
  } catch {
    spans = splitAtSemicolons(segment, tokens);
  }
  const out: SqlStatement[] = [];
  // One pass over the tokens (a pg_dump file has hundreds of thousands): `next` is the first
  // token after the previous statement, so comments from there to a statement lead it.
  let next = 0;
  for (const span of spans) {
    let first = -1;
    let last = -1;
    let q = next;
    for (; q < count && data[3 * q + 1]! <= span.end; q++) {
      if (data[3 * q]! >= span.start && data[3 * q + 2] !== COMMENT) {
        if (first < 0) first = q;
        last = q;
      }
    }
    if (first < 0) continue; // empty statement (`;;`) or only comments: they lead the next one
    let firstComment = -1;
    let lastComment = -1;
    for (let k = next; k < first; k++) {
      if (data[3 * k + 2] !== COMMENT) continue;
      // `…; -- note` on the previous statement's line describes that statement, not this one.
      if (firstComment < 0 && k > 0 && data[3 * (k - 1) + 2] !== COMMENT && !segment.slice(data[3 * (k - 1) + 1]!, data[3 * k]!).includes('\n')) continue;
      if (firstComment < 0) firstComment = k;
      lastComment = k;
    }
    next = q;
    const start = data[3 * first]!;
    const end = data[3 * last + 1]!;
    const stmt: SqlStatement = {
      kind: 'statement',
      source,
      start: offset + start,
      end: offset + end,
      text: segment.slice(start, end),
      location: source.locate(offset + start),
    };
    stmt.lexed = lexedSpan(tokens, first, last, start);
    if (firstComment >= 0) stmt.leadingComment = segment.slice(data[3 * firstComment]!, data[3 * lastComment + 1]!);
    if (span.node) {
      stmt.node = span.node;
      stmt.nodeType = nodeType(span.node);
    }
    if (span.error) stmt.error = { message: span.error.message, location: source.locate(offset + span.start + span.error.at) };
    out.push(stmt);
  }
  return out;
}

/** Fallback when the whole segment does not parse: bound statements by `;` tokens. */
function splitAtSemicolons(segment: string, { count, data }: Lexed): Span[] {
  const bounds: Array<[number, number]> = [];
  let start = 0;
  for (let q = 0; q < count; q++) {
    const [a, b] = [data[3 * q]!, data[3 * q + 1]!];
    if (b === a + 1 && segment.charCodeAt(a) === 59 /* ; */) {
      bounds.push([start, a]);
      start = b;
    }
  }
  bounds.push([start, segment.length]);
  const atomic = atomicWords(segment, count, data);
  const spans: Span[] = [];
  for (let i = 0; i < bounds.length; i++) {
    const [a, b] = bounds[i]!;
    const first = parseOne(segment.slice(a, b));
    if (!('error' in first) || !atomic.some((at) => at >= a && at < b)) {
      spans.push({ start: a, end: b, ...first });
      continue;
    }
    // A BEGIN ATOMIC body holds `;`: widen the span until the statement parses.
    let j = i + 1;
    let widened: ReturnType<typeof parseOne> = first;
    for (; j < bounds.length && j < i + 200; j++) {
      widened = parseOne(segment.slice(a, bounds[j]![1]));
      if (!('error' in widened)) break;
    }
    if ('error' in widened) spans.push({ start: a, end: b, ...first });
    else {
      spans.push({ start: a, end: bounds[j]![1], ...widened });
      i = j;
    }
  }
  return spans;
}

/** Offsets of the `ATOMIC` tokens (of BEGIN ATOMIC bodies). */
function atomicWords(segment: string, count: number, data: Int32Array): number[] {
  const out: number[] = [];
  for (let q = 0; q < count; q++) {
    const a = data[3 * q]!;
    if (data[3 * q + 1]! - a === 6 && segment.slice(a, a + 6).toUpperCase() === 'ATOMIC') out.push(a);
  }
  return out;
}

function parseOne(sql: string): { node?: Node } | { error: { message: string; at: number } } {
  try {
    const stmts = parseSql(sql).stmts ?? [];
    return stmts.length ? { node: stmts[0]!.stmt } : {};
  } catch (e) {
    const err = e as Error & { sqlDetails?: { cursorPosition?: number } };
    // libpg-query reports a 0-based byte offset (Postgres's own cursorpos is 1-based).
    const at = byteToCharMapper(sql)(err.sqlDetails?.cursorPosition ?? 0);
    return { error: { message: err.message, at } };
  }
}

function unscannable(source: SourceText, segment: string, offset: number, e: unknown): SqlStatement[] {
  const first = segment.search(/\S/);
  if (first === -1) return [];
  const parsed = parseOne(segment);
  const message = 'error' in parsed ? parsed.error.message : String((e as Error).message);
  const at = 'error' in parsed ? parsed.error.at : first;
  // Statements before the unterminated construct still split; the rest is one broken item.
  const head = segment.slice(0, at);
  const before = head.lastIndexOf(';') >= 0 ? splitStatements(source, head.slice(0, head.lastIndexOf(';') + 1), offset) : [];
  const restStart = before.length ? head.lastIndexOf(';') + 1 : first;
  const restFirst = restStart + segment.slice(restStart).search(/\S/);
  const text = segment.slice(restFirst).trimEnd();
  return [
    ...before,
    {
      kind: 'statement',
      source,
      start: offset + restFirst,
      end: offset + restFirst + text.length,
      text,
      location: source.locate(offset + restFirst),
      error: { message, location: source.locate(offset + at) },
    },
  ];
}
