import { dropStep, ifNotExists, inner } from '../edits.js';
import { fromNameList, sqlName } from '../names.js';
import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE STATISTICS → IF NOT EXISTS; down DROP STATISTICS IF EXISTS. Unnamed statistics get a
 * name Postgres picks from the columns and existing objects: kept for review.
 * Handles: CreateStatsStmt.
 */
export const createStatistics: Rule = (stmt) => {
  const node = inner(stmt, 'CreateStatsStmt');
  if (!node.defnames?.length) return keepForReview(stmt, 'CREATE STATISTICS without a name cannot be guarded or dropped by name; name it');
  const name = sqlName(fromNameList(node.defnames));
  return ifNotExists(stmt, node.if_not_exists, ['STATISTICS'], [dropStep(`DROP STATISTICS IF EXISTS ${name}`)], () => {});
};
