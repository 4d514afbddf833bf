import { codeTokens } from '../../sql/tokens.js';
import type { Definitions } from '../definitions.js';
import { dropStep, ifNotExists, inner } from '../edits.js';
import { defKey, fromRangeVar, sqlName } from '../names.js';
import { guardCreate } from '../rerun-guards.js';
import type { ParsedStatement, Rule } from '../types.js';

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

/**
 * REFRESH MATERIALIZED VIEW [WITH NO DATA] of a materialized view pgmend saw created: its
 * recorded definition ends `WITH DATA` (or `WITH NO DATA`) from now on, so a downgrade that
 * builds it again (after a later DROP) leaves it populated as these files did.
 */
export function recordRefresh(defs: Definitions, stmt: ParsedStatement): void {
  const node = inner(stmt, 'RefreshMatViewStmt');
  const key = defKey(fromRangeVar(node.relation ?? {}));
  const sql = defs.get('materialized-view', key);
  if (sql !== undefined) defs.set('materialized-view', key, populated(sql, !node.skipData));
}

/** The CREATE MATERIALIZED VIEW text with its trailing data clause saying whether it is filled. */
function populated(sql: string, data: boolean): string {
  const words = codeTokens(sql).slice(-3);
  const tail = words.map((t) => t.text.toUpperCase());
  const clause = tail.at(-1) === 'DATA' && tail.at(-2) === 'NO' && tail.at(-3) === 'WITH' ? words[0] : tail.at(-1) === 'DATA' && tail.at(-2) === 'WITH' ? words[1] : undefined;
  const body = clause ? sql.slice(0, clause.start).trimEnd() : sql.trimEnd();
  return data ? (clause ? `${body} WITH DATA` : sql) : `${body} WITH NO DATA`;
}
