import type { Finding } from '../../findings.js';
import type { Range, Sections } from '../types.js';
import { lines } from './layout.js';

/** What one marker comment line tells its tool. */
export type Directive =
  | { kind: 'up' | 'down'; transactional?: boolean }
  | { kind: 'statement-begin' | 'statement-end' | 'no-transaction' };

export interface MarkerSyntax {
  /** The up marker as users write it, for messages: `-- migrate:up`. */
  upMarker: string;
  /** True when the tool refuses a file without an up marker (node-pg-migrate reads it all as up). */
  requiresUpMarker: boolean;
  directive(line: string): Directive | undefined;
}

/**
 * Splits a marker-annotated file (dbmate, goose, sql-migrate, node-pg-migrate) into up and
 * down ranges. Marker lines themselves belong to neither. StatementBegin/End blocks become
 * ranges of their own, as their tools send each block as one unit.
 */
export function markedSections(text: string, file: string, syntax: MarkerSyntax): Sections {
  const up: Range[] = [];
  const down: Range[] = [];
  const outside: Range[] = [];
  const findings: Finding[] = [];
  let current: Range[] = outside;
  let from = 0;
  let transactional = true;
  let sawUp = false;
  let sawDown = false;
  const close = (to: number) => {
    if (to > from) current.push({ from, to });
  };
  for (const line of lines(text)) {
    const d = syntax.directive(line.text.trim());
    if (!d) continue;
    close(line.start);
    from = line.next;
    if (d.kind === 'up' || d.kind === 'down') {
      current = d.kind === 'up' ? up : down;
      if (d.kind === 'up') {
        sawUp = true;
        if (d.transactional === false) transactional = false;
      } else sawDown = true;
    } else if (d.kind === 'no-transaction') transactional = false;
  }
  close(text.length);
  if (!sawUp) {
    // Read what precedes any down marker as up: better than losing it.
    up.push(...outside.splice(0));
    if (syntax.requiresUpMarker && hasContent(text, up)) {
      findings.push({
        code: 'marker-missing',
        severity: 'warning',
        message: `no \`${syntax.upMarker}\` marker: its tool would not run this file; everything before the down marker is read as up`,
        location: { file, line: 1, column: 1 },
        hint: `add \`${syntax.upMarker}\` at the top of the file`,
      });
    }
  }
  return { up, ...(sawDown ? { down } : {}), outside, transactional, findings };
}

function hasContent(text: string, ranges: Range[]): boolean {
  return ranges.some((r) => text.slice(r.from, r.to).trim() !== '');
}
