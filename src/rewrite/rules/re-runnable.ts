import { codeTokens } from '../../sql/tokens.js';
import { where } from './keep.js';
import { recordRefresh } from './create-table-as.js';
import type { ParsedStatement, Rewrite, Rule } from '../types.js';

/**
 * Statements that create nothing and set absolute states or do maintenance: running them again
 * gives the same result, so they are kept as written. Their downgrade is a note: ownership,
 * attributes and settings are left as they are (their earlier values were never seen), and
 * maintenance has nothing to undo (a REFRESH is remembered: a materialized view built again by a
 * downgrade is filled as these files left it). VACUUM, REINDEX … CONCURRENTLY and ALTER SYSTEM are refused
 * inside a transaction block, so they run outside one.
 * Handles: AlterOwnerStmt, AlterFunctionStmt, AlterRoleStmt, AlterRoleSetStmt,
 * AlterDatabaseSetStmt, SecLabelStmt, AlterExtensionStmt, RefreshMatViewStmt, LockStmt,
 * NotifyStmt, ClusterStmt, CheckPointStmt, VacuumStmt, ReindexStmt, AlterSystemStmt,
 * AlterOperatorStmt (`ALTER OPERATOR … SET (RESTRICT = …)`), LoadStmt (`LOAD 'lib'`), DiscardStmt.
 */
export const reRunnable: Rule = (stmt, ctx) => {
  if (stmt.nodeType === 'RefreshMatViewStmt') recordRefresh(ctx.defs, stmt);
  const maintenance = MAINTENANCE.has(stmt.nodeType);
  const text = maintenance ? `${label(stmt)} at ${where(stmt)} changes no schema; nothing to undo` : `${label(stmt)} at ${where(stmt)} is left as it is`;
  const rewrite: Rewrite = { up: [{ sql: stmt.text }], down: [{ kind: 'note', text }], fate: 'kept', how: maintenance ? 'maintenance, re-runnable' : 'sets an absolute state, re-runnable', findings: [] };
  if (outsideTransaction(stmt)) {
    rewrite.up[0]!.nonTransactional = true;
    rewrite.how += ', outside a transaction';
  }
  return rewrite;
};

const MAINTENANCE = new Set(['RefreshMatViewStmt', 'LockStmt', 'NotifyStmt', 'ClusterStmt', 'CheckPointStmt', 'VacuumStmt', 'ReindexStmt', 'LoadStmt', 'DiscardStmt']);

function outsideTransaction(stmt: ParsedStatement): boolean {
  const node = stmt.node as Record<string, { is_vacuumcmd?: boolean; kind?: string; target?: string; relation?: unknown; params?: { DefElem?: { defname?: string } }[] }>;
  if (stmt.nodeType === 'AlterSystemStmt') return true;
  // VacuumStmt also carries ANALYZE, which a transaction block allows.
  if (stmt.nodeType === 'VacuumStmt') return node.VacuumStmt!.is_vacuumcmd === true;
  // REINDEX SCHEMA / DATABASE / SYSTEM commit per table; CLUSTER without a table, per table too.
  if (stmt.nodeType === 'ReindexStmt') return (node.ReindexStmt!.params ?? []).some((p) => p.DefElem?.defname === 'concurrently') || /SCHEMA|DATABASE|SYSTEM/.test(node.ReindexStmt!.kind ?? '');
  if (stmt.nodeType === 'ClusterStmt') return !node.ClusterStmt!.relation;
  if (stmt.nodeType === 'DiscardStmt') return node.DiscardStmt!.target === 'DISCARD_ALL';
  return false;
}

/** The statement's leading keywords (at most two): `ALTER FUNCTION`, `VACUUM`, `LOCK TABLE`. */
function label(stmt: ParsedStatement): string {
  const tokens = codeTokens(stmt.text);
  const words = [tokens[0]!.text];
  if (tokens[1]?.keyword) words.push(tokens[1].text);
  return words.join(' ').toUpperCase();
}
