import { quoteIdent } from '../../sql/quote.js';
import { inner } from '../edits.js';
import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * CREATE DATABASE: Postgres refuses it inside a transaction block, so it runs outside the
 * revision's transaction; it has no IF NOT EXISTS, and a revision runs inside a database
 * already, so it needs review. Down: DROP DATABASE IF EXISTS, outside the transaction too.
 * Handles: CreatedbStmt.
 */
export const createDatabase: Rule = (stmt) => {
  const name = inner(stmt, 'CreatedbStmt').dbname ?? '';
  const rewrite = keepForReview(stmt, 'CREATE DATABASE runs outside the revision\'s transaction and fails when the database exists; a revision normally runs inside the database it would create', 'create-database', [
    { kind: 'sql', sql: `DROP DATABASE IF EXISTS ${quoteIdent(name)}`, nonTransactional: true },
  ]);
  rewrite.up[0]!.nonTransactional = true;
  return rewrite;
};
