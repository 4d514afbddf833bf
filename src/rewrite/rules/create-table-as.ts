import { dropStep, ifNotExists, inner } from '../edits.js';
import { defKey, fromRangeVar, sqlName } from '../names.js';
import { guardCreate } from '../rerun-guards.js';
import type { Rule } from '../types.js';

/**
 * CREATE TABLE AS / CREATE MATERIALIZED VIEW → IF NOT EXISTS (the query does not run again);
 * down DROP TABLE / MATERIALIZED VIEW IF EXISTS.
 * Handles: CreateTableAsStmt.
 */
export const createTableAs: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'CreateTableAsStmt');
  const target = fromRangeVar(node.into?.rel ?? {});
  const matview = node.objtype === 'OBJECT_MATVIEW';
  const down = [dropStep(`DROP ${matview ? 'MATERIALIZED VIEW' : 'TABLE'} IF EXISTS ${sqlName(target)}`)];
  const created = ifNotExists(stmt, node.if_not_exists, matview ? ['MATERIALIZED', 'VIEW'] : ['TABLE'], down, (sql) =>
    ctx.defs.set(matview ? 'materialized-view' : 'table', defKey(target), sql),
  );
  return guardCreate(stmt, ctx, created, { kind: 'relation', name: target });
};
