import type { SelectStmt, SubLink } from '@pgsql/types';
import type { Node } from '../../sql/parser.js';
import type { Definitions } from '../definitions.js';
import { inner } from '../edits.js';
import { defKey, fromRangeVar, type QualifiedName } from '../names.js';
import { callsVolatile } from '../volatile.js';
import { dataChange, dataNotUndone } from './data-change.js';
import { keep } from './keep.js';
import type { Rule } from '../types.js';

/**
 * UPDATE that can run twice as written (kept; its downgrade is a note: data is not undone):
 * - every new value is built from columns it does not set, constants, functions that give the
 *   same answer each time (no clock or chance) and scalar subqueries that read neither the
 *   target table nor a column the UPDATE sets (`SET n = (SELECT n FROM e WHERE e.id = t.e_id)`,
 *   see soundSubquery): a second run writes the same values again (`SET slug = lower(title)`); or
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
  const target: Target = {
    relname: node.relation.relname ?? '',
    qualifier: node.relation.alias?.aliasname ?? node.relation.relname ?? '',
    sets: new Set(set.map((s) => s.column)),
    from: fromTables(node.fromClause ?? []),
    defs: ctx.defs,
  };
  const why =
    !node.fromClause?.length && set.every((s) => sameOnEveryRun(s.value, target))
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
  /** What the files defined so far: which columns the tables a subquery reads have. */
  defs: Definitions;
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

/** No clock or chance, no column the UPDATE sets (nor DEFAULT, which may be either), only sound subqueries. */
function sameOnEveryRun(value: Node, target: Target): boolean {
  return fixedValue(
    value,
    (fields) => {
      const column = fields.at(-1);
      return column !== undefined && !target.sets.has(column);
    },
    target,
  );
}

/**
 * Like sameOnEveryRun, but columns of the FROM tables are allowed: the value a second run
 * computes for the same row, from the same FROM row (see the rule above).
 */
function fixedWithFrom(value: Node, target: Target): boolean {
  const from = target.from;
  if (!from || [...from.values()].includes(target.relname)) return false;
  return fixedValue(
    value,
    (fields) => {
      const column = fields.at(-1);
      const qualifier = fields.length >= 2 ? fields.at(-2) : undefined;
      if (column === undefined) return false;
      // Unqualified: a column the UPDATE sets is the target's (Postgres calls it ambiguous if a FROM table has one too).
      if (qualifier === undefined || qualifier === target.qualifier) return !target.sets.has(column);
      return from.has(qualifier);
    },
    target,
  );
}

/**
 * No clock or chance, no DEFAULT, no subquery but a sound scalar one (soundSubquery), and
 * outside subqueries only column references `allowed` accepts (their name parts).
 */
function fixedValue(value: Node, allowed: (fields: (string | undefined)[]) => boolean, target: Target): boolean {
  let ok = !callsVolatile(value);
  const walk = (v: unknown): void => {
    if (!ok || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if ('SetToDefault' in o) ok = false;
    if ('SubLink' in o) {
      if (!soundSubquery(o.SubLink as SubLink, target)) ok = false;
      return;
    }
    const ref = o.ColumnRef as { fields?: Node[] } | undefined;
    if (ref && !allowed((ref.fields ?? []).map((f) => ('String' in f ? f.String.sval : undefined)))) ok = false;
    for (const k in o) walk(o[k]);
  };
  walk(value);
  return ok;
}

/** The tables (and other row sources) a SELECT level reads, by the name its columns are qualified with; undefined: columns unknown. */
type Scope = Map<string, QualifiedName | undefined>;

/**
 * A scalar subquery `(SELECT …)` that a second run computes the same: it reads the same rows,
 * since it names no table called like the UPDATE's target (in any FROM or JOIN of it, nested
 * subqueries too; a view reading the target is not detected) and has no WITH; and each column
 * it reads is one of its own tables' or, correlated, one of the target's the UPDATE does not set
 * (`WHERE e.id = t.event_id`), or of a FROM table of the UPDATE. An unqualified column named
 * like one the UPDATE sets is taken as its own only when a table it reads has that column in
 * these files; otherwise Postgres may resolve it to the target's. Clock and chance are checked
 * over the whole value (fixedValue).
 */
function soundSubquery(link: SubLink, target: Target): boolean {
  return link.subLinkType === 'EXPR_SUBLINK' && link.subselect !== undefined && 'SelectStmt' in link.subselect && selectSound(link.subselect.SelectStmt, [], target);
}

function selectSound(s: SelectStmt, outer: Scope[], target: Target): boolean {
  if (s.withClause) return false;
  if (s.op && s.op !== 'SETOP_NONE') return s.larg !== undefined && s.rarg !== undefined && selectSound(s.larg, outer, target) && selectSound(s.rarg, outer, target);
  const scope: Scope = new Map();
  const scopes = [scope, ...outer];
  const later: Node[] = []; // join conditions and function arguments, read once the scope is complete
  const add = (f: Node): boolean => {
    if ('RangeVar' in f) {
      if (f.RangeVar.relname === target.relname) return false;
      scope.set(f.RangeVar.alias?.aliasname ?? f.RangeVar.relname ?? '', fromRangeVar(f.RangeVar));
      return true;
    }
    if ('JoinExpr' in f && f.JoinExpr.larg && f.JoinExpr.rarg) {
      if (f.JoinExpr.alias?.aliasname) scope.set(f.JoinExpr.alias.aliasname, undefined);
      if (f.JoinExpr.quals) later.push(f.JoinExpr.quals);
      return add(f.JoinExpr.larg) && add(f.JoinExpr.rarg);
    }
    if ('RangeSubselect' in f && f.RangeSubselect.subquery && 'SelectStmt' in f.RangeSubselect.subquery) {
      if (f.RangeSubselect.alias?.aliasname) scope.set(f.RangeSubselect.alias.aliasname, undefined);
      return selectSound(f.RangeSubselect.subquery.SelectStmt, scopes, target);
    }
    if ('RangeFunction' in f) {
      if (f.RangeFunction.alias?.aliasname) scope.set(f.RangeFunction.alias.aliasname, undefined);
      later.push(...(f.RangeFunction.functions ?? []));
      return true;
    }
    return false;
  };
  if (!(s.fromClause ?? []).every(add)) return false;
  const parts = [s.targetList, s.whereClause, s.groupClause, s.havingClause, s.windowClause, s.sortClause, s.distinctClause, s.limitCount, s.limitOffset, s.valuesLists];
  return [...later, ...parts].every((n) => readsSound(n, scopes, target));
}

/** Every column reference in `node` resolves soundly (see soundSubquery), nested subqueries too. */
function readsSound(node: unknown, scopes: Scope[], target: Target): boolean {
  let ok = true;
  const walk = (v: unknown): void => {
    if (!ok || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if ('SubLink' in o) {
      const link = o.SubLink as SubLink;
      walk(link.testexpr);
      if (!link.subselect || !('SelectStmt' in link.subselect) || !selectSound(link.subselect.SelectStmt, scopes, target)) ok = false;
      return;
    }
    if ('SelectStmt' in o) {
      ok = false; // a query in a place this walk does not know
      return;
    }
    const ref = o.ColumnRef as { fields?: Node[] } | undefined;
    if (ref && !resolvesSoundly((ref.fields ?? []).map((f) => ('String' in f ? f.String.sval : undefined)), scopes, target)) ok = false;
    for (const k in o) walk(o[k]);
  };
  walk(node);
  return ok;
}

/** A column reference inside a subquery: its own, or one of the target's the UPDATE does not set, or a FROM table's. */
function resolvesSoundly(fields: (string | undefined)[], scopes: Scope[], target: Target): boolean {
  const column = fields.at(-1);
  if (fields.length === 1) {
    if (column === undefined) return true; // `*` of its own tables
    // The target's whole row, read by its name.
    if (column === target.qualifier && !scopes.some((s) => s.has(column))) return false;
    if (!target.sets.has(column)) return true;
    return scopes.some((s) => [...s.values()].some((t) => t !== undefined && target.defs.has('column', defKey(t, column))));
  }
  const qualifier = fields.at(-2);
  if (qualifier === undefined) return false;
  if (scopes.some((s) => s.has(qualifier))) return true;
  if (qualifier === target.qualifier) return column !== undefined && !target.sets.has(column);
  return target.from?.has(qualifier) ?? false;
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
  const fixed = target.from?.size === 0 ? sameOnEveryRun(value, target) : fixedWithFrom(value, target);
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
