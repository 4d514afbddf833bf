import type { AlterEnumStmt, CreateEnumStmt } from '@pgsql/types';
import { parseSql } from '../../sql/parser.js';
import { quoteLiteral } from '../../sql/quote.js';
import { applyEdits, codeTokens, findKeywords, insertAfter } from '../../sql/tokens.js';
import { exists, guardedDo, notExists, qualifiedForRegclass } from '../guards.js';
import type { Definitions } from '../definitions.js';
import { defKey, fromNameList, sqlName, strings, type QualifiedName } from '../names.js';
import type { Rule, UpStep } from '../types.js';

/**
 * ALTER TYPE … ADD VALUE → ADD VALUE IF NOT EXISTS, never inside a DO block (before
 * Postgres 12 it cannot run in a transaction block at all, so it is marked non-transactional
 * there). Postgres cannot drop an enum label, so the downgrade leaves it (an extra label is
 * harmless) with a note, and the rest of the rollback still runs.
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
  if (alter.skipIfNewValExists) {
    return { up: [upStep(stmt.text, ctx.pgVersion)], down, fate: 'kept', how: 'already ADD VALUE IF NOT EXISTS', findings: [] };
  }
  const tokens = codeTokens(stmt.text);
  const value = findKeywords(tokens, ['ADD', 'VALUE'], 2) + 1;
  const words = tokens[value]!.text === 'value' ? 'if not exists' : 'IF NOT EXISTS';
  const sql = applyEdits(stmt.text, [insertAfter(tokens, value, words)]);
  return { up: [upStep(sql, ctx.pgVersion)], down, fate: 'idempotent', how: 'added IF NOT EXISTS', findings: [] };
};

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

/** Before Postgres 12, ADD VALUE cannot run inside a transaction block. */
function upStep(sql: string, pgVersion: number): UpStep {
  return pgVersion < 12 ? { sql, nonTransactional: true } : { sql };
}

/** Label `from` exists in the enum and `to` does not; the type resolves as ALTER TYPE resolves it. */
function renameGuard(type: QualifiedName, from: string, to: string): string {
  const label = (l: string) =>
    `SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = to_regtype(${quoteLiteral(qualifiedForRegclass(type.schema, type.name))}) AND enumlabel = ${quoteLiteral(l)}`;
  return `${exists(label(from))} AND ${notExists(label(to))}`;
}
