import { codeTokens, type Token } from '../../sql/tokens.js';
import { dropStep, ifNotExists, inner } from '../edits.js';
import { defKey, fromRangeVar, sqlName, type QualifiedName } from '../names.js';
import { constraintName } from '../naming.js';
import { columnFacts } from '../column-facts.js';
import { constraintBody, constraintIndexes, recordColumn, recordConstraint, takenFor } from '../table-defs.js';
import { findTopLevel, listItems, skipName, skipWords, textOf } from '../token-spans.js';
import type { Definitions } from '../definitions.js';
import { recordTableElements } from '../table-rebuild.js';
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

/** `CREATE TABLE p PARTITION OF t FOR VALUES …`: the ATTACH that puts p back into t after a DETACH. */
function recordPartition(defs: Definitions, table: QualifiedName, node: CreateStmt, sql: string, tokens: Token[]): void {
  const parent = node.inhRelations?.[0];
  const of = findTopLevel(tokens, new Set(['OF']), 0);
  const bound = of < 0 ? -1 : findTopLevel(tokens, new Set(['FOR', 'DEFAULT']), of + 1);
  if (!parent || !('RangeVar' in parent) || bound < 0) return;
  const end = findTopLevel(tokens, new Set(['PARTITION', 'USING', 'WITH', 'TABLESPACE']), bound + 1);
  const spec = textOf(sql, tokens, [bound, end < 0 ? tokens.length - 1 : end - 1]);
  defs.set('partition', defKey(table), `ALTER TABLE ${sqlName(fromRangeVar(parent.RangeVar))} ATTACH PARTITION ${sqlName(table)} ${spec}`);
}

function recordTable(defs: Definitions, table: QualifiedName, node: CreateStmt, sql: string): void {
  defs.set('table', defKey(table), sql);
  const tokens = codeTokens(sql);
  if (node.partbound) recordPartition(defs, table, node, sql, tokens);
  const name = skipWords(tokens, findTopLevel(tokens, new Set(['TABLE']), 0) + 1, ['IF', 'NOT', 'EXISTS']);
  const open = skipName(tokens, name);
  const elements = node.tableElts ?? [];
  const spans = tokens[open]?.text === '(' ? listItems(tokens, open) : [];
  if (spans.length !== elements.length) return; // PARTITION OF / OF type without a column list
  let complete = true;
  elements.forEach((el, i) => {
    const span = spans[i]!;
    if ('ColumnDef' in el) {
      complete = recordColumn(defs, table, el.ColumnDef, columnFacts(sql, tokens, span)) && complete; // a serial's sequence too
    } else if ('Constraint' in el) {
      const con = el.Constraint;
      const conName = con.conname ?? constraintName(table.name, con, takenFor(defs, table, con.contype))?.name;
      if (conName) recordConstraint(defs, table, conName, constraintBody(sql, tokens, span), con.contype);
      else complete = false;
    } else complete = false; // LIKE
  });
  // Every column and constraint recorded: a DROP TABLE's downgrade can write the table as it is then.
  if (complete && !node.ofTypename) recordTableElements(defs, table);
}
