import { keepForReview } from './keep.js';
import type { Rule } from '../types.js';

/**
 * RENAME of table, column, constraint, index → guarded on "old exists and new does not".
 * Handles: RenameStmt.
 */
export const rename: Rule = (stmt) => keepForReview(stmt, 'no rule yet for rename', 'no-rule');
