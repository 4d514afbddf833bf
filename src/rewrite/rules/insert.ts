import { parseSql, type Node } from '../../sql/parser.js';
import { quoteIdent } from '../../sql/quote.js';
import { codeTokens } from '../../sql/tokens.js';
import { info, inner, rewrite, warning } from '../edits.js';
import { defKey, fromRangeVar, sqlName, type QualifiedName } from '../names.js';
import { uniqueKeys } from '../table-defs.js';
import { callsVolatile } from '../volatile.js';
import { findTopLevel, listItems, splitTopLevel, textOf } from '../token-spans.js';
import { where } from './keep.js';
import type { Definitions } from '../definitions.js';
import { later } from '../lookahead.js';
import { guardRewrite, stillThere } from '../rerun-guards.js';
import type { DownStep, ParsedStatement, Rewrite, RewriteContext, Rule, UpStep } from '../types.js';

/**
 * INSERT of seed rows:
 * - a primary key, unique constraint or unique index recorded for the table covers the inserted
 *   columns (a column left out counts when its DEFAULT is a constant: `lock char(1) DEFAULT 'X'
 *   UNIQUE` makes a one-row table) → `ON CONFLICT DO NOTHING` appended; down deletes those rows
 *   by that key;
 * - else, for VALUES rows, one `INSERT … SELECT … WHERE NOT EXISTS (a row with the same
 *   values)` per row (comparing the columns whose values are constants), with `ON CONFLICT DO
 *   NOTHING` as well when the table has any unique key; down deletes rows with those values;
 * - else kept for review. ON CONFLICT or a WHERE NOT EXISTS guard already there: kept.
 * Handles: InsertStmt.
 */
export const insert: Rule = (stmt, ctx) => whileImplicitColumnsStay(stmt, ctx, insertRows(stmt, ctx));

/**
 * Without a column list, the values fill the table's columns as they were then: once a later
 * statement of the migration drops one, a re-run has one value too many. Explicit columns are
 * guarded like every other column a statement uses (rerun-guards.ts).
 */
function whileImplicitColumnsStay(stmt: ParsedStatement, ctx: RewriteContext, result: Rewrite): Rewrite {
  const node = inner(stmt, 'InsertStmt');
  if (node.cols?.length) return result;
  const table = fromRangeVar(node.relation ?? {});
  const conditions = tableColumns(ctx.defs, table).map((name) => ({ name, condition: stillThere(ctx, { kind: 'column', table, name }) }));
  const gone = conditions.filter((c) => c.condition !== undefined);
  if (!gone.length) return result;
  const condition = gone.map((c) => c.condition).join(' AND ');
  return guardRewrite(stmt, result, condition, `skipped once ${gone.map((c) => `column ${sqlName(table)}.${quoteIdent(c.name)}`).join(', ')} ${gone.length > 1 ? 'are' : 'is'} gone (dropped or renamed later in this migration)`);
}

function insertRows(stmt: ParsedStatement, ctx: RewriteContext): Rewrite {
  const node = inner(stmt, 'InsertStmt');
  const table = fromRangeVar(node.relation ?? {});
  if (scratchTable(ctx, table)) return { up: [{ sql: stmt.text }], down: [{ kind: 'note', text: `rows inserted at ${where(stmt)} go with the temporary table` }], fate: 'kept', how: 'into a temporary table the migration drops', findings: [] };
  const rowsStay: DownStep = { kind: 'note', text: `rows inserted at ${where(stmt)} stay: pgmend cannot tell them apart from others` };
  if (node.onConflictClause) return { up: [{ sql: stmt.text }], down: [rowsStay], fate: 'kept', how: 'already ON CONFLICT', findings: [] };
  if (node.withClause || node.returningClause) return review(stmt, 'INSERT with WITH or RETURNING', rowsStay);
  const select = node.selectStmt && 'SelectStmt' in node.selectStmt ? node.selectStmt.SelectStmt : undefined;
  const rows = select?.valuesLists?.map((l) => ('List' in l ? (l.List.items ?? []) : []));
  if (!rows && guardedByNotExists(select?.whereClause)) return { up: [{ sql: stmt.text }], down: [rowsStay], fate: 'kept', how: 'already guarded by WHERE NOT EXISTS', findings: [] };
  // Without a column list, values fill the table's first columns, in the order pgmend recorded.
  const columns = node.cols?.length
    ? node.cols.map((c) => ('ResTarget' in c && !c.ResTarget.indirection?.length ? (c.ResTarget.name ?? '') : ''))
    : tableColumns(ctx.defs, table).slice(0, rows?.[0]?.length);
  if (!columns.length || columns.some((c) => !c) || rows?.some((r) => r.length !== columns.length)) {
    return review(stmt, 'cannot tell which columns this INSERT fills', rowsStay);
  }
  // A key column the INSERT leaves out takes its DEFAULT: a constant one is the same on every run.
  const keys = uniqueKeys(ctx.defs, table);
  const defaults = constantDefaults(ctx.defs, table, columns);
  const covering = keys.filter((k) => k.every((c) => columns.includes(c) || defaults.has(c)));
  const listed = (k: string[]) => k.filter((c) => columns.includes(c));
  // A key that takes a new value on every run (gen_random_uuid(), now()) never conflicts.
  const key = covering.find((k) => listed(k).every((c) => !valuesVary(select, rows, columns.indexOf(c))));
  const nullKey = key && rows?.some((row) => listed(key).some((c) => isNull(row[columns.indexOf(c)])));
  if (!key && covering.length && !rows) {
    const why = `the unique key ${covering[0]!.join(', ')} takes a new value on every run, so ON CONFLICT would not stop a second copy of each row`;
    return review(stmt, why, rowsStay, 'add a WHERE NOT EXISTS that recognises rows already copied, by the columns they come from');
  }
  if (key && !nullKey) {
    const down = rows ? deleteByKey(table, key, columns, rows, stmt.text, defaults) : undefined;
    const filled = key.filter((c) => !columns.includes(c));
    const how = `ON CONFLICT DO NOTHING (unique key ${key.join(', ')}${filled.length ? `; ${filled.join(', ')} from ${filled.length > 1 ? 'their' : 'its'} constant DEFAULT` : ''})`;
    return rewrite(`${stmt.text}\nON CONFLICT DO NOTHING`, [down ?? rowsStay], how);
  }
  if (!rows) return review(stmt, 'no unique key pgmend knows covers the rows this INSERT … SELECT adds', rowsStay);
  return guardRows(stmt, table, columns, rows, rowsStay, keys.length > 0);
};

/**
 * The columns of `table` an INSERT of `columns` leaves out that have a constant DEFAULT (no
 * call, column or subquery: `'X'`, `0`, `'a'::text`), with that default's text.
 */
function constantDefaults(defs: Definitions, table: QualifiedName, columns: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const column of tableColumns(defs, table)) {
    if (columns.includes(column)) continue;
    const value = defs.get('column-default', defKey(table, column));
    if (value !== undefined && isConstantDefault(value)) out.set(column, value);
  }
  return out;
}

/** Per default text, parsed once: a migration's INSERTs ask about the same few defaults again and again. */
const CONSTANT_DEFAULTS = new Map<string, boolean>();

function isConstantDefault(value: string): boolean {
  let constant = CONSTANT_DEFAULTS.get(value);
  if (constant === undefined) {
    const node = parseSql(`SELECT ${value}`).stmts?.[0]?.stmt;
    const target = node && 'SelectStmt' in node ? node.SelectStmt.targetList?.[0] : undefined;
    const expr = target && 'ResTarget' in target ? target.ResTarget.val : undefined;
    CONSTANT_DEFAULTS.set(value, (constant = expr !== undefined && isConstant(expr) && !isNull(expr)));
  }
  return constant;
}

type Row = Node[];

/** A temporary table this migration creates before and drops after: a re-run starts it empty. */
function scratchTable(ctx: RewriteContext, table: QualifiedName): boolean {
  const m = ctx.migration;
  if (!m) return false;
  const temporary = m.statements.slice(0, m.index).some((s) => {
    const create = (s.node as { CreateStmt?: { relation?: { relname?: string; schemaname?: string; relpersistence?: string } } } | undefined)?.CreateStmt;
    return create?.relation?.relpersistence === 't' && create.relation.relname === table.name && (!table.schema || table.schema === create.relation.schemaname || table.schema === 'pg_temp');
  });
  return temporary && later(ctx, { kind: 'relation', name: table })?.dropped === true;
}

function tableColumns(defs: Definitions, table: QualifiedName): string[] {
  const prefix = `${defKey(table)}.`;
  return defs.names('column', prefix).map((k) => k.slice(prefix.length));
}

/**
 * One `INSERT … SELECT <row> WHERE NOT EXISTS (same values)` per VALUES row; with `ON CONFLICT
 * DO NOTHING` too when the table has a unique key (`keyed`): once the row has changed, the values
 * no longer find it, but a key it still holds stops the second copy instead of failing.
 */
function guardRows(stmt: ParsedStatement, table: QualifiedName, columns: string[], rows: Row[], rowsStay: DownStep, keyed: boolean): Rewrite {
  const tokens = codeTokens(stmt.text);
  const values = findTopLevel(tokens, new Set(['VALUES']), 0);
  const spans = values < 0 ? [] : splitTopLevel(tokens, values + 1, tokens.length - 1);
  if (spans.length !== rows.length || rows.some((r) => r.some((v) => 'SetToDefault' in v))) {
    return review(stmt, 'cannot guard these VALUES rows (DEFAULT or unusual layout)', rowsStay);
  }
  const prefix = stmt.text.slice(0, tokens[values]!.start).trimEnd();
  const up: UpStep[] = [];
  const down: DownStep[] = [];
  const skipped = new Set<string>(); // columns some row is not recognised by (a value not constant)
  for (let r = 0; r < rows.length; r++) {
    const items = listItems(tokens, spans[r]![0]).map((s) => textOf(stmt.text, tokens, s));
    const compared = columns.flatMap((c, i) => (isConstant(rows[r]![i]) ? [i] : []));
    if (!compared.length || items.length !== columns.length) return review(stmt, 'a row has no constant value to recognise it by', rowsStay);
    columns.forEach((c, i) => compared.includes(i) || skipped.add(c));
    const match = sameValues(compared.map((i) => quoteIdent(columns[i]!)), compared.map((i) => items[i]!));
    up.push({ sql: `${prefix}\nSELECT ${items.join(', ')}\nWHERE NOT EXISTS (SELECT 1 FROM ${sqlName(table)} WHERE ${match})${keyed ? '\nON CONFLICT DO NOTHING' : ''}` });
    down.unshift({ kind: 'sql', sql: `DELETE FROM ${sqlName(table)} WHERE ${match}` });
  }
  const how = `each row is inserted only when no row has the same values${skipped.size ? ` (${[...skipped].join(', ')} not compared where the value is not a constant)` : ''}${keyed ? ', and ON CONFLICT DO NOTHING for the unique keys it has' : ''}`;
  const finding = info(stmt, 'insert-guarded', `no unique key pgmend knows covers ${sqlName(table)}(${columns.join(', ')}): ${how}`);
  return rewrite(up, down, 'WHERE NOT EXISTS guard per row', [finding]);
}

function sameValues(columns: string[], values: string[]): string {
  return columns.length === 1 ? `${columns[0]} IS NOT DISTINCT FROM ${values[0]}` : `(${columns.join(', ')}) IS NOT DISTINCT FROM (${values.join(', ')})`;
}

/** DELETE of exactly the inserted rows, by the key (a column left out: its `defaults` value); undefined when a key value is not a constant. */
function deleteByKey(table: QualifiedName, key: string[], columns: string[], rows: Row[], text: string, defaults: ReadonlyMap<string, string>): DownStep | undefined {
  const tokens = codeTokens(text);
  const values = findTopLevel(tokens, new Set(['VALUES']), 0);
  const spans = values < 0 ? [] : splitTopLevel(tokens, values + 1, tokens.length - 1);
  if (spans.length !== rows.length) return undefined;
  const index = key.map((c) => columns.indexOf(c));
  const tuples = new Set<string>();
  for (let r = 0; r < rows.length; r++) {
    if (!index.every((i) => i < 0 || isConstant(rows[r]![i]))) return undefined;
    const items = listItems(tokens, spans[r]![0]).map((s) => textOf(text, tokens, s));
    const values = key.map((c, k) => (index[k]! < 0 ? defaults.get(c)! : items[index[k]!]!));
    tuples.add(key.length === 1 ? values[0]! : `(${values.join(', ')})`);
  }
  const cols = key.length === 1 ? quoteIdent(key[0]!) : `(${key.map(quoteIdent).join(', ')})`;
  return { kind: 'sql', sql: `DELETE FROM ${sqlName(table)} WHERE ${cols} IN (${[...tuples].join(', ')})` };
}

/**
 * Whether the value inserted into column `i` can differ from run to run: a call of a function
 * that answers differently each time (random ids, the clock, a sequence), in a VALUES row or in
 * the SELECT's output column. Functions not named here are taken to give the same answer.
 */
function valuesVary(select: SelectStmt | undefined, rows: Row[] | undefined, i: number): boolean {
  if (rows) return rows.some((row) => callsVolatile(row[i]));
  const target = select?.targetList;
  const star = target?.some((t) => 'ResTarget' in t && t.ResTarget.val && 'ColumnRef' in t.ResTarget.val && t.ResTarget.val.ColumnRef.fields?.some((f) => 'A_Star' in f));
  // A set operation or `*`: output columns cannot be matched up; look at all of them.
  if (!target || star) return callsVolatile(select as Node | undefined);
  const t = target[i];
  return t !== undefined && 'ResTarget' in t && callsVolatile(t.ResTarget.val);
}

type SelectStmt = NonNullable<Extract<Node, { SelectStmt: unknown }>['SelectStmt']>;

const VARYING = new Set(['ColumnRef', 'FuncCall', 'SubLink', 'ParamRef', 'SetToDefault', 'SQLValueFunction', 'NextValueExpr']);

/** A value with no function call, column or subquery in it: the same on every run. */
function isConstant(node: Node | undefined): boolean {
  let constant = node !== undefined;
  const walk = (v: unknown): void => {
    if (!constant || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    for (const k in v) {
      if (VARYING.has(k)) constant = false;
      walk((v as Record<string, unknown>)[k]);
    }
  };
  walk(node);
  return constant;
}

/** `… WHERE NOT EXISTS (…)` (possibly AND-ed with more): the form this rule writes. */
function guardedByNotExists(where: Node | undefined): boolean {
  if (!where || !('BoolExpr' in where)) return false;
  const { boolop, args = [] } = where.BoolExpr;
  if (boolop === 'NOT_EXPR') return args.some((a) => 'SubLink' in a && a.SubLink.subLinkType === 'EXISTS_SUBLINK');
  return boolop === 'AND_EXPR' && args.some(guardedByNotExists);
}

function isNull(node: Node | undefined): boolean {
  return node !== undefined && 'A_Const' in node && node.A_Const.isnull === true;
}

function review(stmt: ParsedStatement, why: string, down: DownStep, hint = 'add ON CONFLICT DO NOTHING or a unique key on the seeded columns'): Rewrite {
  return { up: [{ sql: stmt.text }], down: [down], fate: 'review', how: why, findings: [warning(stmt, 'insert-not-guarded', `${why}: running it twice may insert the rows twice`, hint)] };
}
