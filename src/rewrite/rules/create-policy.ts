import type { CreatePolicyStmt } from '@pgsql/types';
import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { dropStep, rewrite } from '../edits.js';
import { guardedDo, notExists } from '../guards.js';
import { defKey, fromRangeVar, regclass, sqlName } from '../names.js';
import type { Rule } from '../types.js';

/**
 * CREATE POLICY → guard on pg_policy for the table as CREATE POLICY resolves it
 * (to_regclass follows search_path the same way); down DROP POLICY IF EXISTS.
 * Handles: CreatePolicyStmt.
 */
export const createPolicy: Rule = (stmt, ctx) => {
  const policy = (stmt.node as { CreatePolicyStmt: CreatePolicyStmt }).CreatePolicyStmt;
  const table = fromRangeVar(policy.table ?? {});
  const name = policy.policy_name ?? '';
  ctx.defs.set('policy', defKey(table, name), stmt.text);
  const exists = `SELECT 1 FROM pg_catalog.pg_policy WHERE polname = ${quoteLiteral(name)} AND polrelid = ${regclass(table)}`;
  return rewrite(guardedDo(notExists(exists), stmt.text), [dropStep(`DROP POLICY IF EXISTS ${quoteIdent(name)} ON ${sqlName(table)}`)], 'guarded on pg_policy');
};
