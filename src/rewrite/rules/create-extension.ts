import { quoteIdent } from '../../sql/quote.js';
import { dropStep, ifNotExists, inner } from '../edits.js';
import type { Rule } from '../types.js';

/**
 * CREATE EXTENSION → IF NOT EXISTS; down DROP EXTENSION IF EXISTS.
 * Handles: CreateExtensionStmt.
 */
export const createExtension: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'CreateExtensionStmt');
  const name = node.extname ?? '';
  return ifNotExists(stmt, node.if_not_exists, ['EXTENSION'], [dropStep(`DROP EXTENSION IF EXISTS ${quoteIdent(name)}`)], (sql) =>
    ctx.defs.set('extension', name, sql),
  );
};
