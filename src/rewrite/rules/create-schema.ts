import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { dropStep, ifNotExists, inner, rewrite, warning } from '../edits.js';
import { guardedDo, notExists } from '../guards.js';
import type { Rule } from '../types.js';

/**
 * CREATE SCHEMA → IF NOT EXISTS; down DROP SCHEMA IF EXISTS.
 * Postgres refuses IF NOT EXISTS with schema elements (`CREATE SCHEMA s CREATE TABLE …`): those
 * are guarded on pg_namespace instead, and reported.
 * Handles: CreateSchemaStmt.
 */
export const createSchema: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'CreateSchemaStmt');
  // `CREATE SCHEMA AUTHORIZATION joe` names the schema after the role.
  const name = node.schemaname ?? node.authrole?.rolename ?? '';
  if (!node.schemaElts?.length) {
    return ifNotExists(stmt, node.if_not_exists, ['SCHEMA'], [dropStep(`DROP SCHEMA IF EXISTS ${quoteIdent(name)}`)], (sql) =>
      ctx.defs.set('schema', name, sql),
    );
  }
  const sql = guardedDo(notExists(`SELECT 1 FROM pg_namespace WHERE nspname = ${quoteLiteral(name)}`), stmt.text);
  ctx.defs.set('schema', name, sql);
  const finding = warning(
    stmt,
    'schema-elements',
    `CREATE SCHEMA ${name} creates objects inside it, which IF NOT EXISTS does not allow: guarded on pg_namespace, so the objects are not created when the schema already exists; the downgrade drops the schema with CASCADE to remove them`,
    'create the objects with their own statements to have each one guarded',
  );
  return rewrite(sql, [dropStep(`DROP SCHEMA IF EXISTS ${quoteIdent(name)} CASCADE`)], 'guarded on pg_namespace', [finding]);
};
