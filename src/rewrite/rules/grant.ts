import { applyEdits, codeTokens, type Token } from '../../sql/tokens.js';
import { grantedAt, heldValue, privilegeUnits, REVOKED, unitStatement, type PrivilegeUnit } from '../privileges.js';
import { findTopLevel } from '../token-spans.js';
import type { DownStep, ParsedStatement, Rule } from '../types.js';
import { keep, where } from './keep.js';

/**
 * GRANT / REVOKE kept: both run again without error. Down undoes what the statement changed,
 * measured against the privileges earlier statements granted: a GRANT revokes only what was not
 * granted before, a REVOKE grants back only what an earlier statement granted (never what may
 * not have been there: a rollback must not open access). The whole inverse statement (GRANT ↔
 * REVOKE, TO ↔ FROM) when all of it applies; one statement per privilege when part of it does;
 * a note when none does, or when grant/admin options, GRANTED BY or CASCADE make the inverse
 * inexact.
 * Handles: GrantStmt, GrantRoleStmt, AlterDefaultPrivilegesStmt.
 */
export const grant: Rule = (stmt, ctx) => {
  const found = privilegeUnits(stmt.node);
  if (!found) return keep(stmt, 're-runnable as written', [note(stmt, 'are left as they are')]);
  const { isGrant, units } = found;
  // Where each unit was held before this statement: granted by an earlier one, or by default.
  const before = units.map((u) => {
    const held = ctx.defs.get('privilege', u.key);
    return held === undefined ? (u.byDefault ? "Postgres's default" : undefined) : grantedAt(held);
  });
  for (const u of units) ctx.defs.set('privilege', u.key, isGrant ? heldValue(where(stmt), u) : REVOKED);
  // A GRANT undoes the units that were not held before it; a REVOKE, those that were.
  const undo = units.filter((_, i) => (before[i] === undefined) === isGrant);
  const heldAt = before.find((w) => w !== undefined);
  let down: DownStep[];
  if (!undo.length) {
    down = [isGrant ? note(stmt, `were all granted already (at ${heldAt}): the downgrade keeps them`) : note(stmt, 'were not granted by any earlier statement pgmend read: the downgrade grants nothing back')];
  } else if (undo.length === units.length) {
    const inverse = invert(stmt.text);
    down = [inverse ? { kind: 'sql', sql: inverse } : note(stmt, 'are left as they are')];
  } else {
    down = unitStatements(undo, !isGrant) ?? [note(stmt, `were partly granted already (at ${heldAt}); the downgrade leaves them as they are`)];
  }
  return keep(stmt, 're-runnable as written', down);
};

function note(stmt: ParsedStatement, what: string): DownStep {
  return { kind: 'note', text: `privileges changed at ${where(stmt)} ${what}` };
}

/** One GRANT or REVOKE per unit; undefined when some unit cannot be written alone. */
function unitStatements(units: PrivilegeUnit[], grant: boolean): DownStep[] | undefined {
  if (units.some((u) => !u.on)) return undefined;
  return units.map(({ on }) => ({ kind: 'sql', sql: unitStatement(on!, grant) }));
}

const NOT_SIMPLE = new Set(['OPTION', 'ADMIN', 'INHERIT', 'GRANTED', 'CASCADE', 'RESTRICT']);

function invert(sql: string): string | undefined {
  const tokens = codeTokens(sql);
  if (tokens.some((t) => NOT_SIMPLE.has(t.keyword))) return undefined;
  const verb = tokens.findIndex((t) => t.keyword === 'GRANT' || t.keyword === 'REVOKE');
  if (verb < 0) return undefined;
  const isGrant = tokens[verb]!.keyword === 'GRANT';
  const target = findTopLevel(tokens, new Set([isGrant ? 'TO' : 'FROM']), verb + 1);
  if (target < 0) return undefined;
  return applyEdits(sql, [swap(tokens[verb]!, isGrant ? 'REVOKE' : 'GRANT'), swap(tokens[target]!, isGrant ? 'FROM' : 'TO')]);
}

function swap(t: Token, text: string) {
  return { start: t.start, end: t.end, text };
}
