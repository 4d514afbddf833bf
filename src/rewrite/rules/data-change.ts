import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * UPDATE / DELETE / DO / SELECT kept verbatim: data change, review.
 * Handles: UpdateStmt, DeleteStmt, DoStmt, SelectStmt, MergeStmt, CopyStmt.
 */
export const dataChange: Rule = (stmt) => keepForReview(stmt, 'no rule yet for data-change', 'no-rule');
