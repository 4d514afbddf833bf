/**
 * The IF condition of a self-guarding DO block (rules/self-guarded-do.ts), read as an expression:
 * "create it if it is missing" (NOT EXISTS, to_regclass(…) IS NULL), or IF EXISTS.
 */
import { parseSql, type Node } from '../../sql/parser.js';
import { existenceCall } from './existence-calls.js';

/** absent: "create it if it is missing" (NOT EXISTS, to_regclass(…) IS NULL); present: IF EXISTS. */
export type TestKind = 'absent' | 'present';

/** The condition as an expression and its kind; undefined for any other shape (OR, counts, …). Redundant parentheses do not matter. */
export function readCondition(cond: string): { kind: TestKind; expr: Node } | undefined {
  let expr: Node | undefined;
  try {
    const stmt = parseSql(`SELECT (\n${cond}\n)`).stmts;
    const select = stmt?.length === 1 ? stmt[0]!.stmt : undefined;
    const target = select && 'SelectStmt' in select && !select.SelectStmt.fromClause ? select.SelectStmt.targetList : undefined;
    const res = target?.length === 1 ? target[0]! : undefined;
    expr = res && 'ResTarget' in res ? res.ResTarget.val : undefined;
  } catch {
    return undefined;
  }
  if (!expr) return undefined;
  if (allOf(expr, isAbsent)) return { kind: 'absent', expr };
  if (allOf(expr, isPresent)) return { kind: 'present', expr };
  return undefined;
}

/** `t` alone, or an AND of parts that all are. */
function allOf(e: Node, test: (e: Node) => boolean): boolean {
  if ('BoolExpr' in e && e.BoolExpr.boolop === 'AND_EXPR') return (e.BoolExpr.args ?? []).every((a) => allOf(a, test));
  return test(e);
}

function isAbsent(e: Node): boolean {
  if ('BoolExpr' in e && e.BoolExpr.boolop === 'NOT_EXPR' && e.BoolExpr.args?.length === 1) return isExists(e.BoolExpr.args[0]!);
  return 'NullTest' in e && e.NullTest.nulltesttype === 'IS_NULL' && e.NullTest.arg !== undefined && existenceCall(e.NullTest.arg) !== undefined;
}

function isPresent(e: Node): boolean {
  return isExists(e) || ('NullTest' in e && e.NullTest.nulltesttype === 'IS_NOT_NULL' && e.NullTest.arg !== undefined && existenceCall(e.NullTest.arg) !== undefined);
}

function isExists(e: Node): boolean {
  return 'SubLink' in e && e.SubLink.subLinkType === 'EXISTS_SUBLINK';
}
