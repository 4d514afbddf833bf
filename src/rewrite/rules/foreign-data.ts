import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { dropStep, ifNotExists, inner, rewrite } from '../edits.js';
import { guardedDo, notExists } from '../guards.js';
import { defKey, fromRangeVar, sqlName } from '../names.js';
import type { Rule } from '../types.js';

/**
 * Foreign data: CREATE SERVER, USER MAPPING and FOREIGN TABLE → IF NOT EXISTS; CREATE FOREIGN
 * DATA WRAPPER (which has none) → a guard on pg_foreign_data_wrapper. Down: DROP … IF EXISTS.
 * Handles: CreateFdwStmt, CreateForeignServerStmt, CreateUserMappingStmt, CreateForeignTableStmt.
 */
export const createForeignDataWrapper: Rule = (stmt) => {
  const name = inner(stmt, 'CreateFdwStmt').fdwname ?? '';
  const exists = `SELECT 1 FROM pg_catalog.pg_foreign_data_wrapper WHERE fdwname = ${quoteLiteral(name)}`;
  return rewrite(guardedDo(notExists(exists), stmt.text), [dropStep(`DROP FOREIGN DATA WRAPPER IF EXISTS ${quoteIdent(name)}`)], 'guarded on pg_foreign_data_wrapper');
};

export const createForeignServer: Rule = (stmt) => {
  const node = inner(stmt, 'CreateForeignServerStmt');
  return ifNotExists(stmt, node.if_not_exists, ['SERVER'], [dropStep(`DROP SERVER IF EXISTS ${quoteIdent(node.servername ?? '')}`)], () => {});
};

export const createUserMapping: Rule = (stmt) => {
  const node = inner(stmt, 'CreateUserMappingStmt');
  const user = node.user?.roletype === 'ROLESPEC_CSTRING' ? quoteIdent(node.user.rolename ?? '') : (ROLE_WORDS[node.user?.roletype ?? ''] ?? 'PUBLIC');
  const drop = `DROP USER MAPPING IF EXISTS FOR ${user} SERVER ${quoteIdent(node.servername ?? '')}`;
  return ifNotExists(stmt, node.if_not_exists, ['MAPPING'], [dropStep(drop)], () => {});
};

const ROLE_WORDS: Record<string, string> = {
  ROLESPEC_CURRENT_USER: 'CURRENT_USER',
  ROLESPEC_SESSION_USER: 'SESSION_USER',
  ROLESPEC_CURRENT_ROLE: 'CURRENT_ROLE',
  ROLESPEC_PUBLIC: 'PUBLIC',
};

export const createForeignTable: Rule = (stmt, ctx) => {
  const base = inner(stmt, 'CreateForeignTableStmt').base ?? {};
  const table = fromRangeVar(base.relation ?? {});
  return ifNotExists(stmt, base.if_not_exists, ['FOREIGN', 'TABLE'], [dropStep(`DROP FOREIGN TABLE IF EXISTS ${sqlName(table)}`)], (sql) => ctx.defs.set('table', defKey(table), sql));
};
