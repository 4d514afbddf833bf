/**
 * Steps that create LANGUAGE sql functions (marked `checkedBody` by the rewrite, see
 * rewrite/function-bodies.ts) run with check_function_bodies off, as pg_dump creates them: run
 * again on a database a later revision already changed, their bodies may name a column it
 * renamed. The setting goes back to what it was right after them, so neither the rest of the
 * revision nor later revisions sharing its transaction (Alembic's default env.py runs them all in
 * one) lose the check.
 *
 * Inside a transaction: `SET LOCAL`, the earlier value saved and put back transaction-locally (a
 * failure rolls all of it back). Where the steps may run outside one (an autocommit block,
 * a node-pg-migrate revision with `pgm.noTransaction()`, a plain SQL file whose runner pgmend
 * does not know), SET LOCAL would do nothing: the session's value is saved, set and put back.
 */
import { quoteLiteral } from '../sql/quote.js';
import type { OutputFormat, PlannedStep } from './types.js';

/** Where the value is kept meanwhile (not withSettingsRestored's `pgmend.saved_…`: both may be in use). */
const SLOT = quoteLiteral('pgmend.check_function_bodies');

const WHY = `-- pgmend: LANGUAGE sql functions are created without checking their bodies, as pg_dump does (run
-- again, a body may name what a later revision renamed or dropped); the check is back right after`;

export function withBodiesUnchecked(steps: PlannedStep[], format: OutputFormat): PlannedStep[] {
  if (!steps.some(marked)) return steps;
  // node-pg-migrate runs a revision with any such step entirely outside a transaction.
  const allOutside = format === 'node-pg-migrate' && steps.some((s) => s.kind === 'sql' && s.nonTransactional);
  const out: PlannedStep[] = [];
  for (let i = 0; i < steps.length; ) {
    const first = steps[i]!;
    if (!marked(first)) {
      out.push(first);
      i++;
      continue;
    }
    const outside = Boolean(first.nonTransactional);
    let end = i + 1;
    while (end < steps.length && marked(steps[end]!) && Boolean((steps[end] as { nonTransactional?: boolean }).nonTransactional) === outside) end++;
    const local = !outside && !allOutside && format !== 'sql';
    const is = local ? 'true' : 'false';
    const at = { origin: first.origin, location: first.location, ...(outside ? { nonTransactional: true } : {}) };
    // The user's comments before the statement stay above everything that runs it.
    const { leading, ...body } = first;
    out.push(
      { kind: 'sql', sql: `${WHY}\nSELECT set_config(${SLOT}, current_setting('check_function_bodies'), ${is})`, ...at, ...(leading ? { leading } : {}) },
      { kind: 'sql', sql: `SET ${local ? 'LOCAL ' : ''}check_function_bodies = off`, ...at },
      body,
      ...steps.slice(i + 1, end),
      { kind: 'sql', sql: `SELECT set_config('check_function_bodies', current_setting(${SLOT}), ${is})`, ...at },
    );
    i = end;
  }
  return out;
}

function marked(step: PlannedStep): step is PlannedStep & { kind: 'sql' } {
  return step.kind === 'sql' && step.checkedBody === true;
}
