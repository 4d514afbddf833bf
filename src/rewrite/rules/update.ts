import type { Node } from '../../sql/parser.js';
import { inner } from '../edits.js';
import { callsVolatile } from '../volatile.js';
import { dataChange, dataNotUndone } from './data-change.js';
import { keep } from './keep.js';
import type { Rule } from '../types.js';

/**
 * UPDATE that can run twice as written (kept; its downgrade is a note: data is not undone):
 * - every new value is built from columns it does not set, constants and functions that give
 *   the same answer each time (no subquery, no other table, no clock or chance): a second run
 *   writes the same values again (`SET slug = lower(title)`); or
 * - its WHERE skips the rows it already changed, with or without FROM: it requires
 *   - `c IS NULL` for a column c it sets to a value that is never NULL
 *     (`SET created_at = now() WHERE created_at IS NULL`), or
 *   - `c <> v`, `c != v`, `c IS DISTINCT FROM v` or `NOT (c = v)` for a column c it sets to
 *     that same v (`SET status = e.status FROM execution e WHERE … AND task.status <> e.status`),
 *     where v gives the same answer on a second run: built from constants, functions that give
 *     the same answer each time, the target's columns the UPDATE does not set, and columns of
 *     the tables named in FROM (plain tables, none of them the target itself: a self-join, or a
 *     subquery in FROM, could read what the UPDATE changes). Once a row is updated c equals v,
 *     so the second run skips it (or v is NULL, and `<>` skipped it the first time).
 *   A target row that joins several FROM rows gets the value of one of them, which one is up to
 *   Postgres; a second run may pick another: no error, and no less defined than the first run.
 *   (A table in FROM that is a view reading the target is not detected.)
 * Anything else is a data change for review (data-change.ts).
 * Handles: UpdateStmt.
 */
export const update: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'UpdateStmt');
  const targets = (node.targetList ?? []).map((t) => ('ResTarget' in t && !t.ResTarget.indirection?.length ? t.ResTarget : undefined));
  const simple = !node.withClause && targets.length > 0 && targets.every((t) => t?.name && t.val && !('MultiAssignRef' in t.val));
  if (!simple || !node.relation) return dataChange(stmt, ctx);
  const set = targets.map((t) => ({ column: t!.name!, value: t!.val! }));
  const names = new Set(set.map((s) => s.column));
  const target: Target = {
    relname: node.relation.relname ?? '',
    qualifier: node.relation.alias?.aliasname ?? node.relation.relname ?? '',
    sets: names,
    from: fromTables(node.fromClause ?? []),
  };
  const why =
    !node.fromClause?.length && set.every((s) => sameOnEveryRun(s.value, names))
      ? 'new values do not depend on the columns it sets'
      : set.some((s) => (neverNull(s.value) && requiresNull(node.whereClause, s.column, target)) || requiresDifferent(node.whereClause, s.column, s.value, target))
        ? 'its WHERE skips the rows it already changed'
        : undefined;
  if (!why) return dataChange(stmt, ctx);
  return keep(stmt, `UPDATE that can run twice: ${why}`, [dataNotUndone(stmt)]);
};

interface Target {
  relname: string;
  /** How its columns are qualified: its alias, else its name. */
  qualifier: string;
  /** The columns the UPDATE sets. */
  sets: ReadonlySet<string>;
  /** FROM aliases (or names) of plain tables other than the target; undefined when FROM holds anything else. */
  from: ReadonlyMap<string, string> | undefined;
}

/** The plain tables of a FROM list, by the name their columns are qualified with; undefined if it holds a subquery, a function, or the target's own table (checked by the caller). */
function fromTables(items: Node[]): Map<string, string> | undefined {
  const out = new Map<string, string>();
  const add = (f: Node): boolean => {
    if ('RangeVar' in f) {
      out.set(f.RangeVar.alias?.aliasname ?? f.RangeVar.relname ?? '', f.RangeVar.relname ?? '');
      return true;
    }
    if ('JoinExpr' in f && f.JoinExpr.larg && f.JoinExpr.rarg && !f.JoinExpr.alias) return add(f.JoinExpr.larg) && add(f.JoinExpr.rarg);
    return false;
  };
  return items.every(add) ? out : undefined;
}

/** No subquery, no clock or chance, no column among `targets` (nor DEFAULT, which may be either). */
function sameOnEveryRun(value: Node, targets: ReadonlySet<string>): boolean {
  return fixedValue(value, (fields) => {
    const column = fields.at(-1);
    return column !== undefined && !targets.has(column);
  });
}

/**
 * Like sameOnEveryRun, but columns of the FROM tables are allowed: the value a second run
 * computes for the same row, from the same FROM row (see the rule above).
 */
function fixedWithFrom(value: Node, target: Target): boolean {
  const from = target.from;
  if (!from || [...from.values()].includes(target.relname)) return false;
  return fixedValue(value, (fields) => {
    const column = fields.at(-1);
    const qualifier = fields.length >= 2 ? fields.at(-2) : undefined;
    if (column === undefined) return false;
    // Unqualified: a column the UPDATE sets is the target's (Postgres calls it ambiguous if a FROM table has one too).
    if (qualifier === undefined || qualifier === target.qualifier) return !target.sets.has(column);
    return from.has(qualifier);
  });
}

/** No subquery, no clock or chance, no DEFAULT, and only column references `allowed` accepts (their name parts). */
function fixedValue(value: Node, allowed: (fields: (string | undefined)[]) => boolean): boolean {
  let ok = !callsVolatile(value);
  const walk = (v: unknown): void => {
    if (!ok || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if ('SubLink' in o || 'SetToDefault' in o) ok = false;
    const ref = o.ColumnRef as { fields?: Node[] } | undefined;
    if (ref && !allowed((ref.fields ?? []).map((f) => ('String' in f ? f.String.sval : undefined)))) ok = false;
    for (const k in o) walk(o[k]);
  };
  walk(value);
  return ok;
}

/** A constant other than NULL, or a call that always answers (now(), gen_random_uuid()). */
function neverNull(value: Node): boolean {
  let v: Node | undefined = value;
  while (v && 'TypeCast' in v) v = v.TypeCast.arg;
  if (!v) return false;
  if ('A_Const' in v) return !v.A_Const.isnull;
  return callsVolatile(v) && ('FuncCall' in v || 'SQLValueFunction' in v);
}

function conjuncts(whereClause: Node | undefined): Node[] {
  if (!whereClause) return [];
  return 'BoolExpr' in whereClause && whereClause.BoolExpr.boolop === 'AND_EXPR' ? (whereClause.BoolExpr.args ?? []).flatMap((a) => conjuncts(a)) : [whereClause];
}

/** The target's `column`: unqualified, or qualified by the target's alias (or name). */
function isTargetColumn(node: Node | undefined, column: string, target: Target): boolean {
  if (!node || !('ColumnRef' in node)) return false;
  const fields = (node.ColumnRef.fields ?? []).map((f) => ('String' in f ? f.String.sval : undefined));
  if (fields.at(-1) !== column) return false;
  return fields.length === 1 || fields.at(-2) === target.qualifier;
}

/** `column IS NULL`, alone or AND-ed with anything else. */
function requiresNull(whereClause: Node | undefined, column: string, target: Target): boolean {
  return conjuncts(whereClause).some((c) => 'NullTest' in c && c.NullTest.nulltesttype === 'IS_NULL' && isTargetColumn(c.NullTest.arg, column, target));
}

/** `column <> value` (or `!=`, `IS DISTINCT FROM`, `NOT (column = value)`), either way round, AND-ed with anything else; `value` fixed (fixedWithFrom). */
function requiresDifferent(whereClause: Node | undefined, column: string, value: Node, target: Target): boolean {
  const fixed = target.from?.size === 0 ? sameOnEveryRun(value, target.sets) : fixedWithFrom(value, target);
  if (!fixed) return false;
  const wanted = shape(value);
  return conjuncts(whereClause).some((c) => {
    let cmp: Node | undefined;
    if ('A_Expr' in c && ((c.A_Expr.kind === 'AEXPR_OP' && operator(c) === '<>') || (c.A_Expr.kind === 'AEXPR_DISTINCT' && operator(c) === '='))) cmp = c;
    else if ('BoolExpr' in c && c.BoolExpr.boolop === 'NOT_EXPR' && c.BoolExpr.args?.length === 1) {
      const a = c.BoolExpr.args[0]!;
      if ('A_Expr' in a && ((a.A_Expr.kind === 'AEXPR_OP' && operator(a) === '=') || (a.A_Expr.kind === 'AEXPR_NOT_DISTINCT' && operator(a) === '='))) cmp = a;
    }
    if (!cmp || !('A_Expr' in cmp)) return false;
    const { lexpr, rexpr } = cmp.A_Expr;
    return (isTargetColumn(lexpr, column, target) && rexpr !== undefined && shape(rexpr) === wanted) || (isTargetColumn(rexpr, column, target) && lexpr !== undefined && shape(lexpr) === wanted);
  });
}

function operator(e: Node): string | undefined {
  const op = 'A_Expr' in e ? e.A_Expr.name?.at(-1) : undefined;
  return op && 'String' in op ? op.String.sval : undefined;
}

/** The expression without source positions, for comparing two of them. */
function shape(node: Node): string {
  return JSON.stringify(node, (k, v: unknown) => (k === 'location' ? undefined : v));
}
