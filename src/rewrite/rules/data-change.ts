import { codeTokens } from '../../sql/tokens.js';
import { keep, where } from './keep.js';
import { sessionSetting } from './session-setting.js';
import { onlySetsConfig } from '../settings.js';
import { warning } from '../edits.js';
import type { Rule } from '../types.js';

/**
 * UPDATE / DELETE / DO / SELECT / COPY / MERGE kept verbatim: a data change, for a person to
 * review (pgmend cannot tell whether running it twice is harmless). Its downgrade is a note:
 * data changes cannot be undone, and the rest of a rollback must still run.
 * A DO block pgmend generated itself (dollar tag `$pgmend…$`) is already a guard: kept as is,
 * so converting converted SQL changes nothing.
 * Handles: UpdateStmt, DeleteStmt, DoStmt, SelectStmt, MergeStmt, CopyStmt.
 */
export const dataChange: Rule = (stmt, ctx) => {
  if (onlySetsConfig(stmt)) return sessionSetting(stmt, ctx);
  if (stmt.nodeType === 'DoStmt' && isPgmendBlock(stmt.text)) return keep(stmt, 'guard written by pgmend');
  const how = 'data change, review';
  return {
    up: [{ sql: stmt.text }],
    down: [{ kind: 'note', text: `${stmt.nodeType.replace(/Stmt$/, '').toUpperCase()} at ${where(stmt)} changed data; not undone` }],
    fate: 'review',
    how,
    findings: [warning(stmt, 'data-change', `${how}: pgmend cannot prove this statement harmless to run twice`, 'make it re-runnable (e.g. a WHERE that skips rows already changed) or confirm it is')],
  };
};

/** `DO $pgmend$…` or `DO LANGUAGE plpgsql $pgmend1$…`. */
function isPgmendBlock(text: string): boolean {
  const body = codeTokens(text).find((t) => t.text.startsWith('$'));
  return body !== undefined && /^\$pgmend\d*\$/.test(body.text);
}
