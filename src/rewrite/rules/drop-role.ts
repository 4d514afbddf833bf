import type { DropRoleStmt } from '@pgsql/types';
import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { insertAfterKeywords, rewrite, warning } from '../edits.js';
import { guardedDo, notExists } from '../guards.js';
import { keepForReview, where } from './keep.js';
import type { DownStep, Rule } from '../types.js';

/**
 * DROP ROLE / USER / GROUP → IF EXISTS. Down recreates each role from the CREATE ROLE an earlier
 * statement ran (guarded as that one was), else fails naming file:line; either way what was
 * granted to it is not restored, and roles belong to the whole cluster, not this database.
 * Handles: DropRoleStmt.
 */
export const dropRole: Rule = (stmt, ctx) => {
  const node = (stmt.node as { DropRoleStmt: DropRoleStmt }).DropRoleStmt;
  const word = /^\s*DROP\s+(ROLE|USER|GROUP)\b/i.exec(stmt.text)?.[1]?.toUpperCase() ?? 'ROLE';
  const sql = node.missing_ok ? stmt.text : insertAfterKeywords(stmt.text, ['DROP', word], 'IF EXISTS');
  if (sql === undefined) return keepForReview(stmt, `could not find DROP ${word} to add IF EXISTS`);
  const down: DownStep[] = [];
  for (const spec of node.roles ?? []) {
    const role = 'RoleSpec' in spec ? (spec.RoleSpec.rolename ?? '') : '';
    const created = ctx.defs.get('role', role);
    if (created) down.push({ kind: 'sql', sql: guardedDo(notExists(`SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${quoteLiteral(role)}`), created) });
    else down.push({ kind: 'fail', message: `cannot recreate role ${quoteIdent(role)} dropped at ${where(stmt)}: pgmend never saw its CREATE ROLE` });
    ctx.defs.delete('role', role);
  }
  const note = 'roles belong to the whole Postgres cluster: other databases may use this one, and what was granted to it is not restored on the way down';
  const dropped = rewrite(sql, down.reverse(), node.missing_ok ? 'already IF EXISTS' : 'added IF EXISTS', [warning(stmt, 'role-cluster-global', note)]);
  return node.missing_ok ? { ...dropped, fate: 'kept' } : dropped;
};
