import type { Finding } from '../findings.js';
import type { SourceText } from '../source.js';
import { splitSql, type SqlItem, type SqlStatement } from '../sql/split.js';

/**
 * splitSql, except that the inline data after `COPY … FROM stdin;` (pg_dump data sections,
 * ended by a `\.` line) is cut out instead of being parsed as SQL. A revision cannot carry
 * psql's inline data, so the COPY is left out with an error finding that counts the rows.
 */
export function splitWithCopyData(source: SourceText, from: number, to: number, blank: Array<[number, number]> = []): { items: SqlItem[]; findings: Finding[] } {
  const items = splitSql(source, from, to, blank);
  const i = items.findIndex((it) => it.kind === 'statement' && isCopyFromStdin(it));
  if (i < 0) return { items, findings: [] };
  const copy = items[i] as SqlStatement;
  const text = source.text;
  const lineEnd = text.indexOf('\n', copy.end);
  const dataStart = lineEnd === -1 || lineEnd >= to ? to : lineEnd + 1;
  const terminator = /^\\\.[ \t]*\r?$/m.exec(text.slice(dataStart, to));
  const dataEnd = terminator ? dataStart + terminator.index : to;
  const afterData = terminator ? Math.min(to, dataEnd + terminator[0].length) : to;
  const rows = text.slice(dataStart, dataEnd).split('\n').filter((l) => l.trim() !== '').length;
  // pg_dump writes an empty COPY for every empty table: leaving it out loses nothing.
  const finding: Finding = rows
    ? {
        code: 'copy-from-stdin',
        severity: 'error',
        message: `\`COPY … FROM stdin\` with ${rows} data row(s) is not converted: a revision cannot carry psql's inline data`,
        location: copy.location,
        hint: 'turn the rows into INSERT statements, or load them with psql separately',
      }
    : { code: 'copy-from-stdin', severity: 'info', message: '`COPY … FROM stdin` without data rows is left out: it loads nothing', location: copy.location };
  const rest = splitWithCopyData(source, afterData, to, blank);
  return { items: [...items.slice(0, i), ...rest.items], findings: [finding, ...rest.findings] };
}

function isCopyFromStdin(stmt: SqlStatement): boolean {
  const copy = (stmt.node as { CopyStmt?: { is_from?: boolean; filename?: string; is_program?: boolean } } | undefined)?.CopyStmt;
  return !!copy?.is_from && !copy.filename && !copy.is_program;
}
