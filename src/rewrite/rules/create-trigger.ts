import type { CreateTrigStmt } from '@pgsql/types';
import type { Finding } from '../../findings.js';
import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { rewrite } from '../edits.js';
import { guardedDo, notExists } from '../guards.js';
import { defKey, fromRangeVar, regclass, sqlName } from '../names.js';
import type { DownStep, Rule } from '../types.js';
import { withOrReplace } from './or-replace.js';

/**
 * CREATE TRIGGER → `CREATE OR REPLACE TRIGGER` on Postgres ≥ 14, else (and always for
 * constraint triggers, which OR REPLACE does not support) a guard on pg_trigger for the
 * schema-qualified table. Down: DROP TRIGGER IF EXISTS, then the earlier definition if an
 * earlier file created the same trigger.
 * Handles: CreateTrigStmt.
 */
export const createTrigger: Rule = (stmt, ctx) => {
  const trig = (stmt.node as { CreateTrigStmt: CreateTrigStmt }).CreateTrigStmt;
  const table = fromRangeVar(trig.relation ?? {});
  const name = trig.trigname ?? '';
  const key = defKey(table, name);
  const earlier = ctx.defs.get('trigger', key);
  ctx.defs.set('trigger', key, stmt.text);
  const down: DownStep[] = [{ kind: 'sql', sql: `DROP TRIGGER IF EXISTS ${quoteIdent(name)} ON ${sqlName(table)}` }];
  if (earlier !== undefined) down.push({ kind: 'sql', sql: earlier });

  if (trig.replace && ctx.pgVersion >= 14) return { up: [{ sql: stmt.text }], down, fate: 'kept', how: 'already CREATE OR REPLACE', findings: [] };
  if (trig.replace) {
    const message = `CREATE OR REPLACE TRIGGER needs Postgres 14; the target is ${ctx.pgVersion}`;
    const tooNew: Finding = { code: 'needs-newer-postgres', severity: 'error', message, location: stmt.location, hint: 'write CREATE TRIGGER, or raise --pg-version' };
    return { up: [{ sql: stmt.text }], down, fate: 'review', how: message, findings: [tooNew] };
  }
  if (ctx.pgVersion >= 14 && !trig.isconstraint) {
    return rewrite(withOrReplace(stmt.text), down, 'added OR REPLACE');
  }
  const exists = `SELECT 1 FROM pg_catalog.pg_trigger WHERE tgname = ${quoteLiteral(name)} AND tgrelid = ${regclass(table)} AND NOT tgisinternal`;
  return rewrite(guardedDo(notExists(exists), stmt.text), down, 'guarded on pg_trigger');
};
