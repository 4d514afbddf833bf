import type { AlterEnumStmt, CreateEnumStmt } from '@pgsql/types';
import { parseSql } from '../../sql/parser.js';
import { quoteLiteral } from '../../sql/quote.js';
import { escapeRegExp } from '../../regexp.js';
import { applyEdits, codeTokens, findKeywords, insertAfter } from '../../sql/tokens.js';
import { exists, guardedDo, notExists } from '../guards.js';
import type { Definitions } from '../definitions.js';
import { defKey, fromNameList, regtype, sqlName, strings, type QualifiedName } from '../names.js';
import { info } from '../edits.js';
import { mentionedLater } from '../lookahead.js';
import type { Finding } from '../../findings.js';
import { guardRewrite, stillThere } from '../rerun-guards.js';
import type { ParsedStatement, Rewrite, RewriteContext, Rule, UpStep } from '../types.js';

/**
 * ALTER TYPE … ADD VALUE → ADD VALUE IF NOT EXISTS, marked non-transactional before Postgres
 * 12 and when a later statement of the migration uses the new label; in a DO block only when
 * a later statement renames or drops the type (Postgres ≥ 12, transactional). Postgres cannot
 * drop an enum label, so the downgrade leaves it (an extra label is harmless) with a note, and
 * the rest of the rollback still runs.
 * ALTER TYPE … RENAME VALUE → guarded on pg_enum (old label present, new one absent); down
 * renames back under the mirrored guard.
 * Handles: AlterEnumStmt.
 */
export const alterEnum: Rule = (stmt, ctx) => {
  const alter = (stmt.node as { AlterEnumStmt: AlterEnumStmt }).AlterEnumStmt;
  const type = fromNameList(alter.typeName);
  const newVal = alter.newVal ?? '';
  updateRecordedLabels(ctx.defs, type, alter);
  if (alter.oldVal !== undefined) {
    const oldVal = alter.oldVal;
    relabelDefaults(ctx.defs, type, oldVal, newVal);
    const renameBack = `ALTER TYPE ${sqlName(type)} RENAME VALUE ${quoteLiteral(newVal)} TO ${quoteLiteral(oldVal)}`;
    return {
      up: [{ sql: guardedDo(renameGuard(type, oldVal, newVal), stmt.text) }],
      down: [{ kind: 'sql', sql: guardedDo(renameGuard(type, newVal, oldVal), renameBack) }],
      fate: 'idempotent',
      how: 'guarded on pg_enum',
      findings: [],
    };
  }
  const note = `Postgres cannot drop enum label ${quoteLiteral(newVal)} from ${sqlName(type)}; it stays (an extra label is harmless)`;
  const down = [{ kind: 'note' as const, text: note }];
  const { step, findings } = addValueStep(stmt, ctx, newVal);
  const added: Rewrite = alter.skipIfNewValExists
    ? { up: [step(stmt.text)], down, fate: 'kept', how: 'already ADD VALUE IF NOT EXISTS', findings }
    : { up: [step(withIfNotExists(stmt.text))], down, fate: 'idempotent', how: 'added IF NOT EXISTS', findings };
  // From Postgres 12 a transactional ADD VALUE may run in a DO block, so it can wait for its type.
  return guardRewrite(stmt, added, stillThere(ctx, { kind: 'type', name: type }), 'skipped once the type is gone (renamed or dropped later in this migration)');
};

function withIfNotExists(sql: string): string {
  const tokens = codeTokens(sql);
  const value = findKeywords(tokens, ['ADD', 'VALUE'], 2) + 1;
  const words = tokens[value]!.text === 'value' ? 'if not exists' : 'IF NOT EXISTS';
  return applyEdits(sql, [insertAfter(tokens, value, words)]);
}

/**
 * Before Postgres 12, ADD VALUE cannot run inside a transaction block. From 12 it can, but the
 * new label cannot be used until that transaction commits: when a later statement of the same
 * migration mentions it, the step runs outside the revision's transaction too.
 */
function addValueStep(stmt: ParsedStatement, ctx: RewriteContext, label: string): { step: (sql: string) => UpStep; findings: Finding[] } {
  if (ctx.pgVersion < 12) return { step: (sql) => ({ sql, nonTransactional: true }), findings: [] };
  if (!mentionedLater(ctx, quoteLiteral(label))) return { step: (sql) => ({ sql }), findings: [] };
  const why = `a later statement of this migration uses label ${quoteLiteral(label)}, which Postgres refuses before the transaction that added it commits: ADD VALUE runs outside the revision's transaction`;
  return { step: (sql) => ({ sql, nonTransactional: true }), findings: [info(stmt, 'enum-value-committed-first', why)] };
}

/**
 * Keeps the recorded `CREATE TYPE … AS ENUM (…)` in step with the labels, so the downgrade of
 * a later DROP TYPE recreates the type as it was at that point. Only the label list is rewritten.
 */
function updateRecordedLabels(defs: Definitions, type: QualifiedName, alter: AlterEnumStmt): void {
  const key = defKey(type);
  const sql = defs.get('type', key);
  const created = sql === undefined ? undefined : (parseSql(sql).stmts?.[0]?.stmt as { CreateEnumStmt?: CreateEnumStmt }).CreateEnumStmt;
  if (sql === undefined || !created) return;
  const labels = strings(created.vals);
  const newVal = alter.newVal ?? '';
  if (labels.includes(newVal)) return;
  if (alter.oldVal !== undefined) {
    const at = labels.indexOf(alter.oldVal);
    if (at < 0) return;
    labels[at] = newVal;
  } else {
    const at = alter.newValNeighbor === undefined ? -1 : labels.indexOf(alter.newValNeighbor);
    labels.splice(at < 0 ? labels.length : at + (alter.newValIsAfter ? 1 : 0), 0, newVal);
  }
  const tokens = codeTokens(sql);
  const open = tokens[findKeywords(tokens, ['ENUM']) + 1]!;
  const close = tokens[tokens.length - 1]!;
  defs.set('type', key, applyEdits(sql, [{ start: open.end, end: close.start, text: labels.map(quoteLiteral).join(', ') }]));
}

/** Label `from` exists in the enum and `to` does not; the type resolves as ALTER TYPE resolves it. */
function renameGuard(type: QualifiedName, from: string, to: string): string {
  const label = (l: string) =>
    `SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = ${regtype(type)} AND enumlabel = ${quoteLiteral(l)}`;
  return `${exists(label(from))} AND ${notExists(label(to))}`;
}

/**
 * Column defaults recorded as the renamed label follow it: Postgres stores a default as the
 * enum value, so after `RENAME VALUE 'employee' TO 'person'` it reads 'person', and a later
 * downgrade must put back 'person' (by then 'employee' is no label of the type).
 */
function relabelDefaults(defs: Definitions, type: QualifiedName, from: string, to: string): void {
  const old = new RegExp(`^${escapeRegExp(quoteLiteral(from))}(?=::|$)`);
  const ofType = (spelled: string | undefined) => spelled !== undefined && spelled.replace(/(\[\])+$/, '').split('.').pop()!.replace(/^"(.*)"$/, '$1') === type.name;
  for (const key of defs.names('column-default')) {
    const value = defs.get('column-default', key)!;
    if (old.test(value) && ofType(defs.get('column-type', key))) defs.set('column-default', key, value.replace(old, quoteLiteral(to)));
  }
}
