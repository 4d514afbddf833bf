import type { Finding } from '../../findings.js';
import type { Range, Sections } from '../types.js';
import { lines, type Layout } from './layout.js';
import { listNumbered } from './numbered.js';

// Liquibase formatted SQL: `--liquibase formatted sql` first, then changesets (`--changeset
// author:id [runInTransaction:false] …`), each followed by its SQL and `--rollback <sql>` lines
// (or a `/* liquibase rollback … */` block). A file is one migration; its down SQL is the
// changesets' rollbacks, last changeset first, as Liquibase rolls them back. A changeset with
// `endDelimiter:/` (or `GO`, …) ends its statements with that word on a line of its own, often
// without a semicolon: the up SQL is cut there, so each piece is read as its own statements.
export const LIQUIBASE_HEADER = /^\s*--\s*liquibase\s+formatted\s+sql\b/i;

export const liquibase: Layout = {
  format: 'liquibase',
  list: (folder) => listNumbered(folder, 'liquibase'),
  sections: liquibaseSections,
};

const CHANGESET = /^--\s*changeset\s+\S+/i;
// Liquibase's own pattern, `--\s*rollback (.*)`: the space is required (`--rollback:` is a comment).
const ROLLBACK_LINE = /^--\s*rollback /i;
/** Rollback SQL Liquibase reads as "nothing to undo". */
const NO_ROLLBACK = /^(?:empty|not required);?\s*$/i;
const ROLLBACK_BLOCK = /^\/\*\s*liquibase\s+rollback\b/i;

function liquibaseSections(text: string, file: string): Sections {
  const changesets: Array<{ line: number; rollback: Range[]; declared?: boolean }> = [];
  let transactional = true;
  let block: { from: number; start: number } | undefined;
  // Liquibase's own lines are blanked in the up SQL: not the user's comments, not SQL.
  const markers: Array<[number, number]> = [];
  const delimiterLines: Array<[number, number]> = [];
  let delimiter: string | undefined;
  let lineNo = 0;
  let previousWasRollback = false;
  for (const line of lines(text)) {
    lineNo++;
    const t = line.text.trim();
    const wasRollback = previousWasRollback;
    previousWasRollback = false;
    if (block) {
      // The block's SQL runs up to the line that closes it.
      if (t.startsWith('*/')) {
        changesets.at(-1)?.rollback.push({ from: block.from, to: line.start });
        markers.push([block.start, line.end]);
        block = undefined;
      }
      continue;
    }
    if (LIQUIBASE_HEADER.test(t)) markers.push([line.start, line.end]);
    if (CHANGESET.test(t)) {
      markers.push([line.start, line.end]);
      changesets.push({ line: lineNo, rollback: [] });
      if (/\brunInTransaction:\s*false\b/i.test(t)) transactional = false;
      delimiter = endDelimiter(t);
      continue;
    }
    if (delimiter !== undefined && t.toLowerCase() === delimiter) {
      delimiterLines.push([line.start, line.end]);
      continue;
    }
    const prefix = ROLLBACK_LINE.exec(line.text.trimStart());
    const changeset = changesets.at(-1);
    const rollback = changeset?.rollback;
    if (prefix && rollback && NO_ROLLBACK.test(line.text.trimStart().slice(prefix[0].length))) {
      changeset!.declared = true;
      markers.push([line.start, line.end]);
      continue;
    }
    if (prefix && rollback) {
      const prefixEnd = line.start + (line.text.length - line.text.trimStart().length) + prefix[0].length;
      const last = rollback.at(-1);
      // Consecutive `--rollback` lines are one piece of SQL: one range, their prefixes blanked.
      if (wasRollback && last?.blank) {
        last.to = line.end;
        last.blank.push([line.start, prefixEnd]);
      } else rollback.push({ from: line.start, to: line.end, blank: [[line.start, prefixEnd]] });
      markers.push([line.start, line.end]);
      previousWasRollback = true;
      continue;
    }
    if (ROLLBACK_BLOCK.test(t)) block = { from: line.next, start: line.start };
  }
  const findings: Finding[] = [];
  const without = changesets.filter((c) => !c.rollback.length && !c.declared);
  let down: Range[] | undefined;
  if (changesets.length && !without.length) down = [...changesets].reverse().flatMap((c) => c.rollback);
  else if (changesets.length > without.length) {
    findings.push({
      code: 'rollback-incomplete',
      severity: 'info',
      message: `${without.length} of ${changesets.length} changesets have no rollback: pgmend derives the downgrade of the whole file instead`,
      location: { file, line: without[0]!.line, column: 1 },
    });
  }
  const up: Range[] = [];
  let from = 0;
  for (const [start, end] of [...delimiterLines, [text.length, text.length] as const]) {
    up.push({ from, to: start, blank: markers });
    from = end;
  }
  return { up, ...(down ? { down } : {}), outside: [], transactional, findings };
}

/**
 * The word a changeset's `endDelimiter:` names, lower case; undefined for the default `;`. The
 * value is a regular expression to Liquibase; pgmend takes the usual plain words (`/`, `GO`),
 * written with or without a leading `\n`.
 */
function endDelimiter(changesetLine: string): string | undefined {
  const value = /\bendDelimiter:(\S+)/i.exec(changesetLine)?.[1]?.replace(/^(?:\\n|\n)+/, '');
  return value && value !== ';' ? value.toLowerCase() : undefined;
}
