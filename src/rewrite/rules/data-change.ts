import { codeTokens } from '../../sql/tokens.js';
import { keep, where } from './keep.js';
import { extensionCall } from './extension-call.js';
import { selfGuardedDo } from './self-guarded-do.js';
import { sessionSetting } from './session-setting.js';
import { onlySetsConfig } from '../settings.js';
import { warning } from '../edits.js';
import type { DownStep, Rule } from '../types.js';

/**
 * UPDATE / DELETE / TRUNCATE / SELECT / COPY / MERGE kept verbatim: a data change, for a person
 * to review (pgmend cannot tell whether running it twice is harmless). Its downgrade is a note:
 * data changes cannot be undone, and the rest of a rollback must still run. DO blocks are
 * procedural code, reviewed under their own code (`do-block`), unless they guard their own DDL
 * in a way pgmend recognises (self-guarded-do.ts).
 * A DO block pgmend generated itself (dollar tag `$pgmend…$`) is already a guard: kept as is,
 * so converting converted SQL changes nothing.
 * Handles: UpdateStmt, DeleteStmt, TruncateStmt, DoStmt, SelectStmt, MergeStmt, CopyStmt.
 */
export const dataChange: Rule = (stmt, ctx) => {
  if (onlySetsConfig(stmt)) return sessionSetting(stmt, ctx);
  if (stmt.nodeType === 'DoStmt') return isPgmendBlock(stmt.text) ? keep(stmt, 'guard written by pgmend') : (selfGuardedDo(stmt, ctx) ?? doBlock(stmt));
  const call = stmt.nodeType === 'SelectStmt' ? extensionCall(stmt) : undefined;
  if (call) return call;
  const how = 'data change, review';
  return {
    up: [{ sql: stmt.text }],
    down: [dataNotUndone(stmt)],
    fate: 'review',
    how,
    findings: [warning(stmt, 'data-change', `${how}: pgmend cannot prove this statement harmless to run twice`, 'make it re-runnable (e.g. a WHERE that skips rows already changed) or confirm it is')],
  };
};

/** The downgrade of a data change: a note (rows changed are not put back). */
export function dataNotUndone(stmt: Parameters<Rule>[0]): DownStep {
  return { kind: 'note', text: `${stmt.nodeType.replace(/Stmt$/, '').toUpperCase()} at ${where(stmt)} changed data; not undone` };
}

/**
 * A DO block is procedural code (often self-guarded DDL): pgmend cannot see what it does.
 * `untested`: it is shaped as a guard (IF NOT EXISTS … THEN <DDL>), but its condition does not
 * test what the DDL creates (self-guarded-do.ts), so a second run would run its DDL again; its
 * `down` is still that of the DDL inside (DROP … IF EXISTS), safe whether or not it ran.
 */
export function doBlock(stmt: Parameters<Rule>[0], untested?: string, down?: DownStep[]): ReturnType<Rule> {
  const how = 'DO block, review';
  const message = untested ? `${how}: ${untested}, so a second run would run its DDL again` : `${how}: pgmend cannot see inside procedural code to prove it can run twice or to undo it`;
  const hint = untested
    ? 'make the condition test the object by name where its catalog lists it (e.g. pg_constraint.conname, pg_type.typname)'
    : 'check that it guards itself (IF NOT EXISTS …), and write its undo in the source down SQL';
  return {
    up: [{ sql: stmt.text }],
    down: down ?? [{ kind: 'note', text: `DO block at ${where(stmt)} is not undone: pgmend cannot see what it does` }],
    fate: 'review',
    how,
    findings: [warning(stmt, 'do-block', message, hint)],
  };
}

/** `DO $pgmend$…` or `DO LANGUAGE plpgsql $pgmend1$…`. */
function isPgmendBlock(text: string): boolean {
  const body = codeTokens(text).find((t) => t.text.startsWith('$'));
  return body !== undefined && /^\$pgmend\d*\$/.test(body.text);
}
