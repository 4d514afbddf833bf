import type { CreateRoleStmt } from '@pgsql/types';
import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
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
  return {
    up: [{ sql: guardedDo(notExists(exists), stmt.text) }],
    down: [{ kind: 'sql', sql: `DROP ROLE IF EXISTS ${quoteIdent(role)}` }],
    fate: 'idempotent',
    how: 'guarded on pg_roles',
    findings: [
      {
        code: 'role-cluster-global',
        severity: 'warning',
        message: `role ${quoteIdent(role)} belongs to the whole Postgres cluster, not this database; the downgrade drops it even if other databases use it`,
        location: stmt.location,
      },
    ],
  };
};
