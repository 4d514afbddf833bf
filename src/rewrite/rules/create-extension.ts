import { quoteIdent } from '../../sql/quote.js';
import { codeTokens } from '../../sql/tokens.js';
import { dropStep, ifNotExists, inner, insertAfterKeywords, rewrite } from '../edits.js';
import type { Rule } from '../types.js';

/**
 * CREATE EXTENSION → IF NOT EXISTS; down DROP EXTENSION IF EXISTS.
 * `CREATE [TRUSTED] [PROCEDURAL] LANGUAGE name` without a handler is the same statement to the
 * parser (an old spelling: the language comes as an extension) → CREATE OR REPLACE LANGUAGE, its
 * IF NOT EXISTS; the downgrade leaves the language in place (plpgsql comes with Postgres, and
 * every function written in it would go with it).
 * Handles: CreateExtensionStmt.
 */
export const createExtension: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'CreateExtensionStmt');
  const name = node.extname ?? '';
  if (codeTokens(stmt.text).some((t) => t.keyword === 'LANGUAGE')) {
    const kept = { kind: 'note' as const, text: `the language ${name} is left in place` };
    if (node.if_not_exists) return { up: [{ sql: stmt.text }], down: [kept], fate: 'kept', how: 'already OR REPLACE', findings: [] };
    return rewrite(insertAfterKeywords(stmt.text, ['CREATE'], 'OR REPLACE')!, [kept], 'added OR REPLACE');
  }
  return ifNotExists(stmt, node.if_not_exists, ['EXTENSION'], [dropStep(`DROP EXTENSION IF EXISTS ${quoteIdent(name)}`)], (sql) =>
    ctx.defs.set('extension', name, sql),
  );
};
