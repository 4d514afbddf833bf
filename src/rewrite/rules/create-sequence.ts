import { dropStep, ifNotExists, inner } from '../edits.js';
import { defKey, fromRangeVar, sqlName } from '../names.js';
import { guardCreate } from '../rerun-guards.js';
import type { Rule } from '../types.js';

/**
 * CREATE SEQUENCE → IF NOT EXISTS; down DROP SEQUENCE IF EXISTS.
 * Handles: CreateSeqStmt.
 */
export const createSequence: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'CreateSeqStmt');
  const seq = fromRangeVar(node.sequence ?? {});
  const created = ifNotExists(stmt, node.if_not_exists, ['SEQUENCE'], [dropStep(`DROP SEQUENCE IF EXISTS ${sqlName(seq)}`)], (sql) =>
    ctx.defs.set('sequence', defKey(seq), sql),
  );
  return guardCreate(stmt, ctx, created, { kind: 'relation', name: seq });
};
