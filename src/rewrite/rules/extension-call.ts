/**
 * `SELECT pgmq.create('jobs')` and `SELECT cron.schedule('nightly', '0 3 * * *', $$…$$)`: calls
 * of extension functions that are safe to run twice (pgmq creates a queue only once; pg_cron
 * updates the job of that name), kept as written. Down removes the queue or the job, when there.
 * Also pg_dump's `SELECT setval(…)` with constants (an absolute position) and unscheduling a cron
 * job by name from cron.job. A call of any other function is a data change for review.
 */
import { quoteLiteral } from '../../sql/quote.js';
import { guardedDo } from '../guards.js';
import { keep, where } from './keep.js';
import type { ParsedStatement, Rewrite } from '../types.js';

interface FuncCall {
  funcname?: Array<{ String?: { sval?: string } }>;
  args?: Array<{ A_Const?: { sval?: { sval?: string } } }>;
}

/** What undoes each re-runnable call, given its first argument (a string literal). */
const RERUNNABLE: Record<string, { args: number; down: (name: string) => string; how: string }> = {
  'pgmq.create': { args: 1, down: (q) => dropQueue(q), how: 'pgmq creates a queue only once' },
  'pgmq.create_unlogged': { args: 1, down: (q) => dropQueue(q), how: 'pgmq creates a queue only once' },
  'cron.schedule': {
    args: 3, // with a job name: pg_cron (1.3+) updates the job of that name instead of adding one
    down: (job) => guardedDo(`EXISTS (SELECT 1 FROM cron.job WHERE jobname = ${quoteLiteral(job)})`, `    PERFORM cron.unschedule(${quoteLiteral(job)})`),
    how: 'pg_cron updates the job of that name',
  },
};

function dropQueue(queue: string): string {
  return guardedDo(`EXISTS (SELECT 1 FROM pgmq.meta WHERE queue_name = ${quoteLiteral(queue)})`, `    PERFORM pgmq.drop_queue(${quoteLiteral(queue)})`);
}

/** The rewrite of a lone call of a re-runnable extension function, else undefined. */
export function extensionCall(stmt: ParsedStatement): Rewrite | undefined {
  if (unschedulesByName(stmt)) return keep(stmt, 're-runnable as written: it unschedules only a job that is there', [{ kind: 'note', text: `the job unscheduled at ${where(stmt)} is not scheduled again` }]);
  const call = loneCall(stmt);
  const name = call?.funcname?.map((p) => p.String?.sval ?? '').join('.').toLowerCase();
  // pg_dump's `SELECT pg_catalog.setval('t_id_seq', 42, true)`: an absolute position, the same twice.
  if ((name === 'setval' || name === 'pg_catalog.setval') && call!.args?.every((a) => a.A_Const)) {
    return keep(stmt, 're-runnable as written: it sets an absolute position', [{ kind: 'note', text: `the sequence position set at ${where(stmt)} is not put back` }]);
  }
  const known = name ? RERUNNABLE[name] : undefined;
  const first = call?.args?.[0]?.A_Const?.sval?.sval;
  if (!known || first === undefined || call!.args!.length !== known.args) return undefined;
  return keep(stmt, `re-runnable as written: ${known.how}`, [{ kind: 'sql', sql: known.down(first) }]);
}

/** `SELECT cron.unschedule(jobname) FROM cron.job WHERE jobname = 'x'`: only jobs that are there. */
function unschedulesByName(stmt: ParsedStatement): boolean {
  return /^\s*select\s+cron\.unschedule\s*\(\s*jobname\s*\)\s+from\s+cron\.job\s+where\s+jobname\s*=\s*'[^']*'\s*$/i.test(stmt.text);
}

/** The parts of a SelectStmt a lone call shows in. */
interface Select {
  targetList?: Array<{ ResTarget?: { val?: { FuncCall?: FuncCall; ColumnRef?: unknown } } }>;
  fromClause?: Array<{ RangeFunction?: { functions?: Array<{ List?: { items?: Array<{ FuncCall?: FuncCall }> } }> } }>;
  whereClause?: unknown;
}

/** `SELECT f(…)` or `SELECT [*] FROM f(…)`, with nothing else in the statement. */
function loneCall(stmt: ParsedStatement): FuncCall | undefined {
  const select = (stmt.node as { SelectStmt?: Select } | undefined)?.SelectStmt;
  if (!select || select.whereClause) return undefined;
  const targets = select.targetList ?? [];
  if (!select.fromClause) return targets.length === 1 ? targets[0]!.ResTarget?.val?.FuncCall : undefined;
  if (select.fromClause.length !== 1 || targets.some((t) => !t.ResTarget?.val?.ColumnRef)) return undefined; // SELECT [*] FROM f(…)
  const functions = select.fromClause[0]!.RangeFunction?.functions ?? [];
  return functions.length === 1 ? functions[0]!.List?.items?.[0]?.FuncCall : undefined;
}
