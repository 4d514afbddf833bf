import { quoteIdent } from '../../sql/quote.js';
import { inner } from '../edits.js';
import { defKey, fromRangeVar, sqlName } from '../names.js';
import type { Rule } from '../types.js';
import { orReplace } from './or-replace.js';

/**
 * CREATE RULE → CREATE OR REPLACE RULE; down restores an earlier definition, or drops it.
 * Handles: RuleStmt.
 */
export const createRule: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'RuleStmt');
  const table = fromRangeVar(node.relation ?? {});
  const name = node.rulename ?? '';
  return orReplace(stmt, ctx, {
    kind: 'rule',
    key: defKey(table, name),
    replace: node.replace,
    dropSql: `DROP RULE IF EXISTS ${quoteIdent(name)} ON ${sqlName(table)}`,
    // A rule's replacement may change anything (event, action): OR REPLACE takes it all.
    change: () => ({ recreateUp: false, recreateDown: false, how: '', findings: [] }),
  });
};
