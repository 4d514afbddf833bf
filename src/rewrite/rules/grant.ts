import { applyEdits, codeTokens, type Token } from '../../sql/tokens.js';
import { keep, where } from './keep.js';
import { findTopLevel } from '../token-spans.js';
import type { DownStep, Rule } from '../types.js';

/**
 * GRANT / REVOKE kept: both run again without error. Down is the inverse statement (GRANT ↔
 * REVOKE, TO ↔ FROM) when it is simple; with grant/admin options, GRANTED BY or CASCADE the
 * inverse would not restore the earlier state, so the downgrade leaves it with a note.
 * Handles: GrantStmt, GrantRoleStmt, AlterDefaultPrivilegesStmt.
 */
export const grant: Rule = (stmt) => {
  const inverse = invert(stmt.text);
  const down: DownStep[] = inverse ? [{ kind: 'sql', sql: inverse }] : [{ kind: 'note', text: `privileges changed at ${where(stmt)} are left as they are` }];
  return keep(stmt, 're-runnable as written', down);
};

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
