import type { Finding } from '../../findings.js';
import type { DownStep, ParsedStatement, Rewrite } from '../types.js';

/** The statement as written, re-runnable already (GRANT, COMMENT, SET DEFAULT, …). */
export function keep(stmt: ParsedStatement, how: string, down: Rewrite['down'] = []): Rewrite {
  return { up: [{ sql: stmt.text }], down, fate: 'kept', how, findings: [] };
}

/** The statement as written, flagged for a person: pgmend cannot prove it re-runnable. */
export function keepForReview(stmt: ParsedStatement, why: string, code = 'needs-review', down?: Rewrite['down']): Rewrite {
  const finding: Finding = { code, severity: 'warning', message: why, location: stmt.location };
  return {
    up: [{ sql: stmt.text }],
    down: down ?? [{ kind: 'fail', message: `cannot undo ${stmt.nodeType} at ${where(stmt)}: ${why}` }],
    fate: 'review',
    how: why,
    findings: [finding],
  };
}

export function where(stmt: ParsedStatement): string {
  return `${stmt.location.file}:${stmt.location.line}`;
}

/** The downgrade of a DROP … IF EXISTS that removed nothing pgmend could put back: a note saying why. */
export function nothingToUndo(stmt: ParsedStatement, what: string, why: string, drop = 'DROP IF EXISTS'): DownStep {
  return { kind: 'note', text: `${what} ${why}; the ${drop} at ${where(stmt)} has nothing to undo` };
}
