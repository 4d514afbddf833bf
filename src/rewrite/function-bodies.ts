/**
 * Postgres checks the body of a LANGUAGE sql function or procedure against the schema when it
 * creates it (check_function_bodies, on by default). A revision run again where a later one
 * already ran (the SQL applied by hand, then the chain from its start) meets the later schema: a
 * body naming a column that a later revision renamed or dropped fails, though the later revision
 * puts its own body in place right after. pg_dump turns the check off before it creates functions;
 * the revisions do the same around the steps marked here (plan/function-bodies.ts writes it).
 *
 * PL/pgSQL bodies are only parsed at creation, so they need nothing. SQL-standard bodies (BEGIN
 * ATOMIC, RETURN) are parsed and bound whatever the setting: those run only while the columns
 * they read are there instead (uses.ts, rerun-guards.ts).
 */
import type { CreateFunctionStmt } from '@pgsql/types';
import type { SqlStatement } from '../sql/split.js';
import { parseSql, type Node } from '../sql/parser.js';
import type { DownStep, ParsedStatement, Rewrite, RewriteContext } from './types.js';

/** A LANGUAGE sql function with a string body: checked when it is created. */
export function checkedAtCreation(fn: CreateFunctionStmt): boolean {
  if (fn.sql_body) return false;
  const language = fn.options?.find((o) => 'DefElem' in o && o.DefElem.defname === 'language');
  const arg = language && 'DefElem' in language ? language.DefElem.arg : undefined;
  return arg !== undefined && 'String' in arg && arg.String.sval?.toLowerCase() === 'sql';
}

/** Does this step's SQL (a definition an earlier statement recorded) create a function checked at creation? */
export function definesCheckedFunction(sql: string): boolean {
  // Cheap signs first: most down steps are drops, and most definitions are not functions. A
  // string body needs a LANGUAGE clause (an SQL-standard body, without one, is not checked here).
  if (!/^\s*CREATE\b/i.test(sql) || !/\bLANGUAGE\s+['"]?sql\b/i.test(sql) || !/\b(?:FUNCTION|PROCEDURE)\b/i.test(sql)) return false;
  try {
    const stmts = parseSql(sql).stmts;
    const node = stmts?.length === 1 ? stmts[0]!.stmt : undefined;
    return node !== undefined && 'CreateFunctionStmt' in node && checkedAtCreation(node.CreateFunctionStmt);
  } catch {
    return false;
  }
}

/**
 * Marks the steps that create a function checked at creation: every up step of such a CREATE
 * FUNCTION (a DROP before it, when there is one, is harmless in the same bracket), and every
 * down step that puts such a definition back (a body replaced or dropped here: on the way down
 * it comes back before this revision's own renames are undone). Nothing is marked where the
 * migration has turned the check off itself (pg_dump's preamble).
 */
export function markCheckedBodies(stmt: ParsedStatement, ctx: RewriteContext, rewrite: Rewrite): Rewrite {
  const node = stmt.node as { CreateFunctionStmt?: CreateFunctionStmt };
  const creates = node.CreateFunctionStmt !== undefined && checkedAtCreation(node.CreateFunctionStmt);
  let restores: Set<DownStep> | undefined;
  for (const d of rewrite.down) if (d.kind === 'sql' && definesCheckedFunction(d.sql)) (restores ??= new Set()).add(d);
  if ((!creates && !restores) || checksOff(ctx)) return rewrite;
  return {
    ...rewrite,
    up: creates ? rewrite.up.map((s) => ({ ...s, checkedBody: true })) : rewrite.up,
    down: restores ? rewrite.down.map((d) => (d.kind === 'sql' && restores.has(d) ? { ...d, checkedBody: true } : d)) : rewrite.down,
  };
}

/** A statement that sets check_function_bodies for the session: off (true) or anything else (false). */
interface Setting {
  at: number;
  off: boolean;
}

const SETTINGS = new WeakMap<readonly SqlStatement[], Setting[]>();

/**
 * Has an earlier statement of this migration turned check_function_bodies off for the session?
 * (SET LOCAL does not count: outside a transaction it does nothing.) Its revision restores the
 * setting at its end, and replays it for the derived downgrade of what ran after it.
 */
function checksOff(ctx: RewriteContext): boolean {
  const m = ctx.migration;
  if (!m) return false;
  let settings = SETTINGS.get(m.statements);
  if (!settings) {
    settings = m.statements.flatMap((s, at) => {
      const off = s.node && setsChecks(s.node);
      return off === undefined ? [] : [{ at, off }];
    });
    SETTINGS.set(m.statements, settings);
  }
  let off = false;
  for (const s of settings) {
    if (s.at >= m.index) break;
    if (s.at >= (m.start ?? 0)) off = s.off;
  }
  return off;
}

/** What a statement does to check_function_bodies for the session: off (true), anything else (false), or nothing (undefined). */
function setsChecks(node: Node): boolean | undefined {
  if ('VariableSetStmt' in node) {
    const set = node.VariableSetStmt;
    if (set.kind === 'VAR_RESET_ALL') return false;
    if (set.name?.toLowerCase() !== 'check_function_bodies') return undefined;
    return set.kind === 'VAR_SET_VALUE' && !set.is_local && isOff(set.args?.[0]);
  }
  if ('DiscardStmt' in node) return node.DiscardStmt.target === 'DISCARD_ALL' ? false : undefined;
  if (!('SelectStmt' in node)) return undefined;
  let found: boolean | undefined;
  walk(node.SelectStmt, (call) => {
    const name = call.funcname?.at(-1);
    if (!name || !('String' in name) || name.String.sval !== 'set_config') return;
    const [setting, value, local] = call.args ?? [];
    if (!setting || !('A_Const' in setting) || setting.A_Const.sval?.sval?.toLowerCase() !== 'check_function_bodies') return;
    const isLocal = local !== undefined && 'A_Const' in local && local.A_Const.boolval?.boolval === true;
    if (!isLocal) found = isOff(value);
  });
  return found;
}

/** `false`, `off`, `no`, `0` and the prefixes Postgres accepts for them. */
function isOff(value: Node | undefined): boolean {
  if (!value || !('A_Const' in value)) return false;
  const c = value.A_Const;
  if (c.ival !== undefined) return !c.ival.ival;
  if (c.boolval !== undefined) return !c.boolval.boolval;
  return /^(f|fa|fal|fals|false|n|no|of|off|0)$/i.test(c.sval?.sval?.trim() ?? '');
}

type FuncCall = Extract<Node, { FuncCall: unknown }>['FuncCall'];

function walk(value: unknown, visit: (call: FuncCall) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === 'object') {
    if ('FuncCall' in value) visit((value as { FuncCall: FuncCall }).FuncCall);
    for (const v of Object.values(value)) walk(v, visit);
  }
}
