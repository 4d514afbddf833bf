import { nodeType, parsePlpgsql, parseSql, type Node } from '../../sql/parser.js';
import { rewriteStatement } from '../index.js';
import type { DownStep, ParsedStatement, Rewrite, RewriteContext } from '../types.js';

/**
 * A DO block that guards its own DDL, as migration tools and people write it:
 *
 *   DO $$ BEGIN <DDL>; EXCEPTION WHEN duplicate_object THEN null; END $$   (Drizzle's foreign keys)
 *   DO $$ BEGIN IF NOT EXISTS (SELECT … FROM pg_…) THEN <DDL>; END IF; END $$
 *
 * is re-runnable as written: it is kept, and its downgrade is that of the statements inside, which
 * the rules read as if they stood alone (recording what they define for later downgrades). Any
 * other shape, or a statement inside that no rule makes re-runnable, is not recognised
 * (undefined): the block goes to review.
 */
export function selfGuardedDo(stmt: ParsedStatement, ctx: RewriteContext): Rewrite | undefined {
  const guarded = guardedStatements(stmt.text);
  if (!guarded) return undefined;
  const inner: ParsedStatement[] = [];
  for (const sql of guarded.statements) {
    const node = parseOne(sql);
    if (!node) return undefined;
    inner.push({ ...stmt, text: sql, node, nodeType: nodeType(node), leadingComment: undefined, lexed: undefined });
  }
  const downs: DownStep[][] = [];
  for (const s of inner) {
    const r = rewriteStatement(s, ctx);
    // Only DDL that a rule makes re-runnable is safe behind the block's own guard (an UPDATE
    // inside would still run twice).
    if (r.fate === 'review') return undefined;
    downs.unshift(r.down);
  }
  return { up: [{ sql: stmt.text }], down: downs.flat(), fate: 'kept', how: guarded.how, findings: [] };
}

function parseOne(sql: string): Node | undefined {
  try {
    const stmts = parseSql(sql).stmts;
    return stmts?.length === 1 ? stmts[0]!.stmt : undefined;
  } catch {
    return undefined;
  }
}

type Json = Record<string, unknown>;

/** The SQL statements of a DO block of one of the recognised shapes, with how it guards them. */
function guardedStatements(text: string): { statements: string[]; how: string } | undefined {
  let tree: Json;
  try {
    tree = parsePlpgsql(text) as Json;
  } catch {
    return undefined;
  }
  const fn = ((tree.plpgsql_funcs as Json[] | undefined)?.[0]?.PLpgSQL_function ?? {}) as Json;
  const top = (fn.action as Json | undefined)?.PLpgSQL_stmt_block as Json | undefined;
  const body = withoutReturn(top?.body);
  // A block with an exception handler is nested in the function's own block.
  const block = body.length === 1 && body[0]!.PLpgSQL_stmt_block ? (body[0]!.PLpgSQL_stmt_block as Json) : top;
  if (!block) return undefined;
  const stmts = withoutReturn(block.body);
  const handled = handledConditions(block.exceptions as Json | undefined);
  if (handled === undefined) return undefined;
  if (handled.length) {
    const sql = executedSql(stmts);
    return sql && handled.every((c) => ALREADY_EXISTS.has(c)) ? { statements: sql, how: `DO block that ignores ${handled.join(', ')}` } : undefined;
  }
  const ifStmt = stmts.length === 1 ? (stmts[0]!.PLpgSQL_stmt_if as Json | undefined) : undefined;
  if (!ifStmt || ifStmt.elsif_list || ifStmt.else_body) return undefined;
  const cond = String(((ifStmt.cond as Json | undefined)?.PLpgSQL_expr as Json | undefined)?.query ?? '');
  // "Create it if it is missing": undoing it is safe whether or not the block ran it.
  if (!/^\s*NOT\s+EXISTS\s*\(/i.test(cond)) return undefined;
  const sql = executedSql(withoutReturn(ifStmt.then_body));
  return sql ? { statements: sql, how: 'DO block guarded by IF NOT EXISTS' } : undefined;
}

/** Errors meaning "it is there already". */
const ALREADY_EXISTS = new Set(['duplicate_object', 'duplicate_table', 'duplicate_column', 'duplicate_schema', 'duplicate_function', 'duplicate_alias']);

function withoutReturn(body: unknown): Json[] {
  const list = (Array.isArray(body) ? body : []) as Json[];
  return list.filter((s) => !('PLpgSQL_stmt_return' in s && !(s.PLpgSQL_stmt_return as Json).expr));
}

/** Condition names of an exception block whose handlers do nothing ([] without one); undefined when a handler acts. */
function handledConditions(exceptions: Json | undefined): string[] | undefined {
  const list = ((exceptions?.PLpgSQL_exception_block as Json | undefined)?.exc_list ?? []) as Json[];
  const names: string[] = [];
  for (const e of list) {
    const exc = e.PLpgSQL_exception as Json;
    if (withoutReturn(exc.action).some((s) => !('PLpgSQL_stmt_raise' in s))) return undefined; // NULL or a notice only
    for (const c of (exc.conditions ?? []) as Json[]) names.push(String((c.PLpgSQL_condition as Json).condname));
  }
  return names;
}

/** The SQL of statements that are all plain SQL (no PL/pgSQL control flow, no dynamic EXECUTE). */
function executedSql(stmts: Json[]): string[] | undefined {
  if (!stmts.length || !stmts.every((s) => 'PLpgSQL_stmt_execsql' in s)) return undefined;
  return stmts.map((s) => String((((s.PLpgSQL_stmt_execsql as Json).sqlstmt as Json).PLpgSQL_expr as Json).query));
}
