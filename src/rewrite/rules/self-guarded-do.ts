import { nodeType, parsePlpgsql, parseSql, type Node } from '../../sql/parser.js';
import { rewriteStatement } from '../index.js';
import { andGuard } from '../guards.js';
import { doBlock } from './data-change.js';
import { readCondition } from '../do-guard/condition.js';
import { createdObjects, type CreatedObject } from '../do-guard/created-objects.js';
import { untestedReason } from '../do-guard/tested-object.js';
import type { Finding } from '../../findings.js';
import type { DownStep, ParsedStatement, Rewrite, RewriteContext } from '../types.js';

/**
 * A DO block that guards its own DDL, as migration tools and people write it:
 *
 *   DO $$ BEGIN <DDL>; EXCEPTION WHEN duplicate_object THEN null; END $$   (Drizzle's foreign keys)
 *   DO $$ BEGIN IF NOT EXISTS (SELECT … FROM pg_…) THEN <DDL>; END IF; END $$
 *
 * is re-runnable as written when the rules can make each statement inside re-runnable (the
 * block's own guard does that job). A block whose statements are all re-runnable as written
 * (GRANT, ALTER … OWNER TO) is too, whatever runs them: `IF EXISTS (…) THEN`, or a handler that
 * only notes an error. It is kept, and its downgrade is that of the statements inside, read as if
 * they stood alone (recording what they define); under `IF EXISTS (…)` that downgrade runs under
 * the same condition. Redundant parentheses around the condition, or its parts, do not matter.
 * An `IF NOT EXISTS (…)` whose condition does not test an object the block creates (by name,
 * in a catalog that lists it: do-guard-test.ts) is no guard: the block goes to review with
 * that reason. Any other shape is not recognised (undefined): the block goes to review.
 */
export function selfGuardedDo(stmt: ParsedStatement, ctx: RewriteContext): Rewrite | undefined {
  const block = guardedStatements(stmt.text);
  if (!block) return undefined;
  const inner: ParsedStatement[] = [];
  for (const sql of block.statements) {
    const node = parseOne(sql);
    if (!node) return undefined;
    inner.push({ ...stmt, text: sql, node, nodeType: nodeType(node), leadingComment: undefined, lexed: undefined });
  }
  const downs: DownStep[][] = [];
  const created: CreatedObject[] = [];
  const findings: Finding[] = [];
  let checkedBody = false;
  for (const s of inner) {
    const r = rewriteStatement(s, ctx);
    // A LANGUAGE sql function created inside: the block runs with check_function_bodies off.
    checkedBody ||= r.up.some((u) => u.checkedBody);
    // An UPDATE inside would still run twice; without a guard that makes it so, each statement
    // must be re-runnable as written.
    if (r.fate === 'review' || (!block.guards && r.fate !== 'kept')) return undefined;
    // What the guard must protect: the statements that could not run twice on their own.
    if (r.fate !== 'kept') created.push(...createdObjects(s.node));
    downs.unshift(r.down);
    // A role the block creates belongs to the whole cluster, as for CREATE ROLE on its own (create-role.ts).
    findings.push(...r.findings.filter((f) => CARRIED.has(f.code)).map((f) => (block.test ? { ...f, message: `${f.message}; the block creates it only when it is missing, so it may have been there before (made by hand, or by another database's migrations)` } : f)));
  }
  const cond = block.condition;
  const down = downs.flat().map((d): DownStep => (cond && d.kind === 'sql' ? { ...d, sql: andGuard(cond, d.sql) } : d));
  // IF NOT EXISTS (…) guards only if it tests something the block creates (do-guard-test.ts).
  const untested = block.test && created.length ? untestedReason(block.test, created) : undefined;
  if (untested) {
    const review = doBlock(stmt, untested, down);
    return { ...review, findings: [...review.findings, ...findings] };
  }
  return { up: [{ sql: stmt.text, ...(checkedBody ? { checkedBody } : {}) }], down, fate: 'kept', how: block.how, findings };
}

/** Findings of the statements inside that hold for the block too: what its downgrade does beyond this database. */
const CARRIED = new Set(['role-cluster-global']);

function parseOne(sql: string): Node | undefined {
  try {
    const stmts = parseSql(sql).stmts;
    return stmts?.length === 1 ? stmts[0]!.stmt : undefined;
  } catch {
    return undefined;
  }
}

type Json = Record<string, unknown>;

/**
 * The SQL statements of a DO block of a recognised shape, how it runs them, whether its own
 * guard makes them re-runnable (`guards`), and the condition its downgrade must share, if any.
 */
function guardedStatements(text: string): { statements: string[]; how: string; guards: boolean; condition?: string; test?: Node } | undefined {
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
  const ignoring = handled.length ? ` that ignores ${handled.join(', ')}` : '';
  const ifStmt = stmts.length === 1 ? (stmts[0]!.PLpgSQL_stmt_if as Json | undefined) : undefined;
  if (handled.length && !ifStmt) {
    const sql = executedSql(stmts);
    if (!sql) return undefined;
    const already = handled.every((c) => ALREADY_EXISTS.has(c));
    return { statements: sql, how: `DO block${ignoring}`, guards: already };
  }
  // An IF guard with a handler that only notes errors (`EXCEPTION WHEN OTHERS THEN RAISE NOTICE`):
  // the IF does the guarding, read as without the handler; the handler, as for statements that
  // can run twice, is accepted as it is.
  if (!ifStmt) {
    const sql = executedSql(stmts);
    return sql ? { statements: sql, how: 'DO block of statements that can run twice', guards: false } : undefined;
  }
  if (ifStmt.elsif_list || ifStmt.else_body) return undefined;
  const cond = String(((ifStmt.cond as Json | undefined)?.PLpgSQL_expr as Json | undefined)?.query ?? '');
  const sql = executedSql(withoutReturn(ifStmt.then_body));
  if (!sql) return undefined;
  // Read as an expression: `IF ( NOT EXISTS (…) ) THEN` is `IF NOT EXISTS (…) THEN`.
  const test = readCondition(cond);
  // "Create it if it is missing": undoing it is safe whether or not the block ran it. Only a
  // guard if it tests what the block creates (checked by the caller).
  if (test?.kind === 'absent') return { statements: sql, how: `DO block guarded by IF NOT EXISTS${ignoring}`, guards: true, test: test.expr };
  // "Only where it applies": statements that can run twice anyway, undone under the same test.
  if (test?.kind === 'present') return { statements: sql, how: `DO block guarded by IF EXISTS${ignoring}`, guards: false, condition: cond.trim() };
  return undefined;
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

/**
 * The SQL of statements that are all plain SQL (no PL/pgSQL control flow, no dynamic EXECUTE);
 * a RAISE below EXCEPTION (`RAISE NOTICE 'added'`) only reports and does not count.
 */
function executedSql(stmts: Json[]): string[] | undefined {
  const sql = stmts.filter((s) => !isReport(s));
  if (!sql.length || !sql.every((s) => 'PLpgSQL_stmt_execsql' in s)) return undefined;
  return sql.map((s) => String((((s.PLpgSQL_stmt_execsql as Json).sqlstmt as Json).PLpgSQL_expr as Json).query));
}

/** Postgres's ERROR level: RAISE below it (DEBUG … WARNING) reports and goes on. */
const ERROR_LEVEL = 21;

function isReport(s: Json): boolean {
  const raise = s.PLpgSQL_stmt_raise as Json | undefined;
  return raise !== undefined && Number(raise.elog_level ?? ERROR_LEVEL) < ERROR_LEVEL;
}
