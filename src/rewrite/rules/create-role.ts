import type { CreateRoleStmt } from '@pgsql/types';
import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { dropStep, rewrite, warning } from '../edits.js';
import { guardedDo, notExists } from '../guards.js';
import type { Rule } from '../types.js';

/**
 * CREATE ROLE / USER / GROUP → pg_roles guard; down DROP ROLE IF EXISTS, with a warning:
 * roles belong to the whole cluster, so the role may be shared with other databases (and
 * the guard skips creating one that already existed, which the downgrade still drops).
 * Handles: CreateRoleStmt.
 */
export const createRole: Rule = (stmt, ctx) => {
  const role = (stmt.node as { CreateRoleStmt: CreateRoleStmt }).CreateRoleStmt.role ?? '';
  ctx.defs.set('role', role, stmt.text);
  const exists = `SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${quoteLiteral(role)}`;
  const shared = `role ${quoteIdent(role)} belongs to the whole Postgres cluster, not this database; the downgrade drops it even if other databases use it`;
  return rewrite(guardedDo(notExists(exists), stmt.text), [dropStep(`DROP ROLE IF EXISTS ${quoteIdent(role)}`)], 'guarded on pg_roles', [warning(stmt, 'role-cluster-global', shared)]);
};
