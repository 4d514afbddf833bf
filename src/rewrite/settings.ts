/**
 * Session settings a statement changes for the rest of the connection: `SET name …` /
 * `RESET name` (LOCAL too: Alembic may run every revision in one transaction) and
 * `SELECT set_config('name', …, false)`, as pg_dump writes in its preamble. A psql script ends
 * with its session; a revision does not: Alembic's version-table update and the next revisions
 * run on the same connection (pg_dump's `search_path = ''` makes Alembic lose its
 * `alembic_version` table). So convert saves them first and puts them back at a revision's end.
 */
import type { SqlStatement } from '../sql/split.js';

export function settingsChanged(stmt: SqlStatement): string[] {
  const node = stmt.node as Record<string, unknown> | undefined;
  if (!node) return [];
  const set = node.VariableSetStmt as { kind?: string; name?: string } | undefined;
  if (set) {
    if (!set.name || set.kind === 'VAR_SET_MULTI' || set.kind === 'VAR_RESET_ALL') return [];
    // SET SESSION AUTHORIZATION too: set_config('session_authorization', …) puts it back.
    return [set.name.toLowerCase()];
  }
  if (!node.SelectStmt) return [];
  const names: string[] = [];
  walk(node.SelectStmt, (value) => {
    const call = (value as { FuncCall?: FuncCall }).FuncCall;
    if (!call || lastName(call) !== 'set_config') return;
    const [name, , local] = call.args ?? [];
    const literal = name?.A_Const?.sval?.sval;
    if (literal && !local?.A_Const?.boolval?.boolval) names.push(literal.toLowerCase());
  });
  return names;
}

/** `SELECT set_config(…)[, set_config(…)]` and nothing else: no FROM, no other expression. */
export function onlySetsConfig(stmt: SqlStatement): boolean {
  const select = (stmt.node as { SelectStmt?: { fromClause?: unknown; targetList?: { ResTarget?: { val?: { FuncCall?: FuncCall } } }[] } } | undefined)?.SelectStmt;
  if (!select || select.fromClause || !select.targetList?.length) return false;
  return select.targetList.every((t) => {
    const call = t.ResTarget?.val?.FuncCall;
    return call !== undefined && lastName(call) === 'set_config';
  });
}

interface FuncCall {
  funcname?: { String?: { sval?: string } }[];
  args?: { A_Const?: { sval?: { sval?: string }; boolval?: { boolval?: boolean } } }[];
}

function lastName(call: FuncCall): string | undefined {
  return call.funcname?.[call.funcname.length - 1]?.String?.sval;
}

function walk(value: unknown, visit: (v: object) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === 'object') {
    visit(value);
    for (const v of Object.values(value)) walk(v, visit);
  }
}
