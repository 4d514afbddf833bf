import type { AlterPolicyStmt } from '@pgsql/types';
import { quoteIdent } from '../../sql/quote.js';
import { dropStep } from '../edits.js';
import { defKey, fromRangeVar, sqlName } from '../names.js';
import type { Rule } from '../types.js';
import { keep, where } from './keep.js';

/**
 * ALTER POLICY sets what it names to the same values each time: kept as written. Down puts back
 * the definition pgmend recorded (the CREATE POLICY, then any earlier ALTER POLICY), by dropping
 * and creating the policy again; without one, the downgrade raises naming file:line.
 * Handles: AlterPolicyStmt.
 */
export const alterPolicy: Rule = (stmt, ctx) => {
  const policy = (stmt.node as { AlterPolicyStmt: AlterPolicyStmt }).AlterPolicyStmt;
  const table = fromRangeVar(policy.table ?? {});
  const name = policy.policy_name ?? '';
  const key = defKey(table, name);
  const earlier = ctx.defs.get('policy', key);
  if (earlier === undefined) {
    return keep(stmt, 'ALTER POLICY runs again as written', [{ kind: 'fail', message: `cannot restore policy ${quoteIdent(name)} on ${sqlName(table)} as it was before ${where(stmt)}: pgmend never saw its definition` }]);
  }
  // The policy's definition from now on: what created it, then this change.
  ctx.defs.set('policy', key, `${earlier};\n${stmt.text}`);
  return keep(stmt, 'ALTER POLICY runs again as written', [dropStep(`DROP POLICY IF EXISTS ${quoteIdent(name)} ON ${sqlName(table)}`), dropStep(earlier)]);
};
