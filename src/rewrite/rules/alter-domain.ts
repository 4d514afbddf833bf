import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { inner, rewrite } from '../edits.js';
import { guardedDo, notExists } from '../guards.js';
import { fromNameList, regtype, sqlName } from '../names.js';
import { keepForReview, where } from './keep.js';
import type { Rule } from '../types.js';

/**
 * ALTER DOMAIN ADD CONSTRAINT (named) → guard on pg_constraint for the domain, down DROP
 * CONSTRAINT IF EXISTS; DROP CONSTRAINT → IF EXISTS (undoing it raises: the constraint's text
 * was not recorded); SET/DROP DEFAULT, SET/DROP NOT NULL and VALIDATE are re-runnable, their
 * downgrade a note. An unnamed constraint is kept for review.
 * Handles: AlterDomainStmt.
 */
export const alterDomain: Rule = (stmt) => {
  const node = inner(stmt, 'AlterDomainStmt');
  const domain = fromNameList(node.typeName);
  const head = `ALTER DOMAIN ${sqlName(domain)}`;
  switch (node.subtype) {
    case 'C': {
      const name = node.def && 'Constraint' in node.def ? node.def.Constraint.conname : undefined;
      if (!name) return keepForReview(stmt, 'an unnamed domain constraint cannot be guarded or dropped by name; name it');
      const exists = `SELECT 1 FROM pg_catalog.pg_constraint WHERE conname = ${quoteLiteral(name)} AND contypid = ${regtype(domain)}`;
      return rewrite(guardedDo(notExists(exists), stmt.text), [{ kind: 'sql', sql: `${head} DROP CONSTRAINT IF EXISTS ${quoteIdent(name)}` }], 'guarded on pg_constraint');
    }
    case 'X': {
      const fail = { kind: 'fail' as const, message: `cannot undo DROP CONSTRAINT ${node.name} at ${where(stmt)}: pgmend never saw its definition` };
      if (node.missing_ok) return { up: [{ sql: stmt.text }], down: [fail], fate: 'kept', how: 'already IF EXISTS', findings: [] };
      return rewrite(`${head} DROP CONSTRAINT IF EXISTS ${quoteIdent(node.name ?? '')}${node.behavior === 'DROP_CASCADE' ? ' CASCADE' : ''}`, [fail], 'added IF EXISTS');
    }
    case 'T':
    case 'N':
    case 'O':
    case 'V':
      return { up: [{ sql: stmt.text }], down: [{ kind: 'note', text: `ALTER DOMAIN at ${where(stmt)} is left as it is` }], fate: 'kept', how: 're-runnable as written', findings: [] };
    default:
      return keepForReview(stmt, 'pgmend cannot prove this ALTER DOMAIN re-runnable');
  }
};
