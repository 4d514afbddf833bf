import { inner } from '../edits.js';
import { callsVolatile } from '../volatile.js';
import { dataChange, dataNotUndone } from './data-change.js';
import { keep } from './keep.js';
import type { Rule } from '../types.js';

/**
 * DELETE … WHERE over its own table only (no USING, no subquery, no clock or chance in the
 * condition) can run twice as written: a second run finds nothing left to delete. It is kept
 * (its downgrade is a note: rows are not put back). A DELETE of every row, or one that reads
 * other tables, is a data change for review (data-change.ts).
 * Handles: DeleteStmt.
 */
export const deleteRows: Rule = (stmt, ctx) => {
  const node = inner(stmt, 'DeleteStmt');
  const condition = node.whereClause;
  if (!condition || node.usingClause?.length || node.withClause || hasSubquery(condition) || callsVolatile(condition)) return dataChange(stmt, ctx);
  return keep(stmt, 'DELETE that can run twice: a second run finds nothing left to delete', [dataNotUndone(stmt)]);
};

function hasSubquery(node: unknown): boolean {
  return JSON.stringify(node).includes('"SubLink"');
}
