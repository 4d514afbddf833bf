import { codeTokens } from '../../sql/tokens.js';
import { dropStep, ifNotExists, inner } from '../edits.js';
import { defKey, fromRangeVar, sqlName, type QualifiedName } from '../names.js';
import { constraintName } from '../naming.js';
import { columnFacts } from '../column-facts.js';
import { constraintBody, constraintIndexes, recordColumn, recordConstraint, takenFor } from '../table-defs.js';
import { findTopLevel, listItems, skipName, skipWords } from '../token-spans.js';
import type { Definitions } from '../definitions.js';
import { guardCreate } from '../rerun-guards.js';
import type { Rule } from '../types.js';

/**
 * CREATE TABLE → IF NOT EXISTS (and a guard when a later statement renames it); down DROP TABLE IF EXISTS (never CASCADE: what depends on the
 * table must be undone by its own statement first).
 * Records the table's text, each column's definition, type, default and NOT NULL, and each
 * constraint (unnamed ones under the name Postgres gives them), for later downgrades.
 * Handles: CreateStmt.
 */
export const createTable: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'CreateStmt');
  const table = fromRangeVar(node.relation ?? {});
  const created = ifNotExists(stmt, node.if_not_exists, ['TABLE'], [dropStep(`DROP TABLE IF EXISTS ${sqlName(table)}`)], (sql) =>
    recordTable(ctx.defs, table, node, sql),
  );
  const indexes = constraintIndexes(ctx.defs, table).map((name) => ({ kind: 'relation' as const, name }));
  return guardCreate(stmt, ctx, created, { kind: 'relation', name: table }, indexes);
};

type CreateStmt = ReturnType<typeof inner<'CreateStmt'>>;

function recordTable(defs: Definitions, table: QualifiedName, node: CreateStmt, sql: string): void {
  defs.set('table', defKey(table), sql);
  const tokens = codeTokens(sql);
  const name = skipWords(tokens, findTopLevel(tokens, new Set(['TABLE']), 0) + 1, ['IF', 'NOT', 'EXISTS']);
  const open = skipName(tokens, name);
  const elements = node.tableElts ?? [];
  const spans = tokens[open]?.text === '(' ? listItems(tokens, open) : [];
  if (spans.length !== elements.length) return; // PARTITION OF / OF type without a column list
  elements.forEach((el, i) => {
    const span = spans[i]!;
    if ('ColumnDef' in el) {
      recordColumn(defs, table, el.ColumnDef, columnFacts(sql, tokens, span)); // a serial's sequence too
    } else if ('Constraint' in el) {
      const con = el.Constraint;
      const conName = con.conname ?? constraintName(table.name, con, takenFor(defs, table, con.contype))?.name;
      if (conName) recordConstraint(defs, table, conName, constraintBody(sql, tokens, span), con.contype);
    }
  });
}
