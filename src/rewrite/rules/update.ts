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
 * - its WHERE requires `c IS NULL` for a column it sets to a value that is never NULL: a
 *   second run finds no row left (`SET created_at = now() WHERE created_at IS NULL`).
 * Anything else is a data change for review (data-change.ts).
 * Handles: UpdateStmt.
 */
export const update: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'UpdateStmt');
  const targets = (node.targetList ?? []).map((t) => ('ResTarget' in t && !t.ResTarget.indirection?.length ? t.ResTarget : undefined));
  const plain = !node.fromClause?.length && !node.withClause && targets.length > 0 && targets.every((t) => t?.name && t.val && !('MultiAssignRef' in t.val));
  if (!plain) return dataChange(stmt, ctx);
  const set = targets.map((t) => ({ column: t!.name!, value: t!.val! }));
  const names = new Set(set.map((s) => s.column));
  const why = set.every((s) => sameOnEveryRun(s.value, names))
    ? 'new values do not depend on the columns it sets'
    : set.some((s) => neverNull(s.value) && requiresNull(node.whereClause, s.column))
      ? 'its WHERE skips the rows it already changed'
      : undefined;
  if (!why) return dataChange(stmt, ctx);
  return keep(stmt, `UPDATE that can run twice: ${why}`, [dataNotUndone(stmt)]);
};

/** No subquery, no clock or chance, no column among `targets` (nor DEFAULT, which may be either). */
function sameOnEveryRun(value: Node, targets: ReadonlySet<string>): boolean {
  let ok = !callsVolatile(value);
  const walk = (v: unknown): void => {
    if (!ok || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if ('SubLink' in o || 'SetToDefault' in o) ok = false;
    const ref = o.ColumnRef as { fields?: Node[] } | undefined;
    const last = ref?.fields?.at(-1);
    if (ref && (!last || !('String' in last) || targets.has(last.String.sval ?? ''))) ok = false;
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

/** `column IS NULL`, alone or AND-ed with anything else. */
function requiresNull(whereClause: Node | undefined, column: string): boolean {
  if (!whereClause) return false;
  const conjuncts = 'BoolExpr' in whereClause && whereClause.BoolExpr.boolop === 'AND_EXPR' ? (whereClause.BoolExpr.args ?? []) : [whereClause];
  return conjuncts.some((c) => {
    if (!('NullTest' in c) || c.NullTest.nulltesttype !== 'IS_NULL') return false;
    const arg = c.NullTest.arg;
    const last = arg && 'ColumnRef' in arg ? arg.ColumnRef.fields?.at(-1) : undefined;
    return last !== undefined && 'String' in last && last.String.sval === column;
  });
}
